package io.vrrpd.hooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of one hook run, as kept for {@code vrrpctl status} and handed back to the runtime.
 *
 * @param instance   the instance the hook ran for
 * @param sequence   the transition's {@link HookContext#sequence()}
 * @param hook       the hook's {@link Hook#name()}
 * @param phase      the phase it ran in
 * @param outcome    how it ended
 * @param detail     one line, never a stack trace
 * @param output     captured output (bounded), may be empty
 * @param took       how long it ran (zero when not run)
 * @param finishedAt wall-clock time it ended, for display
 */
public record HookResult(String instance, long sequence, String hook, HookPhase phase, HookOutcome outcome,
                         String detail, String output, Duration took, Instant finishedAt) {

    public HookResult {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
        output = output == null ? "" : output;
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** True when the outcome is {@link HookOutcome#FAILED} or {@link HookOutcome#TIMED_OUT}. */
    public boolean isFailure() {
        return outcome.isFailure();
    }

    /** True when no result in the list failed: what a takeover needs to go on to add the VIPs. */
    public static boolean allSucceeded(List<HookResult> results) {
        return results.stream().noneMatch(HookResult::isFailure);
    }
}
