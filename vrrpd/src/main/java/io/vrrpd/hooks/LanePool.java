package io.vrrpd.hooks;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that drain the hook lanes, shared by every instance: threads scale with the lanes that have
 * work, not with the configured instances (issue 10: 200 idle instances held 200 idle lane threads). A
 * lane is handed to the pool only while it has work and at most once at a time, so its transitions still
 * run in order; an idle thread retires after {@link #IDLE} (by default), so an idle daemon holds none.
 *
 * <p>Bounded at {@code maxThreads}: beyond that, busy lanes wait their turn in the pool's queue (one entry
 * per busy lane, so the queue is bounded by the number of instances). A lane thread mostly waits for its
 * hook, which runs on a thread of its own, so the bound only matters when that many instances run hooks
 * at the same moment.
 */
final class LanePool {

    /** How long an idle lane thread lives: long enough to serve a burst of transitions without respawning. */
    static final Duration IDLE = Duration.ofSeconds(10);

    private final ThreadPoolExecutor executor;

    LanePool(int maxThreads, Duration idle) {
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(maxThreads, maxThreads, idle.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread t = new Thread(runnable, "vrrpd-hooks-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    void execute(Runnable drain) {
        executor.execute(drain);
    }

    /** Lets the threads end once the lanes are drained; called after every lane has been shut down. */
    void shutdown() {
        executor.shutdown();
    }
}
