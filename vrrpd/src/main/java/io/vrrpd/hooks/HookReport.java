package io.vrrpd.hooks;

import java.util.Objects;

/**
 * What a {@link Hook} returns: its outcome, a one-line detail and optionally captured output. The
 * runner adds the hook's name, phase, instance and timing to make a {@link HookResult}.
 *
 * @param outcome how it ended
 * @param detail  one line for logs and {@code vrrpctl status}; never a stack trace
 * @param output  captured output (e.g. the tail of a script's stdout/stderr), may be empty
 */
public record HookReport(HookOutcome outcome, String detail, String output) {

    public HookReport {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
        output = output == null ? "" : output;
    }

    /** Success with a one-line detail. */
    public static HookReport ok(String detail) {
        return new HookReport(HookOutcome.OK, detail, "");
    }

    /** Failure with a one-line reason; no exception needed. */
    public static HookReport failed(String detail) {
        return new HookReport(HookOutcome.FAILED, detail, "");
    }

    /** Nothing to do for this transition. */
    public static HookReport skipped(String detail) {
        return new HookReport(HookOutcome.SKIPPED, detail, "");
    }

    /** The hook enforced its own deadline and stopped its work. */
    public static HookReport timedOut(String detail) {
        return new HookReport(HookOutcome.TIMED_OUT, detail, "");
    }

    /** The same report with captured output attached. */
    public HookReport withOutput(String capturedOutput) {
        return new HookReport(outcome, detail, capturedOutput);
    }
}
