package io.vrrpd.hooks;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link HookRunner}.
 *
 * @param resultsPerInstance    how many recent results to keep per instance for status
 * @param maxPendingPerInstance transitions that may wait in one lane; beyond that a submission is
 *                              answered at once with {@link HookOutcome#SKIPPED} results and counted
 * @param timeoutSlack          extra time after a hook's own timeout before the runner interrupts it,
 *                              so hooks that enforce their deadline themselves (TERM, then KILL after
 *                              2 s) can report it first
 * @param stopGrace             how long to wait for an interrupted hook to end before abandoning it
 * @param closeWait             how long {@link HookRunner#close()} waits for queued work in total
 */
public record HookRunnerSettings(int resultsPerInstance, int maxPendingPerInstance, Duration timeoutSlack,
                                 Duration stopGrace, Duration closeWait) {

    public HookRunnerSettings {
        if (resultsPerInstance < 1) {
            throw new IllegalArgumentException("resultsPerInstance must be >= 1 (was " + resultsPerInstance + ")");
        }
        if (maxPendingPerInstance < 1) {
            throw new IllegalArgumentException(
                    "maxPendingPerInstance must be >= 1 (was " + maxPendingPerInstance + ")");
        }
        requireNonNegative(timeoutSlack, "timeoutSlack");
        requireNonNegative(stopGrace, "stopGrace");
        requireNonNegative(closeWait, "closeWait");
    }

    /**
     * 16 results, 1024 pending submissions, 3 s slack, 3 s stop grace, 10 s close wait. A transition queues
     * up to two submissions (release, notify), so a storm of several hundred transitions is still notified
     * in full and in order (issue 6: 100 forced transitions); a submission costs a few hundred bytes.
     */
    public static HookRunnerSettings defaults() {
        return new HookRunnerSettings(16, 1024, Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    private static void requireNonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative (was " + d + ")");
        }
    }
}
