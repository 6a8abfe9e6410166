package io.vrrpd.runtime;

import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.TrackFile;
import io.vrrpd.config.TrackScript;
import io.vrrpd.config.Tracked;
import io.vrrpd.config.VrrpdConfig;
import io.vrrpd.hooks.Health;
import io.vrrpd.hooks.HealthCheck;
import io.vrrpd.hooks.ScriptCommand;
import io.vrrpd.hooks.ScriptExecutor;
import io.vrrpd.hooks.ScriptRun;
import io.vrrpd.track.CheckScheduler;
import io.vrrpd.track.InstanceTracking;
import io.vrrpd.track.RiseFall;
import io.vrrpd.track.ScriptSecurity;
import io.vrrpd.track.TrackFileValue;
import io.vrrpd.track.TrackedItem;
import io.vrrpd.track.Weighting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what the instances track and feeds the results to them on the event loop: {@code vrrp_script}s
 * (one run per interval however many instances track it, as keepalived; through {@link ScriptExecutor}, so
 * a script that overruns its timeout has its process tree killed and counts as failed), track files
 * (polled every {@link #FILE_POLL}; keepalived uses inotify), and hook health checks. Weighted
 * {@code track_interface}s are fed by {@link LinkTracker}. Every state change ends in
 * {@link InstanceRuntime#trackingChanged}, which recomputes the effective priority and the faults.
 */
final class Tracking implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");
    /** How often a track file is read. */
    static final Duration FILE_POLL = Duration.ofMillis(500);

    /** Where hook health checks come from (the hook runner); tests pass their own. */
    interface HealthChecks {
        /** The health checks of an instance's hooks, by hook name. */
        Map<String, HealthCheck> of(String instance);
    }

    private final EventLoop loop;
    private final ScriptExecutor executor;
    private final HealthChecks healthChecks;
    private final boolean root;
    private final CheckScheduler scheduler = new CheckScheduler();
    private final Map<String, InstanceRuntime> instances;
    private final Map<String, ScriptState> scripts = new LinkedHashMap<>();
    private final Map<String, FileState> files = new LinkedHashMap<>();
    private final Map<String, List<CheckScheduler.Handle>> hookChecks = new HashMap<>();
    private VrrpdConfig config;

    Tracking(VrrpdConfig config, Map<String, InstanceRuntime> instances, EventLoop loop, ScriptExecutor executor,
             HealthChecks healthChecks, boolean root) {
        this.config = config;
        this.instances = instances;
        this.loop = loop;
        this.executor = executor;
        this.healthChecks = healthChecks;
        this.root = root;
    }

    /** A vrrp_script: its settings, its shared rise/fall counter, its schedule. */
    private static final class ScriptState {
        final TrackScript script;
        final RiseFall counter;
        CheckScheduler.Handle handle;
        int lastExit = Integer.MIN_VALUE;
        String lastDetail = "not run yet";

        ScriptState(TrackScript script, RiseFall counter) {
            this.script = script;
            this.counter = counter;
        }
    }

    /** A vrrp_track_file: its settings and last value. */
    private static final class FileState {
        final TrackFile file;
        long value;
        boolean read;
        CheckScheduler.Handle handle;

        FileState(TrackFile file) {
            this.file = file;
        }
    }

    // ---- set-up (event loop) ----

    /** Builds an instance's tracked items and starts the checks it needs. */
    void attach(InstanceRuntime inst) {
        InstanceConfig ic = inst.config();
        // keepalived (vrrp.c, vrrp_complete_instance): members of a sync group move together, so a weight
        // on one member would split them; weighted scripts and files are dropped there, and weighted
        // interfaces and default-weight files fault instead. The address owner's priority never moves:
        // a default-weight file faults instead.
        boolean synced = config.syncGroups().stream().anyMatch(g -> g.instances().contains(ic.name()));
        boolean owner = ic.priority() == 255;
        String why = synced ? "SYNC group" : "address owner";
        List<TrackedItem> items = new ArrayList<>();
        for (Tracked t : ic.trackScripts()) {
            ScriptState s = script(t.name());
            if (s == null) {
                continue;
            }
            Weighting w = new Weighting(t.weight().orElse(s.script.weight()),
                    t.reverse().orElse(s.script.reverse()));
            if (synced && w.weight() != 0) {
                LOG.warn("({}) ignoring tracked script {} with weights due to {}", ic.name(), t.name(), why);
                continue;
            }
            TrackedItem item = new TrackedItem(TrackedItem.Kind.SCRIPT, t.name(), w, s.counter);
            if (!s.counter.unknown()) {
                item.setResult(s.counter.good(), s.lastDetail);
            }
            items.add(item);
        }
        for (Tracked t : ic.trackFiles()) {
            FileState f = file(t.name());
            if (f == null) {
                continue;
            }
            Weighting w = new Weighting(clamp253(t.weight().orElse(f.file.weight())),
                    t.reverse().orElse(f.file.reverse()));
            if ((synced || owner) && w.weight() == 1) {
                LOG.warn("({}) ignoring weight from tracked file {} due to {}. specify weight 0", ic.name(),
                        t.name(), why);
                w = new Weighting(0, w.reverse());
            } else if (synced && w.weight() != 0) {
                LOG.warn("({}) ignoring tracked file {} with weight {} due to {}", ic.name(), t.name(),
                        w.weight(), why);
                continue;
            }
            TrackedItem item = new TrackedItem(TrackedItem.Kind.FILE, t.name(), w, null);
            if (f.read) {
                item.setFileValue(f.value, fileDetail(f));
            }
            items.add(item);
        }
        for (Tracked t : ic.trackInterfaces()) {
            if (synced && t.weight().isPresent() && t.weight().getAsInt() != 0) {
                LOG.warn("({}) ignoring {} tracked interface weight due to {}", ic.name(), t.name(), why);
            } else if (t.weight().isPresent() && t.weight().getAsInt() != 0) {
                items.add(new TrackedItem(TrackedItem.Kind.INTERFACE, t.name(),
                        new Weighting(t.weight().getAsInt(), t.reverse().orElse(false)), null));
            }
        }
        Map<String, HealthCheck> checks = healthChecks.of(ic.name());
        List<CheckScheduler.Handle> handles = new ArrayList<>();
        for (Map.Entry<String, HealthCheck> e : checks.entrySet()) {
            items.add(new TrackedItem(TrackedItem.Kind.HOOK, e.getKey(), new Weighting(0, false), null));
            handles.add(startHealthCheck(inst, e.getKey(), e.getValue()));
        }
        hookChecks.put(ic.name(), handles);
        inst.tracking(new InstanceTracking(ic.priority(), items));
        if (!items.isEmpty()) {
            LOG.info("({}) tracking {}", ic.name(), describe(items));
        }
        inst.trackingChanged(loop.now());
    }

    /** The HealthCheck contract: a hook's check also runs at once after every transition of its instance. */
    void onTransition(InstanceRuntime inst, io.vrrpd.election.Action.Transition t) {
        List<CheckScheduler.Handle> handles = hookChecks.get(inst.name());
        if (handles != null) {
            handles.forEach(CheckScheduler.Handle::runNow);
        }
    }

    /** Stops an instance's own checks (hook health checks); shared scripts and files keep running. */
    void detach(String instance) {
        List<CheckScheduler.Handle> handles = hookChecks.remove(instance);
        if (handles != null) {
            handles.forEach(CheckScheduler.Handle::cancel);
        }
    }

    /**
     * A reload: scripts and files whose settings did not change keep their counters and values, so an
     * unchanged instance keeps its effective priority; every instance's items are rebuilt.
     */
    void reload(VrrpdConfig next) {
        this.config = next;
        scripts.values().removeIf(s -> {
            TrackScript now = next.scripts().get(s.script.name());
            if (now == null || !now.equals(s.script)) {
                s.handle.cancel();
                return true;
            }
            return false;
        });
        files.values().removeIf(f -> {
            TrackFile now = next.trackFiles().get(f.file.name());
            if (now == null || !now.equals(f.file)) {
                f.handle.cancel();
                return true;
            }
            return false;
        });
        for (InstanceRuntime inst : instances.values()) {
            detach(inst.name());
            attach(inst);
        }
    }

    private static int clamp253(int w) {
        return Math.max(-253, Math.min(253, w));
    }

    private static String describe(List<TrackedItem> items) {
        List<String> parts = new ArrayList<>();
        for (TrackedItem i : items) {
            Weighting w = i.weighting();
            parts.add(i.kind().label() + " " + i.name() + (i.kind() == TrackedItem.Kind.HOOK ? " (health check)"
                    : w.weight() == 0 ? " (weight 0: FAULT)" : " (weight " + w.weight()
                    + (w.reverse() ? " reverse" : "") + ")"));
        }
        return String.join(", ", parts);
    }

    // ---- scripts ----

    private ScriptState script(String name) {
        ScriptState existing = scripts.get(name);
        if (existing != null) {
            return existing;
        }
        TrackScript ts = config.scripts().get(name);
        if (ts == null) {
            return null;
        }
        if (root && config.globals().enableScriptSecurity()) {
            Optional<String> problem = ScriptSecurity.problem(ts.script().argv().get(0));
            if (problem.isPresent()) {
                // keepalived (vrrp.c, check_track_script_secure): the script is removed from tracking.
                LOG.error("disabling track script {} due to insecure path: {} (enable_script_security)", name,
                        problem.get());
                return null;
            }
        }
        ScriptState s = new ScriptState(ts, new RiseFall(ts.rise(), ts.fall(), ts.initFail()));
        scripts.put(name, s);
        ScriptCommand cmd = new ScriptCommand(ts.script().argv(), ts.script().user().orElse(null),
                ts.script().group().orElse(null));
        String label = "vrrp_script " + name;
        s.handle = scheduler.every(label, ts.interval(), null,
                () -> executor.run(label, "(" + name + ")", cmd, List.of(), Map.of(), ts.timeout()),
                run -> loop.post(() -> onScriptRun(s, run)),
                e -> new ScriptRun(label, ScriptRun.Status.NOT_STARTED, -1,
                        e instanceof InterruptedException ? "interrupted" : e.toString(), "", "", "", Duration.ZERO));
        return s;
    }

    private void onScriptRun(ScriptState s, ScriptRun run) {
        if (scripts.get(s.script.name()) != s) {
            return; // replaced by a reload
        }
        int exit = run.status() == ScriptRun.Status.EXITED ? run.exitCode() : -1;
        if (exit != s.lastExit && run.status() == ScriptRun.Status.EXITED) {
            LOG.info("Script `{}` now returning {}", s.script.name(), exit); // keepalived's own line
        }
        s.lastExit = exit;
        s.lastDetail = detail(run);
        RiseFall.Change change = s.counter.record(run.succeeded());
        if (change == RiseFall.Change.NONE) {
            return;
        }
        boolean good = change == RiseFall.Change.UP;
        LOG.info("VRRP_Script({}) {}", s.script.name(), good ? "succeeded" : s.lastDetail);
        long now = loop.now();
        for (InstanceRuntime inst : instances.values()) {
            inst.tracking().item(TrackedItem.Kind.SCRIPT, s.script.name()).ifPresent(item -> {
                item.setResult(good, s.lastDetail);
                inst.trackingChanged(now);
            });
        }
    }

    private static String detail(ScriptRun run) {
        return switch (run.status()) {
            case EXITED -> run.exitCode() == 0 ? "succeeded" : "failed (exited with status " + run.exitCode() + ")"
                    + (run.lastError().isEmpty() ? "" : ": " + run.lastError());
            case TIMED_OUT -> "timed_out (killed after " + run.took().toMillis() + " ms)";
            case NOT_STARTED -> "failed (" + run.problem() + ")";
        };
    }

    // ---- files ----

    private FileState file(String name) {
        FileState existing = files.get(name);
        if (existing != null) {
            return existing;
        }
        TrackFile tf = config.trackFiles().get(name);
        if (tf == null) {
            return null;
        }
        FileState f = new FileState(tf);
        files.put(name, f);
        f.handle = scheduler.every("track_file " + name, FILE_POLL, null, () -> readValue(Path.of(tf.file())),
                v -> loop.post(() -> onFileValue(f, v)), e -> OptionalLong.of(0));
        return f;
    }

    /** The file's number as keepalived reads it; a missing file is 0, an out-of-range number is ignored. */
    static OptionalLong readValue(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return OptionalLong.of(0);
        }
        int n = Math.min(bytes.length, 127);
        return TrackFileValue.parse(new String(bytes, 0, n, StandardCharsets.US_ASCII));
    }

    private void onFileValue(FileState f, OptionalLong value) {
        if (files.get(f.file.name()) != f) {
            return;
        }
        if (value.isEmpty()) {
            LOG.warn("invalid number in {} - ignoring", f.file.file());
            return;
        }
        if (f.read && value.getAsLong() == f.value) {
            return;
        }
        f.value = value.getAsLong();
        f.read = true;
        LOG.info("track_file {} ({}) now has value {}", f.file.name(), f.file.file(), f.value);
        long now = loop.now();
        for (InstanceRuntime inst : instances.values()) {
            inst.tracking().item(TrackedItem.Kind.FILE, f.file.name()).ifPresent(item -> {
                item.setFileValue(f.value, fileDetail(f));
                inst.trackingChanged(now);
            });
        }
    }

    private static String fileDetail(FileState f) {
        return f.file.file() + " has value " + f.value;
    }

    // ---- interfaces (from LinkTracker) ----

    /** A weighted track_interface went up or down; returns false when the interface is not weighted here. */
    static boolean interfaceChanged(InstanceRuntime inst, String ifname, boolean up, String detail, long now) {
        Optional<TrackedItem> item = inst.tracking().item(TrackedItem.Kind.INTERFACE, ifname);
        if (item.isEmpty()) {
            return false;
        }
        TrackedItem.Result was = item.get().result();
        TrackedItem.Result next = up ? TrackedItem.Result.GOOD : TrackedItem.Result.BAD;
        if (was != next) {
            item.get().setResult(up, detail);
            inst.trackingChanged(now);
        }
        return true;
    }

    // ---- hook health checks ----

    private CheckScheduler.Handle startHealthCheck(InstanceRuntime inst, String hook, HealthCheck check) {
        String label = "(" + inst.name() + ") health check of hook " + hook;
        return scheduler.every(label, check.interval(), check.timeout(),
                () -> check.check(inst.name(), inst.publishedState().name()),
                h -> loop.post(() -> onHealth(inst, hook, h)),
                e -> Health.unfit(e instanceof java.util.concurrent.TimeoutException
                        ? "health check timed out: " + e.getMessage() : "health check failed: " + firstLine(e)));
    }

    private void onHealth(InstanceRuntime inst, String hook, Health health) {
        if (instances.get(inst.name()) != inst) {
            return;
        }
        inst.tracking().item(TrackedItem.Kind.HOOK, hook).ifPresent(item -> {
            Health.Status was = item.result() == TrackedItem.Result.UNKNOWN ? null
                    : item.blocksPreemption() ? Health.Status.NO_PREEMPT
                    : item.result() == TrackedItem.Result.BAD ? Health.Status.UNFIT : Health.Status.READY;
            item.setHealth(health);
            if (health.status() != Health.Status.UNFIT && was == Health.Status.UNFIT) {
                // A hook fault (a failed takeover hook) is cleared when its health check passes again; a
                // check that never failed does not clear it, or a takeover that keeps failing would flap.
                inst.clearFault(InstanceRuntime.hookFaultKey(hook), loop.now());
            }
            if (was != health.status()) {
                LOG.info("({}) hook {} health: {}{}", inst.name(), hook, health.status(),
                        health.detail().isEmpty() ? "" : " (" + health.detail() + ")");
            }
            inst.trackingChanged(loop.now());
        });
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
