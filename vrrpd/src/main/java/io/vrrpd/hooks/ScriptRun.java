package io.vrrpd.hooks;

import java.time.Duration;
import java.util.Objects;

/**
 * How one script run ended.
 *
 * @param label     what ran, e.g. {@code notify_master /etc/keepalived/master.sh}
 * @param status    whether it exited, was killed at its timeout, or never started
 * @param exitCode  the exit code when {@link Status#EXITED}, else -1
 * @param problem   why it did not start ({@link Status#NOT_STARTED}), else empty
 * @param stdout    the last few KiB of standard output
 * @param stderr    the last few KiB of standard error
 * @param lastError the last non-blank line of standard error, for one-line reports
 * @param took      how long it ran
 */
public record ScriptRun(String label, Status status, int exitCode, String problem, String stdout, String stderr,
                        String lastError, Duration took) {

    /** The end of a script run. */
    public enum Status { EXITED, TIMED_OUT, NOT_STARTED }

    public ScriptRun {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(status, "status");
        problem = problem == null ? "" : problem;
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        lastError = lastError == null ? "" : lastError;
        Objects.requireNonNull(took, "took");
    }

    static ScriptRun notStarted(String label, String problem) {
        return new ScriptRun(label, Status.NOT_STARTED, -1, problem, "", "", "", Duration.ZERO);
    }

    /** True when the script ran and exited 0. */
    public boolean succeeded() {
        return status == Status.EXITED && exitCode == 0;
    }

    /** The outcome a hook reports for this run. */
    public HookOutcome outcome() {
        return switch (status) {
            case EXITED -> exitCode == 0 ? HookOutcome.OK : HookOutcome.FAILED;
            case TIMED_OUT -> HookOutcome.TIMED_OUT;
            case NOT_STARTED -> HookOutcome.FAILED;
        };
    }

    /** One line: {@code notify_master /x.sh: exit 3: <last stderr line>}. */
    public String summary() {
        return label + ": " + switch (status) {
            case EXITED -> "exit " + exitCode + (exitCode != 0 && !lastError.isEmpty() ? ": " + lastError : "");
            case TIMED_OUT -> "killed after " + took.toMillis() + " ms (timeout), with its child processes";
            case NOT_STARTED -> problem;
        };
    }

    /** Captured output for a result: stdout then stderr, each labelled, empty parts left out. */
    public String output() {
        StringBuilder sb = new StringBuilder();
        if (!stdout.isEmpty()) {
            sb.append("[").append(label).append(" stdout]\n").append(stdout);
        }
        if (!stderr.isEmpty()) {
            sb.append("[").append(label).append(" stderr]\n").append(stderr);
        }
        return sb.toString();
    }
}
