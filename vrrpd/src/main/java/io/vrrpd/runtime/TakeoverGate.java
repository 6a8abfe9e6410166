package io.vrrpd.runtime;

import io.vrrpd.election.Action;
import io.vrrpd.election.Event;
import io.vrrpd.election.State;
import io.vrrpd.hooks.HookResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;

/**
 * The hook side of an instance's transitions: numbers them, tells the listener (hooks, notify scripts)
 * once the wire and address work is done, holds the VIPs of a new MASTER until its takeover hooks
 * succeeded (issue 6), and runs a planned handover's release hooks before resigning. Hook results come
 * back from the hook threads through {@link EventLoop#post}; everything here runs on the event loop.
 */
final class TakeoverGate {
    private final InstanceRuntime instance;
    private final InstanceVips vips;
    private final GarpScheduler garp;
    private final EventLoop loop;
    private final InstanceRuntime.TransitionListener listener;
    private final Logger log;
    private final List<Pending> pendingTransitions = new ArrayList<>(2);
    private long transitionSequence;
    /** Takeover hooks are running: MASTER on the wire, VIPs not added yet. */
    private Gate gate;
    /** A planned handover is running its release hooks: VIPs removed, still advertising our priority. */
    private PlannedRelease plannedRelease;
    /** The release hooks of the current MASTER period already ran (planned handover). */
    private boolean releaseRan;

    /** A transition waiting to be told to the listener. */
    private record Pending(Action.Transition transition, long sequence, boolean releaseDone) {
    }

    /** A takeover waiting for its hooks; the MASTER transition is told to the listener once it resolves. */
    private record Gate(Pending master) {
    }

    /** A planned handover waiting for its release hooks; {@code done} answers vrrpctl failover. */
    private record PlannedRelease(long sequence, CompletableFuture<String> done) {
    }

    TakeoverGate(InstanceRuntime instance, InstanceVips vips, GarpScheduler garp, EventLoop loop,
                 InstanceRuntime.TransitionListener listener, Logger log) {
        this.instance = instance;
        this.vips = vips;
        this.garp = garp;
        this.loop = loop;
        this.listener = listener;
        this.log = log;
    }

    /** The number of the last transition (0 before the first). */
    long transitionSequence() {
        return transitionSequence;
    }

    /** True while takeover hooks run (status: MASTER on the wire, VIPs not yet added). */
    boolean takeoverPending() {
        return gate != null;
    }

    /** True while a planned handover runs its release hooks. */
    boolean handoverPending() {
        return plannedRelease != null;
    }

    /** The running planned handover's outcome, or null when none runs. */
    CompletableFuture<String> pendingHandover() {
        return plannedRelease == null ? null : plannedRelease.done();
    }

    /** A transition happened (already counted and logged): number it, and gate it or queue it for the listener. */
    void onTransition(Action.Transition t) {
        boolean releaseDone = false;
        if (t.from() == State.MASTER) {
            endMasterPeriod(t);
            releaseDone = releaseRan;
            releaseRan = false;
        }
        Pending p = new Pending(t, ++transitionSequence, releaseDone);
        if (t.to() == State.MASTER && hooks().gates(instance.name())) {
            startGate(p);
        } else {
            pendingTransitions.add(p);
        }
    }

    /**
     * Hooks and notify scripts hear of a transition only once its wire and address work is done, so
     * notify_master never runs before the VIP is on the interface; a gated MASTER transition is told when
     * its takeover hooks resolve, always before the transition that follows it.
     */
    void flushTransitions() {
        if (!pendingTransitions.isEmpty()) {
            List<Pending> done = List.copyOf(pendingTransitions);
            pendingTransitions.clear();
            done.forEach(p -> listener.onTransition(instance, p.transition(), p.sequence(), p.releaseDone()));
        }
    }

    /** Leaving MASTER while hooks were still deciding: their late results must change nothing. */
    private void endMasterPeriod(Action.Transition t) {
        if (gate != null) {
            log.warn("({}) left MASTER ({}) before its takeover hooks finished; the VIPs were never added",
                    instance.name(), t.reason());
            pendingTransitions.add(gate.master());
            gate = null;
        }
        if (plannedRelease != null) {
            plannedRelease.done().complete("left MASTER before the release hooks finished: " + t.reason());
            plannedRelease = null;
        }
        vips.masterPeriodEnded();
    }

