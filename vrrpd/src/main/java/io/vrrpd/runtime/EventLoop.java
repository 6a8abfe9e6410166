package io.vrrpd.runtime;

import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns all instance state (design.md, "Threads"). Other threads hand it work
 * with {@link #post}; timers run on it at their monotonic deadline. It never blocks on I/O it does
 * not own and never waits for a hook.
 *
 * <p>This is also the loop's single error boundary: a task that throws is logged and counted, and
 * the loop goes on, so one bad event can never stop adverts.
 */
public final class EventLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    /**
     * A scheduled task; cancel by setting {@code cancelled}, the loop then skips it. A timer made with
     * {@link #timer} is re-armed with {@link #rearm} instead of being replaced, so an instance's election
     * timer costs no allocation per advert (issue 10).
     */
    public static final class Timer implements Comparable<Timer> {
        private long deadlineNanos;
        private long seq;
        private final Runnable task;
        private volatile boolean cancelled;
        /** In the queue, live or cancelled but not yet skipped; only touched on the loop thread. */
        private boolean queued;

        private Timer(long deadlineNanos, long seq, Runnable task) {
            this.deadlineNanos = deadlineNanos;
            this.seq = seq;
            this.task = task;
        }

        public void cancel() {
            cancelled = true;
        }

        public long deadlineNanos() {
            return deadlineNanos;
        }

        /** Armed and not yet run nor cancelled; only read on the loop thread. */
        public boolean pending() {
            return queued && !cancelled;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadlineNanos, o.deadlineNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** How early a timer may run to share a wake-up with one due before it (see {@link #runDueTimers}). */
    static final long SLACK_NANOS = 250_000;

    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final MonotonicClock clock;
    private final Thread thread;
    private volatile boolean running = true;
    /** {@link #now()} of the task running, or of the last one run; only touched on the loop thread. */
    private long nowNanos = Long.MIN_VALUE;
    /** The latest time a timer ran at (see {@link #dated}); only touched on the loop thread. */
    private long timersRunUntilNanos = Long.MIN_VALUE;
    /** Whether a task is running, so {@link #now()} knows whether to read the clock. */
    private boolean inTask;

    public EventLoop(MonotonicClock clock) {
        this.clock = clock;
        this.thread = new Thread(this::run, "vrrpd-loop");
        // Java priorities mean nothing to Linux: Daemon gives the loop a real-time policy (LoopScheduling).
    }

    public void start() {
        thread.start();
    }

    public MonotonicClock clock() {
        return clock;
    }

    /** Hands a task to the loop; safe from any thread. */
    public void post(Runnable task) {
        inbox.add(task);
    }

    /** Runs a task on the loop and waits for its result (for control requests); bounded by a timeout. */
    public <T> T call(Supplier<T> task, long timeoutMillis) throws Exception {
        if (inLoop()) {
            return task.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        post(() -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Schedules a task at a monotonic deadline; only call on the loop thread. */
    public Timer schedule(long deadlineNanos, Runnable task) {
        assert inLoop() || !thread.isAlive();
        Timer t = new Timer(deadlineNanos, seq.incrementAndGet(), task);
        t.queued = true;
        timers.add(t);
        return t;
    }

    /** A timer for {@code task} that is not scheduled yet: {@link #rearm} schedules it, as often as needed. */
    public Timer timer(Runnable task) {
        return new Timer(Long.MAX_VALUE, 0, task);
    }

    /**
     * Schedules {@code t} at a monotonic deadline, replacing the deadline it had (a cancelled one
     * included); only call on the loop thread. A timer re-armed from its own task is no longer queued and
     * goes straight back in; one re-armed while still queued is taken out first (a linear search of the
     * queue, on the rarer paths: an election timer moved by a transition or an accepted advert), so no stale
     * copy of it is left behind.
     */
    public void rearm(Timer t, long deadlineNanos) {
        assert inLoop() || !thread.isAlive();
        if (t.queued) {
            timers.remove(t);
        }
        t.deadlineNanos = deadlineNanos;
        t.seq = seq.incrementAndGet();
        t.cancelled = false;
        t.queued = true;
        timers.add(t);
    }

    /**
     * The time the running task runs at, the one to compare with a deadline and to schedule from. For a timer
     * it is its deadline when the loop runs it up to {@link #SLACK_NANOS} early (so "now >= my deadline" holds
     * in the timer's own task), else the clock; for a posted task the clock. It never goes backwards from one
     * task to the next, so the elections never see time run back either. Constant within a task. Only call
     * on the loop thread; outside a task (the loop not started yet, tests driving it) it reads the clock,
     * never earlier than the last task's time.
     */
    public long now() {
        assert inLoop() || !thread.isAlive();
        return inTask ? nowNanos : Math.max(nowNanos, clock.nanoTime());
    }

    /**
     * The time to hand the elections for an event stamped {@code eventNanos} before its task ran (a
     * datagram's kernel arrival stamp): the stamp itself, so the master-down timer counts from the advert's
     * receipt (RFC 5798 §6.4.2), but never earlier than a timer the loop has already run, which acted as if
     * its deadline had come. Only call on the loop thread.
     */
    public long dated(long eventNanos) {
        return Math.max(eventNanos, timersRunUntilNanos);
    }

    /** Timers in the queue, cancelled ones not yet skipped included; only read on the loop thread. */
    int queuedTimers() {
        return timers.size();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Tasks that threw since start: shown in status, each one logged. */
    public long failures() {
        return failures.get();
    }

    private void run() {
        while (running) {
            long wait = waitNanos();
            Runnable task;
            try {
                task = wait <= 0 ? inbox.poll() : inbox.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                continue;
            }
            if (task != null) {
                runPosted(task);
                // Drain what queued up meanwhile before looking at the timers again.
                Runnable more;
                while ((more = inbox.poll()) != null) {
                    runPosted(more);
                }
            }
            runDueTimers();
        }
    }

    private long waitNanos() {
        Timer head = peekLive();
        if (head == null) {
            return TimeUnit.SECONDS.toNanos(1);
        }
        return head.deadlineNanos - clock.nanoTime();
    }

    private Timer peekLive() {
        Timer head;
        while ((head = timers.peek()) != null && head.cancelled) {
            timers.poll().queued = false;
        }
        return head;
    }

    /**
     * Runs every timer due now or within {@link #SLACK_NANOS}, reading the clock again after each one, so
     * the timers whose deadlines lie close together run in one wake-up. Instances reschedule from the time
     * their timer ran, so their deadlines gather into groups and stay there: 200 masters started together
     * cost a few wake-ups a second instead of 200 (issue 10, CPU). A timer runs at most
     * {@link #SLACK_NANOS} early, which no VRRP timer can notice (advert intervals are centiseconds, and the
     * kernel's own timer slack for a normal thread is 50 µs); {@link #now()} tells its task its deadline.
     *
     * <p>Only timers armed before the wake-up run in it: one that a task of this wake-up arms (itself again,
     * "at now() + x" with x under the slack, or another timer) waits for the next turn of the loop, after the
     * posted tasks. Without that a timer re-arming itself just ahead would run again and again in one
     * wake-up, its {@link #now()} stepping past the clock. Such a timer, first in the queue, also holds back
     * the older ones due in this wake-up to the next turn: at most {@link #SLACK_NANOS} later, and only when
     * a task arms a timer within the slack of its own time, which VRRP's timers never do. Package-private so
     * tests can run the timers on their own thread, the loop thread not started.
     */
    void runDueTimers() {
        long armedBefore = seq.get();
        long clockNanos = clock.nanoTime();
        Timer head;
        while ((head = peekLive()) != null && head.deadlineNanos - SLACK_NANOS <= clockNanos
                && head.seq <= armedBefore) {
            timers.poll().queued = false;
            // A timer run early runs at its deadline as far as its task can tell.
            runAt(Math.max(clockNanos, head.deadlineNanos), head.task);
            timersRunUntilNanos = nowNanos;
            clockNanos = clock.nanoTime();
        }
    }

    private void runPosted(Runnable task) {
        runAt(clock.nanoTime(), task);
    }

    private void runAt(long nanos, Runnable task) {
        nowNanos = Math.max(nowNanos, nanos);
        inTask = true;
        try {
            runSafely(task);
        } finally {
            inTask = false;
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | AssertionError e) {
            failures.incrementAndGet();
            LOG.error("event loop task failed; continuing", e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (!inLoop()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
