package io.vrrpd.hooks;

/** How one hook run ended. */
public enum HookOutcome {
    /** The hook did its work. */
    OK,
    /** The hook reported a failure or threw; the detail says why in one line. */
    FAILED,
    /** The hook did not finish within its timeout and was stopped (interrupted, processes killed). */
    TIMED_OUT,
    /** The hook had nothing to do for this transition, or was not run (earlier takeover failure, shutdown). */
    SKIPPED;

    /** True for the outcomes that make a takeover fail. */
    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT;
    }
}
