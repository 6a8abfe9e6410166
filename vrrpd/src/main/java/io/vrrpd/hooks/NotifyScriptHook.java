package io.vrrpd.hooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * keepalived's notify scripts as a {@link HookPhase#NOTIFY} hook (keepalived.conf(5), "notify_master",
 * "notify"). On entering MASTER, BACKUP, FAULT or STOP it runs the state's script with its configured
 * arguments only, and the generic {@code notify} script with {@code INSTANCE|GROUP <name> <STATE>
 * <priority>} appended. Like keepalived, which forks both without waiting, the two are started together;
 * unlike keepalived the hook then waits for both, up to one shared timeout, so their outcome reaches
 * {@code vrrpctl status} and a hung script is killed (with its children) instead of lingering.
 *
 * <p>Each script also finds in its environment {@code VRRPD_INSTANCE}, {@code VRRPD_STATE},
 * {@code VRRPD_PREVIOUS_STATE}, {@code VRRPD_PRIORITY}, {@code VRRPD_VIPS} (space separated) and
 * {@code VRRPD_REASON}; {@code NOTIFY_SOCKET} is removed. Transitions to other states (INIT) are skipped.
 *
 * <p>Outcome: OK when every script exited 0; TIMED_OUT if one was killed at the timeout; else FAILED
 * with the exit code and last stderr line, or the reason a script could not start (missing, not
 * executable). One instance per instance or sync group; thread-safe.
 */
public final class NotifyScriptHook implements Hook {

    private final NotifyScripts scripts;
    private final NotifyTarget target;
    private final ScriptExecutor executor;
    private final Duration timeout;

    /**
     * @param scripts  the configured scripts
     * @param target   INSTANCE for a vrrp_instance, GROUP for a vrrp_sync_group
     * @param executor runs the scripts (shared)
     * @param timeout  how long the scripts of one transition may run, e.g. {@link ScriptExecutor#DEFAULT_TIMEOUT}
     */
    public NotifyScriptHook(NotifyScripts scripts, NotifyTarget target, ScriptExecutor executor, Duration timeout) {
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.target = Objects.requireNonNull(target, "target");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("notify script timeout must be positive (was " + timeout + ")");
        }
    }

    @Override
    public String name() {
        return "notify-scripts";
    }

    @Override
    public Set<HookPhase> phases() {
        return EnumSet.of(HookPhase.NOTIFY);
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public HookReport run(HookPhase phase, HookContext context, Duration budget) throws InterruptedException {
        String state = context.toState();
        if (phase != HookPhase.NOTIFY || !NotifyScripts.isNotifiedState(state)) {
            return HookReport.skipped("no notify scripts for " + state);
        }
        long deadline = System.nanoTime() + budget.toNanos();
        Map<String, String> env = environment(context);
        List<RunningScript> started = new ArrayList<>(2);
        ScriptCommand specific = scripts.forState(state);
        if (specific != null) {
            String keyword = NotifyScripts.keywordFor(state);
            started.add(executor.start(keyword + " " + specific.program(),
                    "(" + context.instance() + ") " + keyword, specific, List.of(), env));
        }
        ScriptCommand generic = scripts.generic();
        if (generic != null) {
            // keepalived.conf(5) "notify": script {GROUP|INSTANCE} NAME STATE PRIORITY
            List<String> args = List.of(target.name(), context.instance(), state,
                    Integer.toString(target.reportedPriority(context)));
            started.add(executor.start("notify " + generic.program(), "(" + context.instance() + ") notify",
                    generic, args, env));
        }
        if (started.isEmpty()) {
            return HookReport.skipped("no notify script for " + state);
        }
        List<ScriptRun> runs = new ArrayList<>(started.size());
        try {
            for (RunningScript script : started) {
                runs.add(script.await(deadline));
            }
        } catch (InterruptedException e) {
            // Stopped by the runner: kill the scripts not yet collected as well.
            for (int i = runs.size() + 1; i < started.size(); i++) {
                started.get(i).await(System.nanoTime());
            }
            throw e;
        }
        return report(runs);
    }

    private static HookReport report(List<ScriptRun> runs) {
        HookOutcome outcome = HookOutcome.OK;
        StringBuilder detail = new StringBuilder();
        StringBuilder output = new StringBuilder();
        for (ScriptRun run : runs) {
            outcome = worse(outcome, run.outcome());
            detail.append(detail.length() == 0 ? "" : "; ").append(run.summary());
            output.append(run.output());
        }
        return new HookReport(outcome, detail.toString(), output.toString());
    }

    private static HookOutcome worse(HookOutcome a, HookOutcome b) {
        if (a == HookOutcome.TIMED_OUT || b == HookOutcome.TIMED_OUT) {
            return HookOutcome.TIMED_OUT;
        }
        return a == HookOutcome.FAILED || b == HookOutcome.FAILED ? HookOutcome.FAILED : HookOutcome.OK;
    }

    private static Map<String, String> environment(HookContext context) {
        return Map.of(
                "VRRPD_INSTANCE", context.instance(),
                "VRRPD_STATE", context.toState(),
                "VRRPD_PREVIOUS_STATE", context.fromState(),
                "VRRPD_PRIORITY", Integer.toString(context.priority()),
                "VRRPD_VIPS", String.join(" ", context.virtualIps()),
                "VRRPD_REASON", context.reason());
    }
}
