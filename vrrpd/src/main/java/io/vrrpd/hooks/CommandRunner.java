package io.vrrpd.hooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs external programs for hooks: an argument vector (never a shell), a deadline after which the
 * whole process tree is killed, optionally as another user, output logged line by line and its tail
 * kept. The one door to processes for hook modules, so tests can put a recording runner in its place
 * and assert the exact command sequence.
 */
public interface CommandRunner {

    /**
     * Runs {@code command} to completion or {@code timeout}. Never throws for a bad program: one that is
     * missing or not executable comes back as {@link ScriptRun.Status#NOT_STARTED} with the reason.
     *
     * @param label   what to call it in logs and results, e.g. {@code pg_ctl promote}
     * @param command argv and the user to run as ({@code null} user: vrrpd's own)
     * @param env     variables added to the inherited environment (e.g. {@code PGPASSFILE})
     * @param timeout how long it may run
     * @return how it ended, with exit status and the tail of its output
     * @throws InterruptedException if interrupted while waiting; the process tree is killed first
     */
    ScriptRun run(String label, ScriptCommand command, Map<String, String> env, Duration timeout)
            throws InterruptedException;

    /** The runner that starts real processes through {@code executor}, logging under {@code logPrefix}. */
    static CommandRunner of(ScriptExecutor executor, String logPrefix) {
        return (label, command, env, timeout) ->
                executor.run(label, logPrefix + " " + label, command, List.of(), env, timeout);
    }
}
