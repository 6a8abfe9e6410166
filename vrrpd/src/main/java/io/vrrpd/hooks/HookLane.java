package io.vrrpd.hooks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's serial lane: a queue of submitted transitions drained in order by one thread of the
 * shared {@link LanePool} at a time, each hook on a fresh thread of its own so a hook that ignores
 * interruption can be abandoned at its timeout without stalling the lane. The drain is the lane's error
 * boundary: every submission's future is completed, whatever a hook does.
 */
final class HookLane {

    private static final Logger LOG = LoggerFactory.getLogger(HookLane.class);

    private final String instance;
    private final HookRunnerSettings settings;
    private final ResultRing ring;
    private final LanePool pool;
    private final AtomicLong rejected = new AtomicLong();
    /** Guards the fields below. */
    private final Object lock = new Object();
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    /** True while the lane is handed to the pool (queued there or draining). */
    private boolean scheduled;
    private Thread drainer;
    private boolean shutdown;

    HookLane(String instance, HookRunnerSettings settings, ResultRing ring, LanePool pool) {
        this.instance = instance;
        this.settings = settings;
        this.ring = ring;
        this.pool = pool;
    }

    /** Queues a transition; answers at once with SKIPPED results when the lane is full or shut down. */
    CompletableFuture<List<HookResult>> submit(HookPhase phase, HookContext context, List<Hook> hooks) {
        return enqueue(new Submission(phase, context, hooks, null));
    }

    /** Queues an admin action; its results are returned, not kept in the ring. */
    CompletableFuture<List<HookResult>> submitAction(String action, HookContext context, List<Hook> hooks) {
        return enqueue(new Submission(HookPhase.NOTIFY, context, hooks, action));
    }

