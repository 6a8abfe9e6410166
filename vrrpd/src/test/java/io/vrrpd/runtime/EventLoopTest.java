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
 * The loop's timer slack and its time: timers due within {@link EventLoop#SLACK_NANOS} of each other share
 * one wake-up, and {@link EventLoop#now()} tells a timer run early its own deadline, a posted task the clock,
 * never going backwards. The clocks here stand still, so what runs in a pass is decided by the deadlines
 * alone, never by how fast this machine is.
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
            secondSaw.set(loop.now());
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
            saw.set(loop.now());
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

    @Test
    void aTimerRunEarlySeesItsDeadlineAndAPostedTaskTheClockNeverGoingBack() throws Exception {
        AtomicLong clock = new AtomicLong(5_000_000);
        EventLoop loop = new EventLoop(clock::get);
        long deadline = 5_000_000 + EventLoop.SLACK_NANOS - 1_000;
        AtomicLong timerSaw = new AtomicLong(-1);
        AtomicBoolean reached = new AtomicBoolean();
        CountDownLatch ran = new CountDownLatch(1);
        loop.start();
        try {
            assertEquals(5_000_000, loop.call(loop::now, 5_000), "a posted task sees the clock");
            loop.call(() -> loop.schedule(deadline, () -> {
                timerSaw.set(loop.now());
                reached.set(loop.now() >= deadline);
                ran.countDown();
            }), 5_000);
            assertTrue(ran.await(5, TimeUnit.SECONDS), "the timer within the slack ran, the clock standing still");
            assertTrue(reached.get(), "a timer run early sees its deadline reached");
            assertEquals(deadline, timerSaw.get());
            assertEquals(deadline, loop.call(loop::now, 5_000),
                    "a posted task after it does not see time go back to the clock");
            assertEquals(deadline, loop.call(() -> loop.dated(deadline - 100_000), 5_000),
                    "an event stamped before a timer that ran is dated at that timer's time");
            assertEquals(deadline + 1, loop.call(() -> loop.dated(deadline + 1), 5_000),
                    "and after it by its own stamp");
            clock.set(7_000_000);
            assertEquals(7_000_000, loop.call(loop::now, 5_000), "once the clock passes it, the clock again");
        } finally {
            loop.close();
        }
    }

    @Test
    void aTimerRearmingItselfJustAheadRunsOncePerWakeUp() {
        EventLoop loop = new EventLoop(() -> 0L);
        AtomicLong runs = new AtomicLong();
        AtomicLong lastSaw = new AtomicLong(-1);
        long step = EventLoop.SLACK_NANOS / 250; // 1 µs: the next deadline is within the slack at once
        EventLoop.Timer[] timer = new EventLoop.Timer[1];
        timer[0] = loop.timer(() -> {
            runs.incrementAndGet();
            lastSaw.set(loop.now());
            loop.rearm(timer[0], loop.now() + step);
        });
        loop.rearm(timer[0], 0);
        loop.runDueTimers();
        assertEquals(1, runs.get(), "re-armed during the wake-up, it waits for the next one");
        loop.runDueTimers();
        assertEquals(2, runs.get());
        assertEquals(step, lastSaw.get(), "and then runs at its new deadline, before the clock");
        assertEquals(1, loop.queuedTimers());
    }

    @Test
    void aTimerArmedDuringAWakeUpRunsInTheNextOneWithTheTimersItHeldBack() {
        EventLoop loop = new EventLoop(() -> 0L);
        AtomicLong runs = new AtomicLong();
        loop.schedule(0, () -> {
            runs.incrementAndGet();
            loop.schedule(loop.now(), runs::incrementAndGet);
        });
        loop.schedule(EventLoop.SLACK_NANOS, runs::incrementAndGet);
        loop.runDueTimers();
        assertEquals(1, runs.get(), "the timer armed during the wake-up, first in the queue, ends it");
        loop.runDueTimers();
        assertEquals(3, runs.get(), "the next wake-up runs it and the one it held back");
        assertEquals(0, loop.queuedTimers());
    }
}
