package io.vrrpd.track;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs periodic checks off the event loop: one timer thread and a small bounded pool of workers shared by
 * every check (not a thread per check), so 200 tracked scripts cost a handful of threads. Each check has at
 * most one run in flight; a tick that finds the previous run still going is skipped, as keepalived skips a
 * track script that is still running (vrrp_scheduler.c, vrrp_script_thread). The result goes to the
 * check's sink on the worker thread; the sink posts it to the event loop.
 */
public final class CheckScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");
    /** Workers: enough for a few slow scripts at once; more checks wait their turn in the queue. */
    static final int WORKERS = 4;

    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor workers;

    public CheckScheduler() {
        this.timer = new ScheduledThreadPoolExecutor(1, named("vrrpd-check-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                named("vrrpd-check"));
        this.workers.allowCoreThreadTimeOut(true);
    }

    /** A scheduled check; cancel it when the instance goes away. */
    public interface Handle {
        void cancel();

        /** Runs the check now as well (skipped if a run is in flight), e.g. after a transition. */
        void runNow();
    }

    /**
     * Runs {@code check} now and then every {@code interval}.
     *
     * @param label     for logs, e.g. {@code vrrp_script chk_haproxy}
     * @param interval  time between starts
     * @param timeout   a run still going after this is interrupted and reported through
     *                  {@code onFailure} as timed out; null when the check bounds itself (scripts)
     * @param check     the work; runs on a worker thread
     * @param sink      receives each result (on a worker or the timer thread)
     * @param onFailure turns an exception (or a timeout, as a {@link java.util.concurrent.TimeoutException})
     *                  into a result
     */
    public <T> Handle every(String label, Duration interval, Duration timeout, Callable<T> check,
                            Consumer<T> sink, Function<Exception, T> onFailure) {
        Objects.requireNonNull(check, "check");
        AtomicBoolean running = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable tick = () -> {
            if (cancelled.get()) {
                return;
            }
            if (!running.compareAndSet(false, true)) {
                LOG.debug("{} is still running; skipping this run", label);
                return;
            }
            AtomicBoolean reported = new AtomicBoolean();
            Future<?> run = workers.submit(() -> {
                T result;
                try {
                    result = check.call();
                } catch (Exception e) {
                    result = onFailure.apply(e);
                } finally {
                    running.set(false);
                }
                if (!cancelled.get() && reported.compareAndSet(false, true)) {
                    sink.accept(result);
                }
            });
            if (timeout != null) {
                timer.schedule(() -> {
                    if (!run.isDone() && reported.compareAndSet(false, true)) {
                        run.cancel(true);
                        if (!cancelled.get()) {
                            sink.accept(onFailure.apply(new java.util.concurrent.TimeoutException(
                                    "no answer within " + timeout.toMillis() + " ms")));
                        }
                    }
                }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        };
        Runnable guarded = guard(label, tick);
        ScheduledFuture<?> f = timer.scheduleAtFixedRate(guarded, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        return new Handle() {
            @Override
            public void cancel() {
                cancelled.set(true);
                f.cancel(false);
            }

            @Override
            public void runNow() {
                if (!cancelled.get()) {
                    try {
                        timer.execute(guarded);
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        LOG.debug("{}: not run, the scheduler is closed", label);
                    }
                }
            }
        };
    }

    /** One error boundary for the timer thread: a failing tick is logged and the schedule goes on. */
    private static Runnable guard(String label, Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("{}: not run, the scheduler is closing", label);
            } catch (RuntimeException e) {
                LOG.error("{}: cannot start the check: {}", label, e.toString());
            }
        };
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