    /** Runs a task after what is queued; at once on this thread when the lane no longer accepts work. */
    void afterQueued(Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("({}) hook lane task failed: {}", instance, oneLine(e));
            }
        };
        if (offer(guarded) != null) {
            guarded.run();
        }
    }

    private CompletableFuture<List<HookResult>> enqueue(Submission submission) {
        String why = offer(submission);
        if (why != null) {
            long count = rejected.incrementAndGet();
            LOG.warn("({}) {} hooks for transition #{} not run: {} ({} so far)",
                    instance, submission.phase, submission.context.sequence(), why, count);
            submission.skipAll(why);
        }
        return submission.future;
    }

    /** Queues the task and hands the lane to the pool if idle; null when queued, else why not. */
    private String offer(Runnable task) {
        synchronized (lock) {
            if (shutdown) {
                return "hook runner closed";
            }
            // The head of a lane handed to the pool but not yet taken counts as running, not waiting.
            int waiting = pending.size() - (scheduled && drainer == null ? 1 : 0);
            if (waiting >= settings.maxPendingPerInstance()) {
                return "lane backlog full (" + settings.maxPendingPerInstance() + " pending)";
            }
            pending.add(task);
            if (scheduled) {
                return null;
            }
            scheduled = true;
        }
        pool.execute(this::drain);
        return null;
    }

    /** Runs queued tasks in order until the queue is empty; then the lane leaves the pool. */
    private void drain() {
        while (true) {
            Runnable next;
            synchronized (lock) {
                next = pending.poll();
                if (next == null) {
                    scheduled = false;
                    drainer = null;
                    lock.notifyAll();
                    return;
                }
                drainer = Thread.currentThread();
            }
            try {
                next.run();
            } finally {
                synchronized (lock) {
                    drainer = null;
                }
                // A shutdownNow interrupt is meant for the task that was running, not the pool's thread.
                Thread.interrupted();
            }
        }
    }

    long rejectedCount() {
        return rejected.get();
    }

    /** Stops accepting work; what is queued still runs. */
    void shutdown() {
        synchronized (lock) {
            shutdown = true;
        }
    }

    /** Waits until the queue is drained and nothing runs; true when it is. */
    boolean awaitTermination(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        synchronized (lock) {
            while (scheduled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Interrupts the running transition and answers the queued ones with SKIPPED. */
    void shutdownNow(String why) {
        List<Runnable> dropped;
        synchronized (lock) {
            shutdown = true;
            dropped = new ArrayList<>(pending);
            pending.clear();
            if (drainer != null) {
                drainer.interrupt();
            }
        }
        for (Runnable task : dropped) {
            if (task instanceof Submission s) {
                s.skipAll(why);
            } else {
                task.run(); // closing replaced hooks: cheap, and must not be lost
            }
        }
    }

    private final class Submission implements Runnable {
        final HookPhase phase;
        final HookContext context;
        final List<Hook> hooks;
        /** The admin action to run instead of the phase, or null. */
        final String action;
        final CompletableFuture<List<HookResult>> future = new CompletableFuture<>();

        Submission(HookPhase phase, HookContext context, List<Hook> hooks, String action) {
            this.phase = phase;
            this.context = context;
            this.hooks = hooks;
            this.action = action;
        }

        @Override
        public void run() {
            List<HookResult> results = new ArrayList<>(hooks.size());
            try {
                String skipReason = null;
                for (Hook hook : hooks) {
                    HookResult result = skipReason != null
                            ? notRun(hook, skipReason)
                            : invoke(hook);
                    record(result);
                    results.add(result);
                    if (skipReason == null && action == null && phase == HookPhase.TAKEOVER && result.isFailure()) {
                        // HookPhase.TAKEOVER: later steps must not run once an earlier one failed.
                        skipReason = "earlier takeover hook " + hook.name() + " " + result.outcome();
                    }
                    if (skipReason == null && Thread.currentThread().isInterrupted()) {
                        skipReason = "hook runner closing";
                    }
                }
            } catch (RuntimeException | Error e) {
                LOG.warn("({}) hook lane error: {}", instance, oneLine(e));
                LOG.debug("({}) hook lane error", instance, e);
            } finally {
                future.complete(List.copyOf(results));
            }
        }

        void skipAll(String why) {
            List<HookResult> results = new ArrayList<>(hooks.size());
            for (Hook hook : hooks) {
                HookResult result = notRun(hook, why);
                if (action == null) {
                    ring.add(result);
                }
                results.add(result);
            }
            future.complete(List.copyOf(results));
        }

        private HookResult invoke(Hook hook) {
            Duration timeout = hook.timeout();
            HookInvocation invocation = new HookInvocation(hook, phase, action, context, timeout);
            long start = System.nanoTime();
            Thread worker = new Thread(invocation, "hook-" + instance + "-" + hook.name());
            worker.setDaemon(true);
            worker.start();
            HookReport report;
            try {
                if (invocation.done.await(timeout.plus(settings.timeoutSlack()).toNanos(), TimeUnit.NANOSECONDS)) {
                    report = invocation.report();
                } else {
                    worker.interrupt();
                    boolean stopped = invocation.done.await(settings.stopGrace().toNanos(), TimeUnit.NANOSECONDS);
                    report = HookReport.timedOut("did not finish within " + millis(timeout) + " ms; "
                            + (stopped ? "interrupted" : "interrupted but still running, abandoned"));
                }
            } catch (InterruptedException e) {
                // The runner is closing (shutdownNow): stop the hook and keep the flag for the loop.
                worker.interrupt();
                Thread.currentThread().interrupt();
                report = HookReport.failed("stopped: hook runner closing");
            }
            return new HookResult(instance, context.sequence(), hook.name(), phase, report.outcome(),
                    report.detail(), report.output(), Duration.ofNanos(System.nanoTime() - start), Instant.now());
        }

        private HookResult notRun(Hook hook, String why) {
            return new HookResult(instance, context.sequence(), hook.name(), phase, HookOutcome.SKIPPED,
                    "not run: " + why, "", Duration.ZERO, Instant.now());
        }

        private void record(HookResult r) {
            String what = action == null ? phase.name() : "action " + action + " of";
            if (action == null) {
                ring.add(r);
            }
            switch (r.outcome()) {
                case OK -> LOG.info("({}) {} hook {} OK in {} ms{}", instance, what, r.hook(),
                        r.took().toMillis(), r.detail().isEmpty() ? "" : ": " + r.detail());
                case SKIPPED -> LOG.debug("({}) {} hook {} skipped: {}", instance, what, r.hook(), r.detail());
                default -> LOG.warn("({}) {} hook {} {} after {} ms: {}", instance, what, r.hook(),
                        r.outcome(), r.took().toMillis(), r.detail());
            }
        }
    }

    /** One call of {@link Hook#run} on its own thread; turns whatever happens into a report. */
    private static final class HookInvocation implements Runnable {
        final CountDownLatch done = new CountDownLatch(1);
        private final Hook hook;
        private final HookPhase phase;
        private final String action;
        private final HookContext context;
        private final Duration timeout;
        private volatile HookReport report;

        HookInvocation(Hook hook, HookPhase phase, String action, HookContext context, Duration timeout) {
            this.hook = hook;
            this.phase = phase;
            this.action = action;
            this.context = context;
            this.timeout = timeout;
        }

        @Override
        public void run() {
            try {
                HookReport r = action == null ? hook.run(phase, context, timeout)
                        : hook.runAction(action, context, timeout);
                report = r != null ? r : HookReport.failed("hook returned no report");
            } catch (InterruptedException e) {
                report = HookReport.timedOut("interrupted");
            } catch (Exception | LinkageError | AssertionError e) {
                // The lane logs the one-line result at WARN; the stack is for DEBUG only.
                LOG.debug("({}) {} hook {} stack trace", context.instance(), phase, hook.name(), e);
                report = HookReport.failed(oneLine(e));
            } finally {
                done.countDown();
            }
        }

        HookReport report() {
            return report;
        }
    }

    /** The exception's class and the first line of its message, at most 300 characters. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName();
        if (message != null && !message.isBlank()) {
            int nl = message.indexOf('\n');
            text += ": " + (nl >= 0 ? message.substring(0, nl) : message).strip();
        }
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }

    private static long millis(Duration d) {
        return d.toMillis();
    }
}
