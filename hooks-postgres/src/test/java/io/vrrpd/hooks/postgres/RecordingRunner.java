package io.vrrpd.hooks.postgres;

import io.vrrpd.hooks.CommandRunner;
import io.vrrpd.hooks.ScriptCommand;
import io.vrrpd.hooks.ScriptRun;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A CommandRunner that records every command and answers with scripted exit codes (0 when none is queued). */
final class RecordingRunner implements CommandRunner {
    record Call(String label, List<String> argv, String user, Map<String, String> env) {
    }

    final List<Call> calls = new ArrayList<>();
    private final Deque<Integer> exits = new ArrayDeque<>();

    RecordingRunner exits(Integer... codes) {
        exits.addAll(List.of(codes));
        return this;
    }

    @Override
    public ScriptRun run(String label, ScriptCommand command, Map<String, String> env, Duration timeout) {
        calls.add(new Call(label, command.argv(), command.user(), env));
        int exit = exits.isEmpty() ? 0 : exits.poll();
        return new ScriptRun(label, ScriptRun.Status.EXITED, exit, "", "", exit == 0 ? "" : "boom\n",
                exit == 0 ? "" : "boom", Duration.ofMillis(5));
    }

    List<String> labels() {
        return calls.stream().map(Call::label).toList();
    }
}
