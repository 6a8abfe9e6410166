package io.vrrpd.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CheckSchedulerTest {

    @Test
    void aCheckThatOverrunsItsTimeoutIsReportedAsTimedOutAndNotRunTwiceAtOnce() throws Exception {
        List<String> results = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch two = new CountDownLatch(2);
        try (CheckScheduler s = new CheckScheduler()) {
            CheckScheduler.Handle h = s.every("slow", Duration.ofMillis(20), Duration.ofMillis(100), () -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5_000);
                    return "finished";
                } finally {
                    running.decrementAndGet();
                }
            }, r -> {
                results.add(r);
                two.countDown();
            }, e -> e.getClass().getSimpleName());
            assertTrue(two.await(5, TimeUnit.SECONDS), results.toString());
            h.cancel();
        }
        assertEquals("TimeoutException", results.get(0));
        assertEquals(1, maxRunning.get(), "one run in flight per check");
    }

    @Test
    void runNowRunsAtOnceBetweenIntervals() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(2);
        try (CheckScheduler s = new CheckScheduler()) {
            CheckScheduler.Handle h = s.every("check", Duration.ofHours(1), null, runs::incrementAndGet,
                    r -> second.countDown(), e -> -1);
            Thread.sleep(200);
            h.runNow();
            assertTrue(second.await(5, TimeUnit.SECONDS), "runs: " + runs.get());
        }
    }
}
