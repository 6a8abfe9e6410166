package io.vrrpd.election;

import java.util.Objects;

/**
 * An output of {@link InstanceStateMachine#onEvent}; the runtime performs them in list order.
 *
 * <p>Orders the runtime can rely on:
 * <ul>
 *   <li>becoming MASTER: {@code SendAdvert(p), Transition(x, MASTER), AddVips, SendGarp, WakeAt}. The advert
 *       comes first because it claims mastership on the wire (RFC 3768 §6.4.2); the runtime runs its takeover
 *       hooks between {@code Transition} and {@code AddVips}.</li>
 *   <li>leaving MASTER: {@code RemoveVips} first, then {@code SendAdvert(0)} when resigning voluntarily
 *       (shutdown, fault, handover), then {@code Transition}, then {@code WakeAt}. The VIPs leave this host
 *       before the priority-0 advert invites a peer to take them after its skew time.</li>
 *   <li>{@code WakeAt} is always last, and only present when the next deadline changed.</li>
 * </ul>
 */
public sealed interface Action {

    /**
     * Send one advertisement now.
     *
     * @param priority the priority to put in it; 0 to resign
     */
    record SendAdvert(int priority) implements Action {
        private static final SendAdvert[] BY_PRIORITY = new SendAdvert[256];

        static {
            for (int p = 0; p < BY_PRIORITY.length; p++) {
                BY_PRIORITY[p] = new SendAdvert(p);
            }
        }

        /** Validates the range. */
        public SendAdvert {
            if (priority < 0 || priority > 255) {
                throw new IllegalArgumentException("priority must be 0..255 (was " + priority + ")");
            }
        }

        /** The shared instance for {@code priority}: a master sends one every interval, without allocating. */
        public static SendAdvert of(int priority) {
            if (priority < 0 || priority > 255) {
                throw new IllegalArgumentException("priority must be 0..255 (was " + priority + ")");
            }
            return BY_PRIORITY[priority];
        }
    }

    /** Add the virtual addresses to the interface. */
    record AddVips() implements Action {
    }

    /** Remove the virtual addresses from the interface. */
    record RemoveVips() implements Action {
    }

    /** Send gratuitous ARP (IPv4) / unsolicited NA (IPv6) for the virtual addresses. */
    record SendGarp() implements Action {
    }

    /**
     * Deliver a {@link Event.Tick} at or after this time. Replaces any earlier request.
     *
     * @param deadlineNanos monotonic nanos; {@link Long#MAX_VALUE} cancels the wake-up
     */
    record WakeAt(long deadlineNanos) implements Action {
    }

    /**
     * The state changed; for logging, status and hooks.
     *
     * @param from   the old state
     * @param to     the new state
     * @param reason a human phrase, e.g. "higher priority 110 from 192.0.2.12"
     */
    record Transition(State from, State to, String reason) implements Action {
        /** Requires all fields and a real change. */
        public Transition {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
            if (from == to) {
                throw new IllegalArgumentException("transition must change state (" + from + ")");
            }
        }
    }
}
