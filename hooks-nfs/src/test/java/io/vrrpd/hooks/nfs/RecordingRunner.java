package io.vrrpd.hooks.nfs;

import io.vrrpd.hooks.CommandRunner;
import io.vrrpd.hooks.ScriptCommand;
import io.vrrpd.hooks.ScriptRun;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} that runs nothing: it records every command line and answers from a script of
 * results per exact command line (consumed in order; the last one repeats). A command nobody scripted
 * answers exit 127, so an unexpected call shows up in the recorded sequence and fails the assertion.
 */
final class RecordingRunner implements CommandRunner {
    private final Map<String, Deque<ScriptRun>> answers = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** Scripts the next answer to {@code commandLine} (argv joined by single blanks). */
    RecordingRunner on(String commandLine, int exit, String stdout, String stderr) {
        String last = stderr.isBlank() ? "" : stderr.strip().lines().reduce((a, b) -> b).orElse("");
        answers.computeIfAbsent(commandLine, k -> new ArrayDeque<>()).add(new ScriptRun(commandLine,
                ScriptRun.Status.EXITED, exit, "", stdout, stderr, last, Duration.ofMillis(1)));
        return this;
    }

    RecordingRunner on(String commandLine, int exit) {
        return on(commandLine, exit, "", "");
    }

    RecordingRunner on(String commandLine, String stdout) {
        return on(commandLine, 0, stdout, "");
    }

    @Override
    public synchronized ScriptRun run(String label, ScriptCommand command, Map<String, String> env, Duration timeout) {
        String line = String.join(" ", command.argv());
        calls.add(line);
        Deque<ScriptRun> q = answers.get(line);
        if (q == null || q.isEmpty()) {
            return new ScriptRun(line, ScriptRun.Status.EXITED, 127, "", "", "not scripted", "not scripted",
                    Duration.ZERO);
        }
        return q.size() > 1 ? q.poll() : q.peek();
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized void reset() {
        calls.clear();
        answers.clear();
    }
}
