package io.vrrpd.hooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hooks off the event loop: one serial lane per instance, so a slow promotion on one instance never
 * delays another, and the transitions of one instance run in the order submitted. The lanes share one
 * {@link LanePool} whose threads exist only while lanes have work (issue 10: threads scale with work,
 * not with the number of configured instances).
 *
 * <p>{@link #submit} returns at once. The future completes on the lane's thread with one
 * {@link HookResult} per hook of that phase, in registration order; callers must hand it to the event
 * loop's queue rather than do slow work in a callback. Every future completes: a hook that throws
 * becomes {@link HookOutcome#FAILED}, one that overruns {@link Hook#timeout()} (plus the configured
 * slack) is interrupted and reported {@link HookOutcome#TIMED_OUT}, and one that ignores the interrupt
 * is abandoned while the lane goes on.
 *
 * <p>No coalescing: when transitions pile up in a lane (a flapping instance), every submission still
 * runs, in order, including every NOTIFY, as keepalived runs a notify script for each transition. A
 * lane holds at most {@link HookRunnerSettings#maxPendingPerInstance()} waiting transitions; beyond that
 * a submission is answered at once with SKIPPED results and counted, so memory stays bounded.
 *
 * <p>The hooks for a transition are those set for the instance at the moment of {@link #submit}, so a
 * reload that replaces them never changes a transition already queued.
 */
public final class HookRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HookRunner.class);

    /**
     * Lanes that may drain at the same moment. A lane thread mostly waits for its hook (on a thread of
     * its own), so this only bounds the threads of a storm; further busy lanes wait their turn.
     */
    static final int MAX_LANE_THREADS = 64;

    private final HookRunnerSettings settings;
    private final Map<String, List<Hook>> hooks = new ConcurrentHashMap<>();
    private final Map<String, HookLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, ResultRing> rings = new ConcurrentHashMap<>();
    private final LanePool pool;
    private volatile boolean closed;

    /** A runner with {@link HookRunnerSettings#defaults()}. */
    public HookRunner() {
        this(HookRunnerSettings.defaults());
    }

    public HookRunner(HookRunnerSettings settings) {
        this(settings, MAX_LANE_THREADS, LanePool.IDLE);
    }

    /** A runner whose lane pool has {@code maxLaneThreads} threads that retire after {@code laneIdle}. */
    HookRunner(HookRunnerSettings settings, int maxLaneThreads, Duration laneIdle) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pool = new LanePool(maxLaneThreads, laneIdle);
    }

    /** Sets (replaces) the hooks of an instance, in the order they run within a phase. */
    public void setHooks(String instance, List<Hook> instanceHooks) {
        Objects.requireNonNull(instance, "instance");
        hooks.put(instance, List.copyOf(instanceHooks));
    }

    /** The hooks currently set for an instance (empty when none). */
    public List<Hook> hooks(String instance) {
        return hooks.getOrDefault(instance, List.of());
    }

    /**
     * Forgets an instance removed by a reload: its hooks and results go; its lane finishes what is
     * queued and then ends. A later submission for the same name starts a fresh lane.
     */
    public void removeInstance(String instance) {
        hooks.remove(instance);
        rings.remove(instance);
        HookLane lane = lanes.remove(instance);
        if (lane != null) {
            lane.shutdown();
        }
    }

    /**
     * Queues the hooks of {@code phase} for the transition in {@code context}; never blocks.
     * Even with no hooks the submission goes through the lane, so its future completes only after
     * every earlier transition of the instance (a takeover never overtakes a running release).
     *
     * @return the results, one per hook whose {@link Hook#phases()} include {@code phase}
     */
    public CompletableFuture<List<HookResult>> submit(HookPhase phase, HookContext context) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(context, "context");
        String instance = context.instance();
        List<Hook> selected = new ArrayList<>(hooks(instance).stream().filter(h -> h.phases().contains(phase)).toList());
        if (phase == HookPhase.RELEASE) {
            // Undo in the reverse order of the takeover: unexport NFS before demoting the database under it.
            Collections.reverse(selected);
        }
        return lane(instance).submit(phase, context, selected);
    }

    /**
     * Runs an admin action ({@link Hook#actions()}) of every hook of the instance that offers it, on the
     * instance's lane after the transitions queued before it, each within its hook's timeout. The results
     * carry phase NOTIFY and are not kept for status; the caller reports them.
     */
    public CompletableFuture<List<HookResult>> submitAction(String action, HookContext context) {
        Objects.requireNonNull(action, "action");
        List<Hook> offering = hooks(context.instance()).stream().filter(h -> h.actions().contains(action)).toList();
        return lane(context.instance()).submitAction(action, context, offering);
    }

    /**
     * Runs {@code task} on the instance's lane once everything queued before it has run (or at once on
     * this thread when the lane is closed); used to close hooks a reload replaced without pulling them
     * from under a running transition.
     */
    public void afterQueued(String instance, Runnable task) {
        lane(instance).afterQueued(task);
    }

    private HookLane lane(String instance) {
        HookLane lane = lanes.computeIfAbsent(instance, name -> newLane(name));
        if (closed) {
            lane.shutdown();
        }
        return lane;
    }

    /** The last results of an instance, oldest first (empty when none). */
    public List<HookResult> recentResults(String instance) {
        ResultRing ring = rings.get(instance);
        return ring == null ? List.of() : ring.snapshot();
    }

    /** The last results of every instance, by instance name. */
    public Map<String, List<HookResult>> recentResults() {
        Map<String, List<HookResult>> all = new TreeMap<>();
        rings.forEach((name, ring) -> all.put(name, ring.snapshot()));
        return all;
    }

    /** Submissions answered without running because a lane was full or the runner closed. */
    public long rejectedSubmissions() {
        return lanes.values().stream().mapToLong(HookLane::rejectedCount).sum();
    }

    /**
     * Stops accepting work and waits up to {@link HookRunnerSettings#closeWait()} in total for queued
     * transitions (the release and STOP notify of a shutdown) to finish; then interrupts what still runs
     * and answers what is still queued with SKIPPED. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(HookLane::shutdown);
        long deadline = System.nanoTime() + settings.closeWait().toNanos();
        boolean interrupted = false;
        for (HookLane lane : lanes.values()) {
            try {
                if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()))) {
                    LOG.warn("hook lane still busy after {} ms; stopping it", settings.closeWait().toMillis());
                    lane.shutdownNow("hook runner closed");
                }
            } catch (InterruptedException e) {
                interrupted = true;
                lane.shutdownNow("hook runner closed");
            }
        }
        pool.shutdown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private HookLane newLane(String instance) {
        ResultRing ring = rings.computeIfAbsent(instance, name -> new ResultRing(settings.resultsPerInstance()));
        return new HookLane(instance, settings, ring, pool);
    }
}
