package io.vrrpd.runtime;

import io.vrrpd.net.ThreadScheduler;
import io.vrrpd.net.ThreadScheduler.Scheduling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop's scheduling policy ({@code realtime_priority}, keepalived's {@code vrrp_rt_priority}):
 * set by the loop on itself at start and again when a reload changes it. A refusal is logged once, as a
 * warning with the reason, and the loop runs on at the normal policy: a missing privilege must not stop
 * the daemon or its adverts. The receive threads follow the loop ({@link #follow}): with sub-second adverts
 * a receiver left waiting for a CPU would let the master-down timer run out on an advert already arrived.
 */
final class LoopScheduling {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");

    private final ThreadScheduler scheduler;
    private final EventLoop loop;
    private int wanted;
    private Scheduling current = Scheduling.normal("");
    /** What the loop got, for the receive threads to copy: 0 when it runs normal or was refused. */
    private volatile int forReceivers;

    LoopScheduling(ThreadScheduler scheduler, EventLoop loop) {
        this.scheduler = scheduler;
        this.loop = loop;
    }

    /** Applies {@code realtimePriority} (0: normal) to the loop thread unless it is already the one asked for; on the loop. */
    void configure(int realtimePriority) {
        assert loop.inLoop();
        if (realtimePriority == wanted && (realtimePriority == current.realtimePriority() || current.refused())) {
            return; // a refusal is not retried on every reload of an unchanged priority
        }
        wanted = realtimePriority;
        current = scheduler.apply(realtimePriority);
        forReceivers = current.realtimePriority();
        if (current.refused()) {
            LOG.warn("the event loop runs at the normal priority: real-time priority {} refused by the kernel,"
                    + " {}; set realtime_priority: 0 (vrrp_rt_priority) to run without it", realtimePriority,
                    current.refusal());
        } else if (current.realtimePriority() > 0) {
            LOG.info("the event loop runs at {} (hooks and scripts keep the normal policy)", current.policy());
        } else if (realtimePriority == 0) {
            LOG.info("the event loop runs at the normal priority (realtime_priority 0)");
        }
    }

    /**
     * Called by a receive thread on each wake-up with the priority it has applied to itself (0 at first):
     * applies the loop's when it differs, and returns the one to pass next time. One volatile read when
     * nothing changed; a refusal here is not logged again (the loop's was, or the loop was not refused).
     */
    int follow(int applied) {
        int wanted = forReceivers;
        if (wanted != applied) {
            scheduler.apply(wanted);
        }
        return wanted;
    }

    /** How the loop thread is scheduled now; read on the loop. */
    Scheduling current() {
        return current;
    }
}
