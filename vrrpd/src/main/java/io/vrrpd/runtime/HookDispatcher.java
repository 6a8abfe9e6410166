package io.vrrpd.runtime;

import io.vrrpd.config.Globals;
import io.vrrpd.config.HookConfig;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.Notify;
import io.vrrpd.config.Script;
import io.vrrpd.election.Action;
import io.vrrpd.election.State;
import io.vrrpd.hooks.CommandRunner;
import io.vrrpd.hooks.HealthCheck;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookConfigException;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookFactories;
import io.vrrpd.hooks.HookFactory;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookResult;
import io.vrrpd.hooks.HookRunner;
import io.vrrpd.hooks.HookRunnerSettings;
import io.vrrpd.hooks.HookSettings;
import io.vrrpd.hooks.NotifyFifoHook;
import io.vrrpd.hooks.NotifyScriptHook;
import io.vrrpd.hooks.NotifyScripts;
import io.vrrpd.hooks.NotifyTarget;
import io.vrrpd.hooks.ScriptCommand;
import io.vrrpd.hooks.ScriptExecutor;
import io.vrrpd.mail.FailoverMailer;
import io.vrrpd.mail.MailCounters;
import io.vrrpd.net.SystemdNotifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects transitions to hooks: keepalived's notify scripts and notify FIFO, and the {@code hooks:} of
 * the configuration, built by their types' {@link HookFactory}s (the built-in {@code script}, and the
 * PostgreSQL, NFS and third-party modules found in {@code lib/}). Hooks run on one serial lane per
 * instance, never on the event loop, so a slow script never delays an advert.
 *
 * <p>Per transition: leaving MASTER queues the RELEASE hooks (reverse order; unless a planned handover
 * already ran them), then every transition queues the NOTIFY hooks. TAKEOVER hooks are queued by the
 * runtime's gate ({@link #takeover}); the NOTIFY of a gated MASTER transition is queued once the gate
 * resolved, still in transition order.
 */
final class HookDispatcher implements InstanceHooks {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");
    /** keepalived waits for no notify script; we bound each one so a hung script cannot pile up. */
    static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(30);

    private final HookRunner runner;
    private final ScriptExecutor executor;
    private final SystemdNotifier systemd;
    private final Globals globals;
    private final HookFactories factories;
    private final Map<Path, NotifyFifoHook> fifos = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicLong groupSequence = new java.util.concurrent.atomic.AtomicLong();
    /** The hooks built from {@code hooks:}, per instance, so a reload can close the ones it replaces. */
    private final Map<String, List<Hook>> configured = new ConcurrentHashMap<>();
    /** smtp_alert mail; null when the daemon runs without (tests). */
    private final FailoverMailer mail;

    HookDispatcher(Globals globals, SystemdNotifier systemd) {
        this(globals, systemd, HookFactories.installed(), HookRunnerSettings.defaults());
    }

    HookDispatcher(Globals globals, SystemdNotifier systemd, FailoverMailer mail) {
        this(globals, systemd, HookFactories.installed(), HookRunnerSettings.defaults(), mail);
    }

    HookDispatcher(Globals globals, SystemdNotifier systemd, HookFactories factories, HookRunnerSettings settings) {
        this(globals, systemd, factories, settings, null);
    }

    HookDispatcher(Globals globals, SystemdNotifier systemd, HookFactories factories, HookRunnerSettings settings,
                   FailoverMailer mail) {
        this.executor = new ScriptExecutor(globals.scriptUser().orElse(null), globals.scriptGroup().orElse(null));
        this.systemd = systemd;
        this.globals = globals;
        this.factories = factories;
        this.runner = new HookRunner(settings);
        this.mail = mail;
    }

    @Override
    public synchronized void configure(InstanceConfig ic) {
        List<Hook> hooks = new ArrayList<>();
        NotifyScripts scripts = scripts(ic.notifications());
        if (!scripts.isEmpty()) {
            hooks.add(new NotifyScriptHook(scripts, NotifyTarget.INSTANCE, executor, NOTIFY_TIMEOUT));
        }
        ic.notifications().fifo().ifPresent(f -> hooks.add(fifos.computeIfAbsent(Path.of(f),
                p -> new NotifyFifoHook(p, NotifyTarget.INSTANCE))));
        List<Hook> built = build(ic);
        hooks.addAll(built);
        runner.setHooks(ic.name(), hooks);
        List<Hook> replaced = configured.put(ic.name(), built);
        closeLater(ic.name(), replaced);
    }

