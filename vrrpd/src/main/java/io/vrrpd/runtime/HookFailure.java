package io.vrrpd.runtime;

import io.vrrpd.hooks.HookOutcome;
import io.vrrpd.hooks.HookResult;
import java.util.List;
import java.util.Optional;

/**
 * The first reason a list of takeover or planned-release results forbids going on, as a fault.
 *
 * @param hook   the hook's name (the fault key is {@code hook:<name>})
 * @param reason one line for {@code faults}, e.g. {@code hook check-db: FAILED check-db: exit 3: no quorum}
 */
record HookFailure(String hook, String reason) {
    /** A skipped result whose detail says the hook never ran (lane full, runner closing): not safe to go on. */
    private static final String NOT_RUN = "not run:";

    static Optional<HookFailure> first(List<HookResult> results, Throwable error) {
        if (error != null) {
            return Optional.of(new HookFailure("runner", "hook runner: " + error));
        }
        for (HookResult r : results) {
            if (r.isFailure() || (r.outcome() == HookOutcome.SKIPPED && r.detail().startsWith(NOT_RUN))) {
                return Optional.of(new HookFailure(r.hook(), "hook " + r.hook() + ": " + r.outcome()
                        + (r.detail().isEmpty() ? "" : " " + r.detail())));
            }
        }
        return Optional.empty();
    }
}
