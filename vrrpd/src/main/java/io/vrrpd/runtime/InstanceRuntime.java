package io.vrrpd.runtime;

import io.vrrpd.config.InitialState;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.VirtualIp;
import io.vrrpd.election.Action;
import io.vrrpd.election.ElectionParams;
import io.vrrpd.election.Event;
import io.vrrpd.election.InstanceStateMachine;
import io.vrrpd.election.State;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.net.AddressManager;
import io.vrrpd.protocol.Expectation;
import io.vrrpd.protocol.ReceivedFields;
import io.vrrpd.track.InstanceTracking;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running VRRP instance: its election, its side of the wire, its VIPs and counters. Lives on the
 * event loop; every method is called there. It performs the election's actions in the order the
 * election guarantees (see {@link Action}), through the parts that own each piece of state:
 * {@link ElectionFeed} (events in, the election's timer), {@link AdvertReceiver} and {@link AdvertSender}
 * (the wire), {@link InstanceVips} (the addresses), {@link InstanceFaults} (fault sources) and
 * {@link TakeoverGate} (transitions told to hooks, the takeover gate, planned handover).
 */
final class InstanceRuntime {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");

    /** What happens on a transition besides the wire: hooks, notify scripts. */
    interface TransitionListener {
        void onTransition(InstanceRuntime instance, Action.Transition transition);

        /**
         * The same, with the transition's number and whether the release hooks of the MASTER period it
         * ends already ran (a planned handover runs them before resigning).
         */
        default void onTransition(InstanceRuntime instance, Action.Transition transition, long sequence,
                                  boolean releaseDone) {
            onTransition(instance, transition);
        }
    }

    /** The prefix of the fault keys hooks raise; {@link #hookFaultKey} makes one. */
    static final String HOOK_FAULT = "hook:";

    private InstanceConfig config;
    private final InstanceStateMachine machine;
    private final AdvertReceiver receiver;
    private final InterfacePort port;
    private final GarpScheduler garp;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG);
    private final InstanceFaults faults = new InstanceFaults(this);
    final InstanceCounters counters = new InstanceCounters();
    private final AdvertSender sender;
    private final InstanceVips vips;
    /** Feeds the election and re-arms its timer; the actions come back to {@link #apply}. */
    private final ElectionFeed election;
    private long stateSinceNanos;
    private Action.Transition lastTransition;
    private long lastTransitionNanos;
    private boolean started;
    private InstanceTracking tracking;
    /** The state for threads off the loop (hook health checks are told it). */
    private volatile State publishedState = State.INIT;
    /** Who else hears of state changes at once (sync groups); hooks hear them through the listener. */
    private TransitionListener stateObserver = (i, t) -> { };
    /** Numbers transitions and tells them to the listener; the takeover gate and planned handover. */
    private final TakeoverGate gate;

    InstanceRuntime(InstanceConfig config, InterfacePort port, AddressManager addresses, ArpPort arp,
                    ToIntFunction<String> ifindexOf, EventLoop loop, TransitionListener listener) {
        this.config = config;
        this.port = port;
        this.vips = new InstanceVips(config, addresses, ifindexOf, counters, rateLimited, loop, LOG);
        InetAddress primary = config.unicastSrcIp().orElse(port.primaryAddress());
        this.machine = new InstanceStateMachine(new ElectionParams(config.name(), config.vrid(), config.priority(),
                config.advertIntervalCentis(), config.preempt(), config.preemptDelay().toNanos(), primary,
                config.version(), config.initialState() == InitialState.MASTER ? State.MASTER : State.BACKUP));
        this.election = new ElectionFeed(machine, loop, this::apply);
        this.sender = new AdvertSender(config, primary, port, counters, rateLimited);
        this.receiver = new AdvertReceiver(config.name(), Expectation.of(sender.advert()), counters, rateLimited);
        this.garp = new GarpScheduler(loop, config.garp(), () -> vips.announce(arp));
        this.gate = new TakeoverGate(this, vips, garp, loop, listener, LOG);
        this.tracking = InstanceTracking.none(config.priority());
        // Encoded once here, unsent, and the takeover rehearsed on a copy of the election: a backup's first
        // advert at takeover must not pay for loading and interpreting that code for the first time.
        sender.encode();
        TakeoverRehearsal.run(machine.params(), AdvertSender.group(config.isIpv6()));
        // In INIT (e.g. during vrrp_startup_delay) "time in state" counts from creation, not from nanoTime's origin.
        this.stateSinceNanos = loop.clock().nanoTime();
    }

    /**
     * Announces a VIP to the segment: gratuitous ARP for IPv4, an unsolicited neighbour advertisement
     * for IPv6 (RFC 5798 §8.2.3, in the GARP schedule's place); kept tiny so tests can count frames.
     */
    interface ArpPort {
        void announce(String ifname, InetAddress vip) throws IOException;
    }

    String name() {
        return config.name();
    }

    InstanceConfig config() {
        return config;
    }

    InterfacePort port() {
        return port;
    }

    InstanceStateMachine machine() {
        return machine;
    }

    State state() {
        return machine.state();
    }

    long stateSinceNanos() {
        return stateSinceNanos;
    }

    Optional<Action.Transition> lastTransition() {
        return Optional.ofNullable(lastTransition);
    }

    long lastTransitionNanos() {
        return lastTransitionNanos;
    }

    Map<String, String> faults() {
        return faults.all();
    }

    boolean vipsHeld() {
        return vips.held();
    }

    /** Removes VIPs a crashed earlier run left on the interface (not for the address owner: they are its own). */
    void removeStaleVips() {
        vips.removeStale();
    }

    void start(long now) {
        started = true;
        stateSinceNanos = now;
        if (!tracking.preemptionBlockers().isEmpty()) {
            // Before the election starts, so that a health check with no verdict yet also cancels the
            // shortened first wait of `state MASTER` (see InstanceStateMachine).
            feed(new Event.PreemptionBlocked(true), now);
        }
        feed(new Event.Startup(), now);
        if (faults.any()) {
            feed(new Event.FaultRaised(faults.summary()), now);
        }
    }

    boolean started() {
        return started;
    }

    /** A datagram for this instance's VRID arrived (IP header included); see {@link AdvertReceiver}. */
    void onDatagram(ByteBuffer datagram, long now) {
        ReceivedFields received = receiver.check(datagram, now);
        if (received == null || !started) {
            return;
        }
        election.feedAdvert(received, now);
    }

    /** A fault source appeared (interface down, tracked interface down...). */
    void raiseFault(String key, String reason, long now) {
        faults.raise(key, reason, now);
    }

    /**
     * A fault source went away. Called by whatever raised it: the link tracker, {@code vrrpctl resume} for
     * hook faults ({@link #clearHookFaults}), a hook's health check reporting READY or NO_PREEMPT again
     * (key {@link #hookFaultKey}). The instance leaves FAULT (to BACKUP) when no fault is left.
     */
    void clearFault(String key, long now) {
        faults.clear(key, now);
    }

    InstanceTracking tracking() {
        return tracking;
    }

    void tracking(InstanceTracking next) {
        tracking = next;
    }

    State publishedState() {
        return publishedState;
    }

    void onStateChange(TransitionListener observer) {
        stateObserver = observer;
    }

    /**
     * A tracked item changed: apply the effective priority (keepalived: "Changing effective priority"), the
     * faults of weight-0 items and the hooks' NO_PREEMPT verdicts to the election.
     */
    void trackingChanged(long now) {
        int effective = tracking.effectivePriority();
        if (effective != machine.effectivePriority()) {
            LOG.info("({}) Changing effective priority from {} to {}", name(), machine.effectivePriority(), effective);
            feed(new Event.PriorityChanged(effective), now);
        }
        List<String> blockers = tracking.preemptionBlockers();
        if (blockers.isEmpty() == machine.preemptionBlocked()) {
            LOG.info("({}) preemption {}", name(), blockers.isEmpty() ? "allowed again"
                    : "blocked by health check: " + String.join("; ", blockers));
            feed(new Event.PreemptionBlocked(!blockers.isEmpty()), now);
        }
        faults.trackedAre(tracking.faults(), now);
    }

    /** vrrpctl failover: empty when carried out or started, else why not ({@link TakeoverGate#failover}). */
    Optional<String> failover(long now) {
        Optional<String> refusal = machine.handoverRefusal();
        if (refusal.isPresent()) {
            return refusal;
        }
        return gate.failover(now);
    }

    /** The running planned handover's outcome, or null when none runs. */
    CompletableFuture<String> pendingHandover() {
        return gate.pendingHandover();
    }

    /** vrrpctl resume: whether a hold was released. */
    boolean resume(long now) {
        boolean held = machine.handoverHold();
        feed(new Event.HandoverReleased(), now);
        return held;
    }

    /** vrrpctl resume: clears the faults hooks raised; returns their reasons. */
    List<String> clearHookFaults(long now) {
        return faults.clearAll(HOOK_FAULT, now);
    }

    /** A reload changed only the priority: keep state and VIPs, advertise the new value. */
    void retune(InstanceConfig next, long now) {
        LOG.info("({}) priority {} -> {} (reload)", name(), config.priority(), next.priority());
        config = next;
        vips.reconfigure(next);
        tracking.basePriority(next.priority());
        feed(new Event.PriorityChanged(tracking.effectivePriority()), now);
    }

    /** A reload changed only the hooks: keep state and VIPs; the dispatcher installs the new hooks. */
    void rehook(InstanceConfig next) {
        LOG.info("({}) hooks replaced by reload ({} configured)", name(), next.hooks().size());
        config = next;
        vips.reconfigure(next);
    }

    /** Stops the instance: a master resigns with priority 0 and removes its VIPs. */
    void shutdown(long now) {
        feed(new Event.Shutdown(), now);
        garp.cancel();
        election.cancelWake();
        if (vips.held()) {
            vips.removeAll(); // never leave a VIP behind, whatever the election said
        }
    }

    /** Our VIP was removed by someone else while we are master: put it back (keepalived does too). */
    void onAddressRemoved(int ifindex, InetAddress address, long now) {
        if (!vips.held() || machine.state() != State.MASTER) {
            return;
        }
        vips.restore(ifindex, address);
    }

    /** Feeds the election one event and performs its actions. */
    void feed(Event event, long now) {
        election.feed(event, now);
    }

    /**
     * Performs the election's actions in order (indexed: an iterator would be an allocation per advert),
     * then re-arms its timer where {@link Action.WakeAt} would have come: last, before the listeners hear
     * of transitions.
     */
    private void apply(List<Action> out, long now) {
        for (int i = 0; i < out.size(); i++) {
            Action a = out.get(i);
            if (a instanceof Action.SendAdvert s) {
                sender.send(s.priority(), now);
            } else if (a instanceof Action.AddVips) {
                if (!gate.takeoverPending()) {
                    vips.addAll();
                }
            } else if (a instanceof Action.RemoveVips) {
                garp.cancel();
                vips.removeOnResign();
            } else if (a instanceof Action.SendGarp) {
                if (!gate.takeoverPending()) {
                    garp.start(now);
                }
            } else if (a instanceof Action.Transition t) {
                transition(t, now);
            }
        }
        election.rearmWake();
        gate.flushTransitions();
    }

    private void transition(Action.Transition t, long now) {
        counters.transitions++;
        if (t.to() == State.MASTER) {
            counters.becameMaster++;
        }
        stateSinceNanos = now;
        publishedState = t.to();
        stateObserver.onTransition(this, t);
        lastTransition = t;
        lastTransitionNanos = now;
        LOG.info("({}) {} -> {}: {}", name(), t.from(), t.to(), t.reason());
        gate.onTransition(t);
    }

    /** The fault key of a hook, e.g. {@code hook:check-db}; see {@link #clearFault}. */
    static String hookFaultKey(String hook) {
        return HOOK_FAULT + hook;
    }

    /** True while takeover hooks run (status: MASTER on the wire, VIPs not yet added). */
    boolean takeoverPending() {
        return gate.takeoverPending();
    }

    /** True while a planned handover runs its release hooks. */
    boolean handoverPending() {
        return gate.handoverPending();
    }

    /** The hook context of a transition, as hooks and scripts see it. */
    HookContext hookContext(Action.Transition t, long sequence, boolean planned) {
        List<String> vips = hookContextVips();
        InetAddress peer = machine.masterAddress();
        return new HookContext(name(), t.from().name(), t.to().name(), t.reason(), machine.effectivePriority(), vips,
                peer == null ? null : peer.getHostAddress(), sequence, planned);
    }

    /** The virtual addresses as hooks see them. */
    List<String> hookContextVips() {
        List<String> vips = new ArrayList<>();
        for (VirtualIp v : config.virtualIps()) {
            vips.add(v.address().getHostAddress());
        }
        return vips;
    }

    /** The number of the last transition (0 before the first). */
    long transitionSequence() {
        return gate.transitionSequence();
    }
}