    /** Builds the configured hooks; the configuration was checked at load, so a failure here is rare. */
    private List<Hook> build(InstanceConfig ic) {
        HookEnvironment env = new HookEnvironment(ic.name(), globals.stateDir(), globals.runtimeDir(),
                CommandRunner.of(executor, "(" + ic.name() + ") hook"));
        List<Hook> out = new ArrayList<>();
        for (HookConfig hc : ic.hooks()) {
            Optional<HookFactory> factory = factories.get(hc.type());
            if (factory.isEmpty()) {
                LOG.error("({}) {}: hook type '{}' is not installed; hook left out", ic.name(), hc.path(), hc.type());
                continue;
            }
            try {
                out.add(factory.get().create(HookSettings.of(hc.path(), hc.settings()), env));
            } catch (HookConfigException e) {
                LOG.error("({}) hook left out: {}", ic.name(), String.join("; ", e.problems()));
            } catch (RuntimeException e) {
                LOG.error("({}) {}: hook type '{}' failed to build: {}", ic.name(), hc.path(), hc.type(), e.toString());
            }
        }
        return out;
    }

    /** Closes replaced hooks on the lane, after the transitions already queued for them. */
    private void closeLater(String instance, List<Hook> replaced) {
        if (replaced != null && !replaced.isEmpty()) {
            runner.afterQueued(instance, () -> replaced.forEach(HookDispatcher::closeQuietly));
        }
    }

    private static void closeQuietly(Hook h) {
        try {
            h.close();
        } catch (RuntimeException e) {
            LOG.warn("hook {} failed to close: {}", h.name(), e.toString());
        }
    }

    private static NotifyScripts scripts(Notify n) {
        return new NotifyScripts(cmd(n.master()), cmd(n.backup()), cmd(n.fault()), cmd(n.stop()), cmd(n.generic()));
    }

    private static ScriptCommand cmd(Optional<Script> s) {
        return s.map(x -> new ScriptCommand(x.argv(), x.user().orElse(null), x.group().orElse(null))).orElse(null);
    }

    @Override
    public synchronized void forget(String instance) {
        List<Hook> built = configured.remove(instance);
        closeLater(instance, built);
        runner.removeInstance(instance);
        if (mail != null) {
            mail.forget(instance);
        }
    }

    @Override
    public void reconfigure(Globals next) {
        if (mail != null) {
            mail.reconfigure(next);
        }
    }

    @Override
    public Optional<MailCounters> mailCounters() {
        return mail == null || !mail.enabled() ? Optional.empty() : Optional.of(mail.counters());
    }

    /**
     * Runs a sync group's notify scripts on the group's own lane (keyed by the group name) with keepalived's
     * {@code GROUP NAME STATE 0} arguments for the generic {@code notify}.
     */
    @Override
    public synchronized void onGroupTransition(io.vrrpd.config.SyncGroup group, State from, State to,
                                               String reason) {
        if (to == State.INIT) {
            return;
        }
        if (mail != null && group.smtpAlert()) {
            // keepalived's group mail: "[router_id] VRRP Group G - Entering MASTER state"; no hooks to wait for.
            mail.transition(new io.vrrpd.mail.TransitionMail(true, group.name(), 0, from.name(), to.name(), reason,
                    0, 0, List.of(), Optional.empty(), Optional.empty(), false, java.time.Instant.now()),
                    CompletableFuture.completedFuture(List.of()));
        }
        NotifyScripts scripts = scripts(group.notifications());
        if (scripts.isEmpty()) {
            return;
        }
        runner.setHooks(group.name(), List.of(new NotifyScriptHook(scripts, NotifyTarget.GROUP, executor,
                NOTIFY_TIMEOUT)));
        HookContext ctx = new HookContext(group.name(), from.name(), to.name(), reason, 0, List.of(), null,
                groupSequence.incrementAndGet());
        runner.submit(HookPhase.NOTIFY, ctx);
    }

