package io.vrrpd.hooks.nfs;

import io.vrrpd.hooks.Health;
import io.vrrpd.hooks.HealthCheck;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookReport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over NFS exports before the VIP goes up and lets them go after it is gone.
 *
 * <p>Order of a takeover (release runs the same steps backwards): DRBD Primary (if configured), mount the
 * replicated volume (if configured and not mounted), the NFSv4 recovery state on that volume, the server
 * (ganesha started with its rendered config; kernel: recovery directory bind-mounted, then
 * {@code nfs-server.service}), the exports with their fixed ids, a check that they are served; only then
 * does the runtime add the VIP. This is the order of a Pacemaker NFS group (ClusterLabs resource-agents:
 * {@code drbd} promotion, {@code Filesystem}, {@code nfsserver}, {@code exportfs}, {@code IPaddr2}): storage
 * before recovery state before server before exports before address. The ganesha settings that matter for a
 * move (grace, lease, recovery root, server scope) are those of ganesha-core-config(8), NFSv4 block.
 *
 * <p>Followed from those agents: recovery state on the shared storage (nfsserver's
 * {@code nfs_shared_infodir}), fixed {@code fsid} per export (exportfs requires it), one server scope
 * for both nodes (nfsserver's {@code nfs_server_scope}), unmount retries with killing of holders only on
 * request (Filesystem's {@code force_unmount}). Rejected: exportfs's {@code wait_for_leasetime_on_stop}
 * (we stop the whole server instead, which frees the file system at once) and its rmtab backup (NFSv3
 * only; ganesha serves v4 only); nfsserver's bind mount of all of {@code /var/lib/nfs} (only the v4
 * client records need to move with the data, the rest is the node's own); and the
 * monitor-and-restart loop (vrrpd's health check reports, the admin decides).
 *
 * <p>Every step is idempotent (check, act, verify) and bounded by the hook's timeout. A takeover step
 * that fails undoes everything before it, and itself, and the hook reports FAILED, which sends the
 * instance to FAULT so the peer keeps or takes the VIP. A release step that fails does not stop the
 * others (best effort) but leaves a {@link ReleaseBlock}: the health check says UNFIT and takeovers are
 * refused until the {@code release} action succeeds or an admin runs {@code clear}.
 */
final class NfsHook implements Hook {
    private static final Logger LOG = LoggerFactory.getLogger(NfsHook.class);
    /** Kept from a takeover's budget so that undo has time too. */
    private static final Duration MAX_UNDO_RESERVE = Duration.ofSeconds(15);
    /** Budget of an undo after an interrupt (the runner gives a short slack only). */
    private static final Duration INTERRUPTED_UNDO = Duration.ofSeconds(5);

    private final NfsSettings settings;
    private final String instance;
    private final Commands commands;
    private final GaneshaConfig.Files files;
    private final ReleaseBlock block;
    /** Why the last takeover failed (and was undone), until one succeeds: this node then does not preempt. */
    private volatile String lastTakeoverFailure;

    NfsHook(NfsSettings settings, String instance, Commands commands, GaneshaConfig.Files files, ReleaseBlock block) {
        this.settings = settings;
        this.instance = instance;
        this.commands = commands;
        this.files = files;
        this.block = block;
    }

    @Override
    public String name() {
        return "nfs-" + settings.backend().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Set<HookPhase> phases() {
        return EnumSet.of(HookPhase.TAKEOVER, HookPhase.RELEASE);
    }

    @Override
    public Duration timeout() {
        return settings.timeout();
    }

    @Override
    public HookReport run(HookPhase phase, HookContext context, Duration timeout) throws InterruptedException {
        return switch (phase) {
            case TAKEOVER -> takeOver(context, timeout);
            case RELEASE -> release(context, timeout);
            case NOTIFY -> HookReport.skipped("nfs takes no part in notify");
        };
    }

    private HookReport takeOver(HookContext context, Duration timeout) throws InterruptedException {
        Optional<String> blocked = block.reason();
        if (blocked.isPresent()) {
            return HookReport.failed("an earlier release did not complete (" + blocked.get() + "); fix it, then "
                    + "run the hook's release or clear action");
        }
        long start = System.nanoTime();
        Deadline end = Deadline.after(timeout);
        Deadline acts = end.less(min(MAX_UNDO_RESERVE, timeout.dividedBy(3)));
        List<Step> steps = StepPlan.steps(settings, commands, files, instance, vips(context));
        List<Step> touched = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (Step step : steps) {
            touched.add(step);
            try {
                String what = step.takeOver(acts);
                LOG.info("({}) nfs takeover: {}: {}", instance, step.name(), what);
                done.add(step.name() + ": " + what);
            } catch (StepFailure f) {
                LOG.error("({}) nfs takeover: {} failed: {}", instance, step.name(), f.getMessage());
                lastTakeoverFailure = step.name() + " failed: " + f.getMessage();
                return HookReport.failed(lastTakeoverFailure + "; " + undo(touched, end));
            } catch (InterruptedException e) {
                // Stopped at the timeout: leave nothing half-started behind, then let the runner know.
                Thread.interrupted();
                String undone = undo(touched, Deadline.after(INTERRUPTED_UNDO));
                LOG.error("({}) nfs takeover interrupted at {}; {}", instance, step.name(), undone);
                Thread.currentThread().interrupt();
                throw e;
            }
        }
        lastTakeoverFailure = null;
        long ms = (System.nanoTime() - start) / 1_000_000;
        String exports = settings.exports().stream().map(e -> e.pseudo() + " (id " + e.id() + ")")
                .collect(Collectors.joining(", "));
        return HookReport.ok("serving " + exports + " in " + ms + " ms; " + String.join("; ", done));
    }

    /** Releases the touched steps backwards; a failure here blocks the node like a failed release. */
    private String undo(List<Step> touched, Deadline d) throws InterruptedException {
        List<Step> reversed = new ArrayList<>(touched);
        Collections.reverse(reversed);
        List<String> failures = releaseAll(reversed, d, "undo");
        if (failures.isEmpty()) {
            return "undone: " + reversed.stream().map(Step::name).collect(Collectors.joining(", "));
        }
        String reason = "undo incomplete: " + String.join("; ", failures);
        block.set(reason);
        return reason;
    }

    private HookReport release(HookContext context, Duration timeout) throws InterruptedException {
        List<Step> steps = new ArrayList<>(StepPlan.steps(settings, commands, files, instance, vips(context)));
        Collections.reverse(steps);
        long start = System.nanoTime();
        List<String> failures = releaseAll(steps, Deadline.after(timeout), "release");
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (failures.isEmpty()) {
            return HookReport.ok("released in " + ms + " ms");
        }
        String reason = String.join("; ", failures);
        block.set(reason);
        return HookReport.failed("release incomplete, this node will not serve until the release action "
                + "succeeds or an admin clears it: " + reason);
    }

    private List<String> releaseAll(List<Step> steps, Deadline d, String what) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (Step step : steps) {
            try {
                LOG.info("({}) nfs {}: {}: {}", instance, what, step.name(), step.release(d));
            } catch (StepFailure f) {
                LOG.error("({}) nfs {}: {} failed: {}", instance, what, step.name(), f.getMessage());
                failures.add(step.name() + ": " + f.getMessage());
            }
        }
        return failures;
    }

    /**
     * UNFIT while a release is incomplete, so the node stays out of MASTER and status shows why. After a
     * takeover that failed and was undone, NO_PREEMPT: the node would take over a dead master (the peer may
     * be worse off) but does not preempt a live one only to fail again, which would cost the clients an
     * outage each time; the next successful takeover lifts it.
     */
    @Override
    public Optional<HealthCheck> healthCheck() {
        return Optional.of((inst, state) -> {
            Optional<String> blocked = block.reason();
            if (blocked.isPresent()) {
                return Health.unfit("nfs release incomplete: " + blocked.get());
            }
            String failed = lastTakeoverFailure;
            return failed == null ? Health.ready("") : Health.noPreempt("nfs takeover failed: " + failed);
        });
    }

    @Override
    public Set<String> actions() {
        return Set.of("release", "clear");
    }

    /**
     * {@code release}: runs the release steps again and lifts the block when they all succeed.
     * {@code clear}: an admin says the storage is safe (e.g. after unmounting by hand); lifts the block.
     */
    @Override
    public HookReport runAction(String action, HookContext context, Duration timeout) throws Exception {
        switch (action) {
            case "release" -> {
                if (!Set.of("MASTER").contains(context.toState())) {
                    List<Step> steps = new ArrayList<>(StepPlan.steps(settings, commands, files, instance,
                            vips(context)));
                    Collections.reverse(steps);
                    List<String> failures = releaseAll(steps, Deadline.after(timeout), "release");
                    if (!failures.isEmpty()) {
                        block.set(String.join("; ", failures));
                        return HookReport.failed("release still incomplete: " + String.join("; ", failures));
                    }
                    clearBlock();
                    return HookReport.ok("released; the node may serve again");
                }
                return HookReport.failed("the instance is MASTER: its exports are in use; fail over first");
            }
            case "clear" -> {
                Optional<String> was = block.reason();
                clearBlock();
                return HookReport.ok(was.map(r -> "cleared (was: " + r + ")").orElse("nothing to clear"));
            }
            default -> {
                return HookReport.failed(name() + " offers no action " + action + " (release, clear)");
            }
        }
    }

    private void clearBlock() throws IOException {
        block.clear();
        LOG.info("({}) nfs: release block lifted", instance);
    }

    private static Set<String> vips(HookContext context) {
        Set<String> out = new LinkedHashSet<>();
        for (String vip : context.virtualIps()) {
            String addr = vip.strip().split("\\s+")[0];
            int slash = addr.indexOf('/');
            out.add(slash < 0 ? addr : addr.substring(0, slash));
        }
        return out;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
