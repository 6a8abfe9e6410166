package io.vrrpd.hooks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code script} hook: one command in one phase, run through a {@link CommandRunner} (no shell,
 * stdin /dev/null, the whole process tree killed at the timeout). Exit 0 is OK; anything else FAILED
 * with the exit status and the last line of standard error; a kill at the timeout is TIMED_OUT.
 *
 * <p>The script learns the transition from its environment (documented in docs/hooks.md):
 * {@code VRRPD_INSTANCE}, {@code VRRPD_PHASE}, {@code VRRPD_FROM}, {@code VRRPD_TO}, {@code VRRPD_REASON},
 * {@code VRRPD_PRIORITY}, {@code VRRPD_VIPS} (space-separated), {@code VRRPD_PEER} (empty when unknown),
 * {@code VRRPD_SEQUENCE} and {@code VRRPD_PLANNED} ({@code 1} for {@code vrrpctl failover}, else {@code 0}).
 */
public final class ScriptHook implements Hook {
    private final String name;
    private final Set<HookPhase> phases;
    private final ScriptCommand command;
    private final Duration timeout;
    private final CommandRunner runner;

    ScriptHook(String name, Set<HookPhase> phases, ScriptCommand command, Duration timeout, CommandRunner runner) {
        this.name = Objects.requireNonNull(name, "name");
        this.phases = Set.copyOf(phases);
        this.command = Objects.requireNonNull(command, "command");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<HookPhase> phases() {
        return phases;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /** The command as configured. */
    public ScriptCommand command() {
        return command;
    }

    @Override
    public HookReport run(HookPhase phase, HookContext context, Duration budget) throws InterruptedException {
        ScriptRun run = runner.run(name, command, environment(phase, context), budget);
        HookReport report = switch (run.outcome()) {
            case OK -> HookReport.ok("exit 0 in " + run.took().toMillis() + " ms");
            case TIMED_OUT -> HookReport.timedOut(run.summary());
            default -> HookReport.failed(run.summary());
        };
        return report.withOutput(run.output());
    }

    /** The variables a script sees, on top of vrrpd's own environment. */
    static Map<String, String> environment(HookPhase phase, HookContext c) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VRRPD_INSTANCE", c.instance());
        env.put("VRRPD_PHASE", ScriptHookFactory.phaseName(phase));
        env.put("VRRPD_FROM", c.fromState());
        env.put("VRRPD_TO", c.toState());
        env.put("VRRPD_REASON", c.reason());
        env.put("VRRPD_PRIORITY", Integer.toString(c.priority()));
        env.put("VRRPD_VIPS", String.join(" ", c.virtualIps()));
        env.put("VRRPD_PEER", c.peer() == null ? "" : c.peer());
        env.put("VRRPD_SEQUENCE", Long.toString(c.sequence()));
        env.put("VRRPD_PLANNED", c.planned() ? "1" : "0");
        return env;
    }
}