    @Override
    public List<HookResult> recent(String instance) {
        return runner.recentResults(instance);
    }

    @Override
    public boolean gates(String instance) {
        return has(instance, HookPhase.TAKEOVER);
    }

    @Override
    public boolean releases(String instance) {
        return has(instance, HookPhase.RELEASE);
    }

    private boolean has(String instance, HookPhase phase) {
        return runner.hooks(instance).stream().anyMatch(h -> h.phases().contains(phase));
    }

    @Override
    public CompletableFuture<List<HookResult>> takeover(HookContext context) {
        return runner.submit(HookPhase.TAKEOVER, context);
    }

    @Override
    public CompletableFuture<List<HookResult>> plannedRelease(HookContext context) {
        return runner.submit(HookPhase.RELEASE, context);
    }

    @Override
    public Map<String, HealthCheck> healthChecks(String instance) {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        runner.hooks(instance).forEach(h -> h.healthCheck().ifPresent(c -> checks.put(h.name(), c)));
        return checks;
    }

    @Override
    public Set<String> actions(String instance) {
        Set<String> all = new TreeSet<>();
        runner.hooks(instance).forEach(h -> all.addAll(h.actions()));
        return all;
    }

    @Override
    public CompletableFuture<List<HookResult>> action(String action, HookContext context) {
        return runner.submitAction(action, context);
    }

    @Override
    public void onTransition(InstanceRuntime instance, Action.Transition t) {
        onTransition(instance, t, instance.transitionSequence(), false);
    }

    @Override
    public void onTransition(InstanceRuntime instance, Action.Transition t, long sequence, boolean releaseDone) {
        systemd.status("(" + instance.name() + ") " + t.to() + ": " + t.reason());
        if (t.to() == State.INIT) {
            return;
        }
        HookContext ctx = instance.hookContext(t, sequence, false);
        CompletableFuture<List<HookResult>> release = t.from() == State.MASTER && !releaseDone
                ? runner.submit(HookPhase.RELEASE, ctx) : CompletableFuture.completedFuture(List.of());
        CompletableFuture<List<HookResult>> notify = runner.submit(HookPhase.NOTIFY, ctx);
        notify.whenComplete((results, err) -> {
            if (results != null) {
                results.stream().filter(HookResult::isFailure).forEach(r -> LOG.warn("({}) {} hook {} {}: {}",
                        r.instance(), r.phase().name().toLowerCase(), r.hook(), r.outcome(), r.detail()));
            }
        });
        if (mail != null && instance.config().smtpAlert()) {
            mail(instance, t, sequence, releaseDone, release, notify);
        }
    }

    /**
     * Hands the transition to the mailer with its hooks' results: the takeover hooks (already finished: the
     * gate tells us of MASTER only then) or the release hooks (run before a planned resign, or queued now),
     * then the notify hooks. The mail is written when the queued ones are done, bounded by the mailer.
     */
    private void mail(InstanceRuntime instance, Action.Transition t, long sequence, boolean releaseDone,
                      CompletableFuture<List<HookResult>> release, CompletableFuture<List<HookResult>> notify) {
        List<HookResult> earlier = new ArrayList<>();
        for (HookResult r : runner.recentResults(instance.name())) {
            boolean takeover = t.to() == State.MASTER && r.phase() == HookPhase.TAKEOVER && r.sequence() == sequence;
            // A planned release ran while still MASTER, under the MASTER period's number.
            boolean plannedRelease = releaseDone && r.phase() == HookPhase.RELEASE && r.sequence() == sequence - 1;
            if (takeover || plannedRelease) {
                earlier.add(r);
            }
        }
        boolean planned = releaseDone || t.reason().startsWith("handover requested");
        mail.transition(TransitionMails.of(instance, t, planned), release.thenCombine(notify, (a, b) -> {
            List<HookResult> all = new ArrayList<>(earlier);
            all.addAll(a);
            all.addAll(b);
            return all;
        }));
    }

    @Override
    public void close() {
        runner.close();
        configured.values().forEach(list -> list.forEach(HookDispatcher::closeQuietly));
        configured.clear();
        fifos.values().forEach(NotifyFifoHook::close);
        if (mail != null) {
            mail.close(); // after the runner: the STOP mails wait for the STOP notify hooks
        }
    }
}
