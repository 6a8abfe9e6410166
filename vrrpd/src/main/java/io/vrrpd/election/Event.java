package io.vrrpd.election;

import java.net.InetAddress;
import java.util.Objects;

/** An input to {@link InstanceStateMachine#onEvent}. The runtime supplies the time separately. */
public sealed interface Event {

    /** Start the instance (INIT -> BACKUP, or MASTER at once for the address owner). */
    record Startup() implements Event {
    }

    /** Stop the instance: a MASTER resigns with a priority-0 advert; every state goes to STOP. */
    record Shutdown() implements Event {
    }

    /**
     * Time has reached (or passed) the deadline the machine asked for with {@link Action.WakeAt}. Early or
     * stale ticks are harmless: the machine checks its own timers against the time it is given.
     */
    record Tick() implements Event {
        /** The one instance the runtime passes on every timer (a tick carries no data; no allocation per advert). */
        public static final Tick INSTANCE = new Tick();
    }

    /**
     * An advertisement for our VRID, already validated by the codec (version, VRID, checksum, TTL, addresses).
     *
     * @param source               the sender's primary IP address (IP source of the packet)
     * @param priority             0..255; 0 means the master is resigning (RFC 3768 §5.3.4)
     * @param advertIntervalCentis the interval the sender advertises (v2: seconds * 100)
     */
    record AdvertReceived(InetAddress source, int priority, int advertIntervalCentis) implements Event {
        /** Validates the fields the codec is expected to have checked already. */
        public AdvertReceived {
            requireValid(source, priority, advertIntervalCentis);
        }

        static void requireValid(InetAddress source, int priority, int advertIntervalCentis) {
            Objects.requireNonNull(source, "source");
            if (priority < 0 || priority > 255) {
                throw new IllegalArgumentException("priority must be 0..255 (was " + priority + ")");
            }
            if (advertIntervalCentis < 1) {
                throw new IllegalArgumentException("advertIntervalCentis must be >= 1 (was "
                        + advertIntervalCentis + ")");
            }
        }
    }

    /**
     * The runtime's aggregate of fault sources went from none to some.
     *
     * @param reason a human phrase, e.g. "interface eth0 down"
     */
    record FaultRaised(String reason) implements Event {
        /** Requires a reason. */
        public FaultRaised {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The runtime's aggregate of fault sources went from some to none. */
    record FaultCleared() implements Event {
    }

    /**
     * The effective priority changed (tracking weights).
     *
     * @param effectivePriority 1..255
     */
    record PriorityChanged(int effectivePriority) implements Event {
        /** Validates the range. */
        public PriorityChanged {
            if (effectivePriority < 1 || effectivePriority > 255) {
                throw new IllegalArgumentException("effectivePriority must be 1..255 (was "
                        + effectivePriority + ")");
            }
        }
    }

    /**
     * A health check started or stopped forbidding preemption (NO_PREEMPT): while blocked, a BACKUP
     * accepts any live master, as with {@code nopreempt}, but still takes over a dead or resigning one.
     *
     * @param blocked true to forbid preemption, false to allow it again
     */
    record PreemptionBlocked(boolean blocked) implements Event {
    }

    /** {@code vrrpctl failover}: a MASTER hands over and holds itself in BACKUP. */
    record HandoverRequested() implements Event {
    }

    /** {@code vrrpctl resume}: clears the handover hold. */
    record HandoverReleased() implements Event {
    }
}
