package io.vrrpd.hooks.nfs;

import io.vrrpd.hooks.CommandRunner;
import io.vrrpd.hooks.ScriptCommand;
import io.vrrpd.hooks.ScriptRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hook's door to external programs: argv lists through vrrpd's {@link CommandRunner} (no shell, the
 * process tree killed at the deadline), each capped by the step's {@link Deadline} and logged with its
 * outcome and duration; failures name the command, its exit status and the last line it printed.
 */
final class Commands {
    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
    /** No single command may take longer, whatever is left of the budget (a hung mount is not waited out). */
    static final Duration MAX_COMMAND = Duration.ofSeconds(30);

    private final CommandRunner runner;
    private final String instance;

    Commands(CommandRunner runner, String instance) {
        this.runner = runner;
        this.instance = instance;
    }

    /** Runs {@code argv} and returns how it ended; never throws for a failing command. */
    ScriptRun run(Deadline deadline, List<String> argv) throws InterruptedException {
        String label = String.join(" ", argv);
        Duration budget = deadline.cap(MAX_COMMAND);
        if (budget.isZero()) {
            return new ScriptRun(label, ScriptRun.Status.TIMED_OUT, -1, "", "", "", "", Duration.ZERO);
        }
        ScriptRun run = runner.run(label, new ScriptCommand(argv, null, null), Map.of(), budget);
        LOG.info("({}) nfs: {} -> {} in {} ms", instance, label, outcome(run), run.took().toMillis());
        return run;
    }

    /** Runs {@code argv} and throws {@link StepFailure} unless it exits 0. */
    ScriptRun check(Deadline deadline, List<String> argv) throws StepFailure, InterruptedException {
        ScriptRun run = run(deadline, argv);
        if (!run.succeeded()) {
            throw new StepFailure(failure(run));
        }
        return run;
    }

    /** One line: the command, how it ended and the last thing it printed. */
    static String failure(ScriptRun run) {
        String last = run.lastError().isEmpty() ? lastLine(run.stdout()) : run.lastError();
        String how = switch (run.status()) {
            case EXITED -> "exit " + run.exitCode();
            case TIMED_OUT -> "killed after " + run.took().toMillis() + " ms (deadline)";
            case NOT_STARTED -> "not started: " + run.problem();
        };
        return run.label() + ": " + how + (last.isEmpty() ? "" : ": " + last);
    }

    private static String outcome(ScriptRun run) {
        return run.succeeded() ? "exit 0" : failure(run).substring(run.label().length() + 2);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
