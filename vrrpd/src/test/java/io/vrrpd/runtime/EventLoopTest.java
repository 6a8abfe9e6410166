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
}
