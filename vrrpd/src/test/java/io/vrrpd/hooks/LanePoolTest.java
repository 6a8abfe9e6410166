package io.vrrpd.hooks;

import static io.vrrpd.hooks.TestHooks.context;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vrrpd.hooks.TestHooks.Scripted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 10: lane threads scale with the lanes that have work, not with the configured instances. */
class LanePoolTest {

    /** Lane threads of any runner: the pool's, and the one-per-instance threads of the former design. */
    private static long laneThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("vrrpd-hooks-") || t.getName().startsWith("hooks-")).count();
    }

    @Test
    void twoHundredInstancesThatRanHooksHoldNoLaneThreadOnceIdle() throws Exception {
        long before = laneThreads();
        try (HookRunner runner = new HookRunner(HookRunnerSettings.defaults(), 8, Duration.ofMillis(200))) {
            List<CompletableFuture<List<HookResult>>> futures = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                runner.setHooks("VI_" + i, List.of(Scripted.ok("n", HookPhase.NOTIFY)));
                futures.add(runner.submit(HookPhase.NOTIFY, context("VI_" + i, "BACKUP", "MASTER", 1)));
            }
            for (CompletableFuture<List<HookResult>> f : futures) {
                assertEquals(HookOutcome.OK, f.get(20, TimeUnit.SECONDS).get(0).outcome());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (laneThreads() > before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(before, laneThreads(), "idle lane threads must retire");
        }
    }

    @Test
    void busyLanesShareABoundedPoolAndKeepTheirOrder() throws Exception {
        int instances = HookRunner.MAX_LANE_THREADS + 36;
        CountDownLatch release = new CountDownLatch(1);
        try (HookRunner runner = new HookRunner()) {
            List<Scripted> hooks = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Scripted h = new Scripted("wait", EnumSet.of(HookPhase.NOTIFY), Duration.ofSeconds(30), (p, c) -> {
                    release.await();
                    return HookReport.ok("released");
                });
                hooks.add(h);
                runner.setHooks("VI_" + i, List.of(h));
            }
            List<CompletableFuture<List<HookResult>>> futures = new ArrayList<>();
            for (int seq = 1; seq <= 3; seq++) {
                for (int i = 0; i < instances; i++) {
                    futures.add(runner.submit(HookPhase.NOTIFY, context("VI_" + i, "BACKUP", "MASTER", seq)));
                }
            }
            Thread.sleep(300);
            long busy = laneThreads();
            assertEquals(HookRunner.MAX_LANE_THREADS, busy, "lane threads for " + instances + " busy lanes");
            release.countDown();
            for (CompletableFuture<List<HookResult>> f : futures) {
                assertEquals(HookOutcome.OK, f.get(20, TimeUnit.SECONDS).get(0).outcome());
            }
            for (Scripted h : hooks) {
                assertEquals(List.of("NOTIFY#1", "NOTIFY#2", "NOTIFY#3"), h.calls);
            }
        }
    }
}
