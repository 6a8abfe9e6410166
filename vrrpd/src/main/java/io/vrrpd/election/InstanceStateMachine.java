package io.vrrpd.election;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The election of one VRRP instance (RFC 3768 §6.3-6.4; RFC 5798 §6.4 for v3 timers), with the keepalived
 * behaviours admins rely on. Pure: the caller passes every input and the current monotonic time, and
 * performs the returned actions in order (see {@link Action} for the guaranteed orders). Not thread-safe:
 * one event loop owns it.
 *
 * <h2>Choices, and why</h2>
 * <ul>
 *   <li><b>Start-up.</b> Every instance starts in BACKUP, except the address owner (priority 255), which goes
 *       MASTER at once (RFC 3768 §6.4.1). keepalived 2.2 (vrrp_scheduler.c, vrrp_init_state) does the same:
 *       {@code state MASTER} on a non-owner does not make it master; it only shortens the first master-down
 *       timer to one advert interval plus the minimum skew (priority 255's), "to allow one adver_int to
 *       pass to ensure there is no other master". We do exactly that. keepalived also clears
 *       {@code nopreempt} and {@code preempt_delay} when {@code state MASTER} is set (vrrp.c, with a config
 *       warning); that belongs in the config layer, which can name the line, so this class honours
 *       {@link ElectionParams#preempt()} as given.</li>
 *   <li><b>Equal priority never preempts.</b> A BACKUP accepts an advert whose priority is >= its own
 *       (RFC 3768 §6.4.2), so two equal-priority routers never take over from each other; only two MASTERs
 *       meeting use the address tie-break (§6.4.3). Admins use equal priorities to avoid flapping.</li>
 *   <li><b>Preempt.</b> A preempting BACKUP discards a lower-priority advert without resetting its
 *       master-down timer, so it takes over when that timer expires (not at once), as in the RFC and
 *       keepalived. With {@code preempt=false} it accepts any master, except that the owner always preempts
 *       (RFC 3768 §6.1). {@code preempt_delay} is keepalived's (vrrp.c, vrrp_state_backup): the first
 *       lower-priority advert starts the delay; until it elapses such adverts are accepted; afterwards they
 *       are discarded and the master-down timer fires; an advert of equal or higher priority cancels the
 *       delay, and so does leaving BACKUP.</li>
 *   <li><b>A MASTER hearing a lower priority</b> (or an equal priority from a lower address) re-advertises at
 *       once, as keepalived does, so the confused peer steps down within one network delay.</li>
 *   <li><b>Handover.</b> A MASTER asked to hand over removes its VIPs, resigns with priority 0 (the peer
 *       takes over after its skew time) and holds itself in BACKUP. While held it accepts any master, but
 *       when it hears no master for Master_Down_Interval it still takes over: a VIP must never be lost. The
 *       hold lasts until {@link Event.HandoverReleased} (it survives such a takeover and faults), so after
 *       the admin's failover the node keeps yielding until the admin resumes it.</li>
 *   <li><b>Preemption blocked.</b> While a hook's health check says NO_PREEMPT
 *       ({@link Event.PreemptionBlocked}) the instance behaves as with {@code nopreempt}, even as address
 *       owner: it accepts any live master and takes over only when the master dies or resigns. keepalived
 *       has no such input; Patroni's rule that a lagging standby must not take over from a healthy primary
 *       is the model.</li>
 *   <li><b>Adverts from our own primary address</b> (multicast loop-back) are ignored.</li>
 * </ul>
 */
public final class InstanceStateMachine {
    private static final long NONE = Long.MAX_VALUE;

    private final ElectionParams params;
    private State state = State.INIT;
    private int effectivePriority;
    private int masterAdvertIntervalCentis;
    private boolean handoverHold;
    private boolean preemptionBlocked;

    private long masterDownAt = NONE;
    private long advertAt = NONE;
    private long preemptDelayEndsAt = NONE;
    private long announcedDeadline = NONE;

    private InetAddress masterAddress;
    private long lastAdvertNanos;
    private InetAddress lastAdvertSource;
    private boolean heardAdvert;
    private long backupSinceNanos;
    /** Why the master-down timer was last set: the advert that set it, for the transition reason. */
    private InetAddress timerSource;
    private long timerSetAt;
    private boolean timerFromResign;
    private InetAddress discardedSource;
    private int discardedPriority;

    /** Creates a machine in INIT for the given parameters. */
    public InstanceStateMachine(ElectionParams params) {
        this.params = Objects.requireNonNull(params, "params");
        this.effectivePriority = params.priority();
        this.masterAdvertIntervalCentis = params.advertIntervalCentis();
    }

    /**
     * Feeds one event. Returns the actions to perform, in order; empty when nothing changes. After
     * {@link State#STOP} every event returns an empty list.
     *
     * @param event    the input
     * @param nowNanos the current monotonic time (e.g. {@code System.nanoTime()}); never decreasing
     */
    public List<Action> onEvent(Event event, long nowNanos) {
        Objects.requireNonNull(event, "event");
        if (state == State.STOP) {
            return List.of();
        }
        List<Action> out = new ArrayList<>(6);
        dispatch(event, nowNanos, out);
        long next = nextDeadlineNanos();
        if (next != announcedDeadline) {
            announcedDeadline = next;
            out.add(new Action.WakeAt(next));
        }
        return out.isEmpty() ? List.of() : Collections.unmodifiableList(out);
    }

    /**
     * The allocation-free form the runtime uses (issue 10: nothing allocated per advert): appends the same
     * actions, in the same order, to {@code out}, except {@link Action.WakeAt}; the caller re-arms its
     * timer from {@link #nextDeadlineNanos()} once it has performed them. Does nothing after
     * {@link State#STOP}.
     */
    public void onEvent(Event event, long nowNanos, List<Action> out) {
        Objects.requireNonNull(event, "event");
        if (state != State.STOP) {
            dispatch(event, nowNanos, out);
            announcedDeadline = nextDeadlineNanos();
        }
    }

    /**
     * {@code onEvent(new Event.AdvertReceived(source, priority, advertIntervalCentis), nowNanos, out)}
     * without the event object: a backup hears one advert per interval for as long as it runs.
     */
    public void onAdvertReceived(InetAddress source, int priority, int advertIntervalCentis, long nowNanos,
                                 List<Action> out) {
        Event.AdvertReceived.requireValid(source, priority, advertIntervalCentis);
        if (state != State.STOP) {
            onAdvert(out, source, priority, advertIntervalCentis, nowNanos);
            announcedDeadline = nextDeadlineNanos();
        }
    }

    private void dispatch(Event event, long nowNanos, List<Action> out) {
        if (event instanceof Event.Tick) {
            onTick(out, nowNanos);
        } else if (event instanceof Event.AdvertReceived advert) {
            onAdvert(out, advert.source(), advert.priority(), advert.advertIntervalCentis(), nowNanos);
        } else if (event instanceof Event.Startup) {
            onStartup(out, nowNanos);
        } else if (event instanceof Event.Shutdown) {
            onShutdown(out);
        } else if (event instanceof Event.FaultRaised fault) {
            onFaultRaised(out, fault.reason());
        } else if (event instanceof Event.FaultCleared) {
            onFaultCleared(out, nowNanos);
        } else if (event instanceof Event.PriorityChanged change) {
            onPriorityChanged(out, change.effectivePriority(), nowNanos);
        } else if (event instanceof Event.PreemptionBlocked blocked) {
            preemptionBlocked = blocked.blocked();
        } else if (event instanceof Event.HandoverRequested) {
            onHandoverRequested(out, nowNanos);
        } else if (event instanceof Event.HandoverReleased) {
            handoverHold = false;
        }
    }

    private void onStartup(List<Action> out, long now) {
        if (state != State.INIT) {
            return;
        }
        if (params.isOwner()) {
            becomeMaster(out, now, "startup as address owner (priority 255)");
            return;
        }
        if (params.initialHint() == State.MASTER && preemptionBlocked) {
            // A node whose service has not been judged yet (or may not preempt) must not claim after one
            // interval: a live master it has not heard yet would step down on its higher priority and
            // release a healthy service (found in the PostgreSQL lab). It listens a full master-down interval.
            enterBackup(out, now, "startup (state MASTER ignored while preemption is blocked by a health check)");
        } else if (params.initialHint() == State.MASTER) {
            enterBackup(out, now, "startup (state MASTER: master-down after one advert interval)");
            setMasterDownTimer(now, ElectionTimings.hintedMasterDownNanos(params.version(),
                    params.advertIntervalCentis()), null, false);
        } else {
            enterBackup(out, now, "startup");
        }
    }

    private void onShutdown(List<Action> out) {
        State from = state;
        if (from == State.MASTER) {
            out.add(new Action.RemoveVips());
            out.add(Action.SendAdvert.of(0));
        }
        clearTimers();
        state = State.STOP;
        out.add(new Action.Transition(from, State.STOP, "shutdown"));
    }

    private void onTick(List<Action> out, long now) {
        if (state == State.BACKUP && now >= masterDownAt) {
            becomeMaster(out, now, masterDownReason(now));
        } else if (state == State.MASTER && now >= advertAt) {
            out.add(Action.SendAdvert.of(effectivePriority));
            // The next advert is due one interval after this one was due, not after this one went out:
            // a late wake-up (a loaded CPU) then shortens the next interval instead of shifting every later
            // advert, so the adverts keep RFC 3768 §6.4.3's "every Advertisement_Interval" without drift.
            // keepalived counts from the send; measured under stress-ng (BENCHMARKS.md, soak) that makes each
            // interval as late as its wake-up, where here it is only the difference of two wake-ups. After a
            // stall of a whole interval or more, the schedule starts again from now.
            long next = advertAt + params.advertIntervalNanos();
            advertAt = next > now ? next : gridAfter(now);
        }
    }

    private void onAdvert(List<Action> out, InetAddress source, int priority, int intervalCentis, long now) {
        if ((state != State.BACKUP && state != State.MASTER) || source.equals(params.primaryAddress())) {
            return;
        }
        lastAdvertNanos = now;
        lastAdvertSource = source;
        heardAdvert = true;
        if (state == State.BACKUP) {
            onAdvertAsBackup(source, priority, intervalCentis, now);
        } else {
            onAdvertAsMaster(out, source, priority, intervalCentis, now);
        }
    }

    /** RFC 3768 §6.4.2, with nopreempt, preempt_delay and the handover hold. */
    private void onAdvertAsBackup(InetAddress source, int priority, int intervalCentis, long now) {
        if (priority == 0) {
            masterAddress = null;
            setMasterDownTimer(now, ElectionTimings.skewNanos(params.version(), effectivePriority,
                    masterAdvertIntervalCentis), source, true);
            return;
        }
        boolean preempting = (params.preempt() || params.isOwner()) && !handoverHold && !preemptionBlocked;
        boolean delayApplies = preempting && params.preemptDelayNanos() > 0;
        boolean accept = !preempting || priority >= effectivePriority
                || (delayApplies && (preemptDelayEndsAt == NONE || now < preemptDelayEndsAt));
        if (!accept) {
            discardedSource = source;
            discardedPriority = priority;
            return;
        }
        if (delayApplies) {
            if (priority >= effectivePriority) {
                preemptDelayEndsAt = NONE;
            } else if (preemptDelayEndsAt == NONE) {
                preemptDelayEndsAt = now + params.preemptDelayNanos();
            }
        }
        learnMasterInterval(intervalCentis);
        masterAddress = source;
        discardedSource = null;
        setMasterDownTimer(now, masterDownNanos(), source, false);
    }

    /** RFC 3768 §6.4.3, plus keepalived's immediate re-advert to a lower-priority master. */
    private void onAdvertAsMaster(List<Action> out, InetAddress source, int priority, int intervalCentis, long now) {
        int addressOrder = PrimaryAddressOrder.INSTANCE.compare(source, params.primaryAddress());
        if (priority > effectivePriority || (priority == effectivePriority && addressOrder > 0)) {
            String reason = priority > effectivePriority
                    ? "higher priority " + priority + " from " + address(source)
                    : "equal priority " + priority + " from higher address " + address(source);
            out.add(new Action.RemoveVips());
            learnMasterInterval(intervalCentis);
            enterBackup(out, now, reason);
            masterAddress = source;
            setMasterDownTimer(now, masterDownNanos(), source, false);
            return;
        }
        out.add(Action.SendAdvert.of(effectivePriority));
        advertAt = gridAfter(now);
    }

    private void onFaultRaised(List<Action> out, String reason) {
        State from = state;
        if (from == State.FAULT) {
            return;
        }
        if (from == State.MASTER) {
            out.add(new Action.RemoveVips());
            out.add(Action.SendAdvert.of(0));
        }
        clearTimers();
        masterAddress = null;
        state = State.FAULT;
        out.add(new Action.Transition(from, State.FAULT, "fault: " + reason));
    }

    private void onFaultCleared(List<Action> out, long now) {
        if (state != State.FAULT) {
            return;
        }
        if (params.isOwner() && !handoverHold && !preemptionBlocked) {
            becomeMaster(out, now, "fault cleared, address owner (priority 255)");
        } else {
            enterBackup(out, now, "fault cleared");
        }
    }

    /**
     * A tracked script, file or interface weight moved the priority. A MASTER advertises the new value at
     * once, so a backup that now outranks it starts preempting within one network delay instead of one
     * advert interval later; a BACKUP's skew follows from the next advert it accepts.
     */
    private void onPriorityChanged(List<Action> out, int priority, long now) {
        if (priority == effectivePriority) {
            return;
        }
        effectivePriority = priority;
        if (state == State.MASTER) {
            out.add(Action.SendAdvert.of(effectivePriority));
            advertAt = gridAfter(now);
        }
    }

    private void onHandoverRequested(List<Action> out, long now) {
        if (state != State.MASTER) {
            return;
        }
        out.add(new Action.RemoveVips());
        out.add(Action.SendAdvert.of(0));
        handoverHold = true;
        enterBackup(out, now, "handover requested (vrrpctl failover)");
        masterAddress = null;
    }

    /** Moves to BACKUP with a fresh Master_Down_Interval timer; the caller adjusts it if needed. */
    private void enterBackup(List<Action> out, long now, String reason) {
        State from = state;
        clearTimers();
        state = State.BACKUP;
        backupSinceNanos = now;
        masterAddress = null;
        discardedSource = null;
        setMasterDownTimer(now, masterDownNanos(), null, false);
        out.add(new Action.Transition(from, State.BACKUP, reason));
    }

    /** RFC 3768 §6.4.2 "If the Master_Down_Timer fires": advert first, then the VIPs and gratuitous ARP. */
    private void becomeMaster(List<Action> out, long now, String reason) {
        State from = state;
        clearTimers();
        state = State.MASTER;
        masterAddress = null;
        out.add(Action.SendAdvert.of(effectivePriority));
        out.add(new Action.Transition(from, State.MASTER, reason));
        out.add(new Action.AddVips());
        out.add(new Action.SendGarp());
        advertAt = gridAfter(now);
    }

    /**
     * When the next advert is due after one sent out of turn (becoming master, answering a lower priority,
     * a priority change): the next point on the grid of this advert interval on the monotonic clock, at most
     * one interval away. Every master with the same interval then advertises at the same instants, and the
     * event loop wakes once for all of them instead of once each (200 masters: 200 wake-ups a second
     * otherwise, with each schedule kept free of drift by {@link #onTick}). Only that first interval is
     * shorter; a backup cannot tell an early advert from a timely one.
     */
    private long gridAfter(long now) {
        long interval = params.advertIntervalNanos();
        return Math.floorDiv(now, interval) * interval + interval;
    }

    private void setMasterDownTimer(long now, long intervalNanos, InetAddress source, boolean resign) {
        masterDownAt = now + intervalNanos;
        timerSetAt = now;
        timerSource = source;
        timerFromResign = resign;
    }

    private void clearTimers() {
        masterDownAt = NONE;
        advertAt = NONE;
        preemptDelayEndsAt = NONE;
    }

    /** RFC 5798 §6.4.2: a v3 backup sets Master_Adver_Interval from the advert it accepts. */
    private void learnMasterInterval(int intervalCentis) {
        if (params.version() == 3) {
            masterAdvertIntervalCentis = intervalCentis;
        }
    }

    private long masterDownNanos() {
        int interval = params.version() == 3 ? masterAdvertIntervalCentis : params.advertIntervalCentis();
        return ElectionTimings.masterDownNanos(params.version(), effectivePriority, interval);
    }

    private String masterDownReason(long now) {
        StringBuilder reason = new StringBuilder();
        if (timerFromResign) {
            reason.append("master ").append(address(timerSource)).append(" resigned (priority 0 advert ")
                    .append(seconds(now - timerSetAt)).append(" ago)");
        } else if (timerSource != null) {
            reason.append("master-down timer expired (last advert from ").append(address(timerSource))
                    .append(' ').append(seconds(now - timerSetAt)).append(" ago");
            if (discardedSource != null) {
                reason.append("; preempting lower priority ").append(discardedPriority).append(" from ")
                        .append(address(discardedSource));
            }
            reason.append(')');
        } else {
            reason.append("master-down timer expired (no master heard for ").append(seconds(now - backupSinceNanos))
                    .append(discardedSource == null ? "" : "; preempting lower priority " + discardedPriority
                            + " from " + address(discardedSource))
                    .append(')');
        }
        if (handoverHold) {
            reason.append(" despite handover hold: taking over so the VIPs are not lost");
        }
        return reason.toString();
    }

    private static String address(InetAddress address) {
        return address.getHostAddress();
    }

    /**
     * Hundredths of a second, e.g. {@code 0.36 s}. Built by hand: this runs at takeover, before the first
     * advert leaves, and java.util.Formatter's first use in a process costs milliseconds (class loading).
     */
    static String seconds(long nanos) {
        long centis = Math.round(nanos / 1e7);
        String sign = centis < 0 ? "-" : "";
        long abs = Math.abs(centis);
        long frac = abs % 100;
        return sign + abs / 100 + "." + (frac < 10 ? "0" : "") + frac + " s";
    }

    /** The configuration this machine runs with. */
    public ElectionParams params() {
        return params;
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** The priority used in adverts and for preempt and skew decisions. */
    public int effectivePriority() {
        return effectivePriority;
    }

    /** Master_Adver_Interval in centiseconds: learnt from the master for v3, our own for v2. */
    public int masterAdvertIntervalCentis() {
        return masterAdvertIntervalCentis;
    }

    /**
     * The current master: our own primary address when MASTER, the source of the last accepted advert when
     * BACKUP, null when unknown (none heard yet, it resigned, or FAULT/INIT/STOP).
     */
    public InetAddress masterAddress() {
        return state == State.MASTER ? params.primaryAddress() : masterAddress;
    }

    /**
     * The router whose advert {@link #lastAdvertNanos} is: the peer a failover mail names, also after this
     * node took over (when {@link #masterAddress} is this node). Null if none was heard.
     */
    public InetAddress lastAdvertSource() {
        return lastAdvertSource;
    }

    /** When the last advert from another router was heard (accepted or not), empty if never. */
    public OptionalLong lastAdvertNanos() {
        return heardAdvert ? OptionalLong.of(lastAdvertNanos) : OptionalLong.empty();
    }

    /** True while a health check's NO_PREEMPT verdict keeps this instance from preempting a live master. */
    public boolean preemptionBlocked() {
        return preemptionBlocked;
    }

    /** True while a handover hold keeps this instance from preempting. */
    public boolean handoverHold() {
        return handoverHold;
    }

    /** The earliest timer deadline, {@link Long#MAX_VALUE} when no timer is armed. */
    public long nextDeadlineNanos() {
        return Math.min(masterDownAt, advertAt);
    }

    /**
     * Why a {@link Event.HandoverRequested} would be refused now, e.g. "not MASTER (state BACKUP)"; empty
     * when it would be carried out. The event itself returns no actions when refused.
     */
    public Optional<String> handoverRefusal() {
        if (state == State.MASTER) {
            return Optional.empty();
        }
        String hold = handoverHold ? ", handover hold already active" : "";
        return Optional.of("not MASTER (state " + state + hold + ")");
    }
}