    // ---- the takeover gate (issue 6): MASTER on the wire, VIPs only after every takeover hook succeeded ----

    /**
     * The claiming advert has been sent (it precedes the transition, RFC 3768 §6.4.2); the VIPs wait for
     * the takeover hooks. Adverts keep flowing from the election's timer meanwhile: this loop never waits.
     */
    private void startGate(Pending master) {
        gate = new Gate(master);
        vips.withhold();
        long sequence = master.sequence();
        log.info("({}) running takeover hooks before adding the virtual IPs (transition #{})", instance.name(),
                sequence);
        hooks().takeover(instance.hookContext(master.transition(), sequence, false))
                .whenComplete((results, error) -> loop.post(() -> onTakeoverDone(sequence, results, error)));
    }

    private void onTakeoverDone(long sequence, List<HookResult> results, Throwable error) {
        if (gate == null || gate.master().sequence() != sequence || instance.state() != State.MASTER) {
            log.info("({}) takeover hooks of transition #{} finished after the instance moved on; result ignored",
                    instance.name(), sequence);
            return;
        }
        Pending master = gate.master();
        gate = null;
        long now = loop.now();
        Optional<HookFailure> failure = HookFailure.first(results, error);
        pendingTransitions.add(master);
        if (failure.isEmpty()) {
            vips.addWithheld();
            garp.start(now);
            log.info("({}) takeover hooks succeeded; virtual IPs added", instance.name());
            flushTransitions();
            return;
        }
        HookFailure f = failure.get();
        log.error("({}) takeover refused: {}; going FAULT and resigning with priority 0 (the VIPs were never added)",
                instance.name(), f.reason());
        instance.raiseFault(InstanceRuntime.hookFaultKey(f.hook()), f.reason(), now);
        flushTransitions();
    }

    // ---- planned handover (vrrpctl failover with release hooks) ----

    /**
     * vrrpctl failover once the election allows it: empty when carried out or started, else why not. With
     * release hooks the order is VIPs removed, release hooks (planned) while we keep advertising our own
     * priority so the peer does not take over early, then the priority-0 advert; {@link #pendingHandover}
     * tells when that is done.
     */
    Optional<String> failover(long now) {
        if (gate != null) {
            return Optional.of("its takeover hooks are still running; try again when they have finished");
        }
        if (plannedRelease != null) {
            return Optional.of("a planned handover is already running its release hooks");
        }
        InstanceHooks hooks = hooks();
        if (!hooks.releases(instance.name())) {
            instance.feed(new Event.HandoverRequested(), now);
            return Optional.empty();
        }
        garp.cancel();
        if (vips.held()) {
            vips.removeAll();
        }
        vips.withhold();
        releaseRan = true;
        long sequence = transitionSequence;
        plannedRelease = new PlannedRelease(sequence, new CompletableFuture<>());
        log.info("({}) planned handover: virtual IPs removed; running release hooks before resigning", instance.name());
        Action.Transition t = new Action.Transition(State.MASTER, State.BACKUP, "handover requested (vrrpctl failover)");
        hooks.plannedRelease(instance.hookContext(t, sequence, true))
                .whenComplete((results, error) -> loop.post(() -> onPlannedReleaseDone(sequence, results, error)));
        return Optional.empty();
    }

    private void onPlannedReleaseDone(long sequence, List<HookResult> results, Throwable error) {
        if (plannedRelease == null || plannedRelease.sequence() != sequence || instance.state() != State.MASTER) {
            return;
        }
        CompletableFuture<String> done = plannedRelease.done();
        plannedRelease = null;
        long now = loop.now();
        Optional<HookFailure> failure = HookFailure.first(results, error);
        if (failure.isEmpty()) {
            instance.feed(new Event.HandoverRequested(), now);
            done.complete("");
            return;
        }
        // The VIPs are already gone; staying MASTER without them would lose the service. Resign, and say why:
        // the peer's own takeover hooks decide whether it may take over (e.g. PostgreSQL checks its replay).
        String reason = failure.get().reason() + " (planned release)";
        log.error("({}) planned handover: {}; going FAULT and resigning with priority 0", instance.name(), reason);
        instance.raiseFault(InstanceRuntime.hookFaultKey(failure.get().hook()), reason, now);
        done.complete(reason);
    }

    private InstanceHooks hooks() {
        return listener instanceof InstanceHooks h ? h : InstanceHooks.NONE;
    }
}
