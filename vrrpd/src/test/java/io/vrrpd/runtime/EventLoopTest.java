package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The loop's timer slack: timers due within {@link EventLoop#SLACK_NANOS} of each other share one wake-up,
 * and a timer run early sees its own deadline as the time. The clock stands still at 0, so what runs in
 * the first pass is decided by the deadlines alone, never by how fast this machine is.
 */
class EventLoopTest {

    @Test
    void timersWithinTheSlackShareAWakeUpAndSeeTheirDeadline() throws Exception {
        EventLoop loop = new EventLoop(() -> 0L);
        CountDownLatch ran = new CountDownLatch(2);
        AtomicLong secondSaw = new AtomicLong(-1);
        AtomicBoolean beyondSlackRan = new AtomicBoolean();
        long second = EventLoop.SLACK_NANOS - 1_000;
        loop.schedule(0, ran::countDown);
        loop.schedule(second, () -> {
            secondSaw.set(loop.lastTimerNanos());
            ran.countDown();
        });
        loop.schedule(EventLoop.SLACK_NANOS + 1_000, () -> beyondSlackRan.set(true));
        loop.start();
        try {
            assertTrue(ran.await(5, TimeUnit.SECONDS), "both timers within the slack ran");
            assertEquals(second, secondSaw.get(), "the early timer sees its own deadline");
            Thread.sleep(50);
            assertFalse(beyondSlackRan.get(), "a timer beyond the slack waits for its deadline");
        } finally {
            loop.close();
        }
    }

    @Test
    void aTimerOnTimeSeesTheClock() throws Exception {
        AtomicLong clock = new AtomicLong(5_000_000);
        EventLoop loop = new EventLoop(clock::get);
        AtomicLong saw = new AtomicLong(-1);
        CountDownLatch ran = new CountDownLatch(1);
        loop.schedule(1_000_000, () -> {
            saw.set(loop.lastTimerNanos());
            ran.countDown();
        });
        loop.start();
        try {
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertEquals(5_000_000, saw.get(), "a late timer sees the clock, not its older deadline");
        } finally {
            loop.close();
        }
    }

    @Test
    void aRearmedTimerRunsOnceAtItsLatestDeadlineAndLeavesNoCopyBehind() {
        AtomicLong clock = new AtomicLong(0);
        EventLoop loop = new EventLoop(clock::get);
        AtomicLong runs = new AtomicLong();
        EventLoop.Timer timer = loop.timer(runs::incrementAndGet);
        loop.rearm(timer, 10_000_000);
        loop.rearm(timer, 20_000_000);
        timer.cancel();
        loop.rearm(timer, 30_000_000);
        assertEquals(1, loop.queuedTimers(), "re-arming replaces, a cancelled timer included");

        clock.set(25_000_000);
        loop.runDueTimers();
        assertEquals(0, runs.get(), "the earlier deadlines are gone");
        clock.set(30_000_000);
        loop.runDueTimers();
        loop.runDueTimers();
        assertEquals(1, runs.get());
        assertEquals(0, loop.queuedTimers());

        loop.rearm(timer, 40_000_000);
        timer.cancel();
        clock.set(50_000_000);
        loop.runDueTimers();
        assertEquals(1, runs.get(), "a cancelled timer does not run");
        assertEquals(0, loop.queuedTimers(), "and is dropped from the queue");
    }

    @Test
    void aTimerRearmedFromItsOwnTaskKeepsRunning() {
        AtomicLong clock = new AtomicLong(0);
        EventLoop loop = new EventLoop(clock::get);
        AtomicLong runs = new AtomicLong();
        EventLoop.Timer[] timer = new EventLoop.Timer[1];
        timer[0] = loop.timer(() -> {
            runs.incrementAndGet();
            loop.rearm(timer[0], clock.get() + 1_000_000_000L);
        });
        loop.rearm(timer[0], 1_000_000_000L);
        for (int i = 1; i <= 5; i++) {
            clock.set(i * 1_000_000_000L);
            loop.runDueTimers();
        }
        assertEquals(5, runs.get());
        assertEquals(1, loop.queuedTimers());
    }
}
