package io.vrrpd.runtime;

import io.vrrpd.config.Globals;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.Notify;
import io.vrrpd.config.Script;
import io.vrrpd.config.VirtualIp;
import io.vrrpd.election.Action;
import io.vrrpd.election.State;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookResult;
import io.vrrpd.hooks.HookRunner;
import io.vrrpd.hooks.NotifyFifoHook;
import io.vrrpd.hooks.NotifyScriptHook;
import io.vrrpd.hooks.NotifyScripts;
import io.vrrpd.hooks.NotifyTarget;
import io.vrrpd.hooks.ScriptCommand;
import io.vrrpd.hooks.ScriptExecutor;
import io.vrrpd.mail.FailoverMailer;
import io.vrrpd.mail.MailCounters;
import io.vrrpd.net.SystemdNotifier;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects transitions to hooks: keepalived's notify scripts and notify FIFO now; the takeover and
 * release hooks of later modules (PostgreSQL, NFS) attach through the same runner. Hooks run on one
 * serial lane per instance, never on the event loop, so a slow script never delays an advert.
 */
final class HookDispatcher implements InstanceHooks {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");
    /** keepalived waits for no notify script; we bound each one so a hung script cannot pile up. */
    static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(30);

    private final HookRunner runner = new HookRunner();
    private final ScriptExecutor executor;
    private final SystemdNotifier systemd;
    private final Map<Path, NotifyFifoHook> fifos = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    /** smtp_alert mail; null when the daemon runs without (tests). */
    private final FailoverMailer mail;

    HookDispatcher(Globals globals, SystemdNotifier systemd) {
        this(globals, systemd, null);
    }

    HookDispatcher(Globals globals, SystemdNotifier systemd, FailoverMailer mail) {
        this.executor = new ScriptExecutor(globals.scriptUser().orElse(null), globals.scriptGroup().orElse(null));
        this.systemd = systemd;
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
        runner.setHooks(ic.name(), hooks);
    }

    private static NotifyScripts scripts(Notify n) {
        return new NotifyScripts(cmd(n.master()), cmd(n.backup()), cmd(n.fault()), cmd(n.stop()), cmd(n.generic()));
    }

    private static ScriptCommand cmd(Optional<Script> s) {
        return s.map(x -> new ScriptCommand(x.argv(), x.user().orElse(null), x.group().orElse(null))).orElse(null);
    }

    @Override
    public synchronized void forget(String instance) {
        runner.removeInstance(instance);
        if (mail != null) {
            mail.forget(instance);
        }
    }

    @Override
    public void reconfigure(Globals globals) {
        if (mail != null) {
            mail.reconfigure(globals);
        }
    }

    @Override
    public Optional<MailCounters> mailCounters() {
        return mail == null || !mail.enabled() ? Optional.empty() : Optional.of(mail.counters());
    }

    @Override
    public List<HookResult> recent(String instance) {
        return runner.recentResults(instance);
    }

    @Override
    public void onTransition(InstanceRuntime instance, Action.Transition t) {
        systemd.status("(" + instance.name() + ") " + t.to() + ": " + t.reason());
        if (t.to() == State.INIT) {
            return;
        }
        List<String> vips = new ArrayList<>();
        for (VirtualIp v : instance.config().virtualIps()) {
            vips.add(v.address().getHostAddress());
        }
        InetAddress peer = instance.machine().masterAddress();
        HookContext ctx = new HookContext(instance.name(), t.from().name(), t.to().name(), t.reason(),
                instance.machine().effectivePriority(), vips, peer == null ? null : peer.getHostAddress(),
                sequence.incrementAndGet());
        CompletableFuture<List<HookResult>> release = t.from() == State.MASTER
                ? runner.submit(HookPhase.RELEASE, ctx) : CompletableFuture.completedFuture(List.of());
        CompletableFuture<List<HookResult>> notify = runner.submit(HookPhase.NOTIFY, ctx);
        notify.whenComplete((results, err) -> {
            if (results != null) {
                results.stream().filter(HookResult::isFailure).forEach(r -> LOG.warn("({}) {} hook {} {}: {}",
                        r.instance(), r.phase().name().toLowerCase(), r.hook(), r.outcome(), r.detail()));
            }
        });
        if (mail != null && instance.config().smtpAlert()) {
            // The mail lists this transition's hooks, so it is written when they are done (bounded there).
            mail.transition(TransitionMails.of(instance, t, ctx.planned()),
                    release.thenCombine(notify, HookDispatcher::concat));
        }
    }

    private static List<HookResult> concat(List<HookResult> a, List<HookResult> b) {
        List<HookResult> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    public void close() {
        runner.close();
        fifos.values().forEach(NotifyFifoHook::close);
        if (mail != null) {
            mail.close(); // after the runner: the STOP mails wait for the STOP notify hooks
        }
    }
}
