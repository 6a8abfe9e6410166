package io.vrrpd.net;

/**
 * Sets the scheduling policy of the calling thread: the event loop asks for a real-time one, so that an
 * advert due while every CPU is busy does not wait behind ordinary work for a turn.
 */
public interface ThreadScheduler {

    /** A platform that leaves every thread as it is (tests, simulations): normal, and no refusal to report. */
    ThreadScheduler UNCHANGED = priority -> Scheduling.normal("");

    /**
     * Applies to the calling thread only. Never throws: a refusal comes back as a normal {@link Scheduling}
     * with the reason, and the thread keeps running as before.
     *
     * @param realtimePriority 1..99 for SCHED_RR at that priority, 0 for the normal policy
     */
    Scheduling apply(int realtimePriority);

    /**
     * How a thread ended up being scheduled.
     *
     * @param realtimePriority the SCHED_RR priority it runs at, 0 for the normal policy
     * @param refusal          why a real-time policy asked for was refused, empty when none was refused
     */
    record Scheduling(int realtimePriority, String refusal) {
        public static Scheduling realtime(int priority) {
            return new Scheduling(priority, "");
        }

        public static Scheduling normal(String refusal) {
            return new Scheduling(0, refusal);
        }

        public boolean refused() {
            return !refusal.isEmpty();
        }

        /** "SCHED_RR priority 1" or "normal (SCHED_OTHER)", as status and the log show it. */
        public String policy() {
            return realtimePriority > 0 ? "SCHED_RR priority " + realtimePriority : "normal (SCHED_OTHER)";
        }
    }
}
