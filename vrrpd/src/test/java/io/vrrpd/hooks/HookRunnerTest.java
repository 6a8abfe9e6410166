package io.vrrpd.hooks;

import static io.vrrpd.hooks.TestHooks.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.hooks.TestHooks.Scripted;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HookRunnerTest {

    private static final HookRunnerSettings FAST =
            new HookRunnerSettings(4, 8, Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(2));

    private final HookRunner runner = new HookRunner(FAST);

    @AfterEach
    void close() {
        runner.close();
    }

    private static List<HookResult> get(CompletableFuture<List<HookResult>> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void runsOnlyTheHooksOfThePhaseInRegistrationOrder() throws Exception {
        Scripted a = Scripted.ok("a", HookPhase.TAKEOVER, HookPhase.NOTIFY);
        Scripted b = Scripted.ok("b", HookPhase.RELEASE);
        Scripted c = Scripted.ok("c", HookPhase.NOTIFY);
        runner.setHooks("VI_1", List.of(a, b, c));

        List<HookResult> results = get(runner.submit(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 7)));

        assertEquals(List.of("a", "c"), results.stream().map(HookResult::hook).toList());
        assertTrue(results.stream().allMatch(r -> r.outcome() == HookOutcome.OK && r.sequence() == 7
                && r.phase() == HookPhase.NOTIFY && r.instance().equals("VI_1")));
        assertEquals(List.of(), b.calls);
    }

    @Test
    void exceptionBecomesFailedWithOneLineDetail() throws Exception {
        Scripted boom = new Scripted("boom", EnumSet.of(HookPhase.NOTIFY), Duration.ofSeconds(5), (p, c) -> {
            throw new IOException("disk on fire\nsecond line");
        });
        runner.setHooks("VI_1", List.of(boom));

        HookResult r = get(runner.submit(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 1))).get(0);

        assertEquals(HookOutcome.FAILED, r.outcome());
        assertEquals("IOException: disk on fire", r.detail());
    }

    @Test
    void hungHookIsInterruptedReportedTimedOutAndTheLaneGoesOn() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        Scripted hung = new Scripted("hung", EnumSet.of(HookPhase.RELEASE), Duration.ofMillis(100), (p, c) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return HookReport.ok("never");
        });
        Scripted next = Scripted.ok("next", HookPhase.RELEASE);
        runner.setHooks("VI_1", List.of(next, hung)); // release runs in reverse: hung first
        List<HookResult> results = get(runner.submit(HookPhase.RELEASE, context("VI_1", "MASTER", "BACKUP", 1)));

        assertEquals(List.of("hung", "next"), results.stream().map(HookResult::hook).toList());
        assertEquals(HookOutcome.TIMED_OUT, results.get(0).outcome());
        assertTrue(results.get(0).detail().contains("100 ms"), results.get(0).detail());
        assertTrue(interrupted.get());
        assertEquals(HookOutcome.OK, results.get(1).outcome());
    }

    @Test
    void hookIgnoringInterruptIsAbandonedAndTheLaneGoesOn() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Scripted stubborn = new Scripted("stubborn", EnumSet.of(HookPhase.NOTIFY), Duration.ofMillis(50), (p, c) -> {
            while (true) {
                try {
                    never.await();
                    return HookReport.ok("released");
                } catch (InterruptedException ignored) {
                    // deliberately ignores interruption
                }
            }
        });
        Scripted next = Scripted.ok("next", HookPhase.NOTIFY);
        runner.setHooks("VI_1", List.of(stubborn, next));

        try {
            List<HookResult> results = get(runner.submit(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 1)));
            assertEquals(HookOutcome.TIMED_OUT, results.get(0).outcome());
            assertTrue(results.get(0).detail().contains("abandoned"), results.get(0).detail());
            assertEquals(HookOutcome.OK, results.get(1).outcome());
        } finally {
            never.countDown();
        }
    }

    @Test
    void failedTakeoverSkipsTheLaterTakeoverHooks() throws Exception {
        Scripted promote = Scripted.failing("promote", "pg_ctl promote: exit 1", HookPhase.TAKEOVER);
        Scripted export = Scripted.ok("export", HookPhase.TAKEOVER);
        runner.setHooks("VI_1", List.of(promote, export));

        List<HookResult> results = get(runner.submit(HookPhase.TAKEOVER, context("VI_1", "BACKUP", "MASTER", 3)));

        assertEquals(HookOutcome.FAILED, results.get(0).outcome());
        assertEquals(HookOutcome.SKIPPED, results.get(1).outcome());
        assertTrue(results.get(1).detail().contains("promote"), results.get(1).detail());
        assertEquals(List.of(), export.calls);
        assertFalse(HookResult.allSucceeded(results));
    }

    @Test
    void failedReleaseHookDoesNotStopTheOtherReleaseHooks() throws Exception {
        Scripted fence = Scripted.failing("fence", "no", HookPhase.RELEASE);
        Scripted unexport = Scripted.ok("unexport", HookPhase.RELEASE);
        runner.setHooks("VI_1", List.of(fence, unexport));

        List<HookResult> results = get(runner.submit(HookPhase.RELEASE, context("VI_1", "MASTER", "FAULT", 3)));

        // Release hooks run in reverse configured order: unexport first, then fence.
        assertEquals(List.of("unexport", "fence"), results.stream().map(HookResult::hook).toList());
        assertEquals(HookOutcome.OK, results.get(0).outcome());
        assertEquals(HookOutcome.FAILED, results.get(1).outcome());
        assertEquals(List.of("RELEASE#3"), unexport.calls);
    }

    @Test
    void slowHookOfOneInstanceDoesNotDelayAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch aStarted = new CountDownLatch(1);
        Scripted slow = new Scripted("slow", EnumSet.of(HookPhase.NOTIFY), Duration.ofSeconds(10), (p, c) -> {
            aStarted.countDown();
            release.await();
            return HookReport.ok("late");
        });
        runner.setHooks("A", List.of(slow));
        runner.setHooks("B", List.of(Scripted.ok("quick", HookPhase.NOTIFY)));
        try {
            CompletableFuture<List<HookResult>> a = runner.submit(HookPhase.NOTIFY, context("A", "BACKUP", "MASTER", 1));
            assertTrue(aStarted.await(5, TimeUnit.SECONDS));
            CompletableFuture<List<HookResult>> b = runner.submit(HookPhase.NOTIFY, context("B", "BACKUP", "MASTER", 1));

            assertEquals(HookOutcome.OK, b.get(5, TimeUnit.SECONDS).get(0).outcome());
            assertFalse(a.isDone(), "A must still be blocked while B finished");
        } finally {
            release.countDown();
        }
    }

    @Test
    void submitReturnsAtOnceAndOneInstanceRunsItsTransitionsInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Long> order = new CopyOnWriteArrayList<>();
        Scripted gate = new Scripted("gate", EnumSet.allOf(HookPhase.class), Duration.ofSeconds(10), (p, c) -> {
            if (c.sequence() == 1) {
                release.await();
            }
            order.add(c.sequence());
            return HookReport.ok("");
        });
        runner.setHooks("VI_1", List.of(gate));

        CompletableFuture<List<HookResult>> first = runner.submit(HookPhase.RELEASE, context("VI_1", "MASTER", "BACKUP", 1));
        CompletableFuture<List<HookResult>> second = runner.submit(HookPhase.NOTIFY, context("VI_1", "MASTER", "BACKUP", 2));
        CompletableFuture<List<HookResult>> third = runner.submit(HookPhase.TAKEOVER, context("VI_1", "BACKUP", "MASTER", 3));
        assertFalse(first.isDone() || second.isDone() || third.isDone(), "nothing may finish before the gate opens");
        release.countDown();

        get(third);
        assertEquals(List.of(1L, 2L, 3L), order);
    }

    @Test
    void submissionWithoutHooksStillWaitsForEarlierTransitions() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Scripted slowRelease = new Scripted("unexport", EnumSet.of(HookPhase.RELEASE), Duration.ofSeconds(10),
                (p, c) -> {
                    release.await();
                    return HookReport.ok("");
                });
        runner.setHooks("VI_1", List.of(slowRelease));
        CompletableFuture<List<HookResult>> rel = runner.submit(HookPhase.RELEASE, context("VI_1", "MASTER", "BACKUP", 1));
        CompletableFuture<List<HookResult>> take = runner.submit(HookPhase.TAKEOVER, context("VI_1", "BACKUP", "MASTER", 2));

        assertFalse(take.isDone(), "a takeover must not overtake a running release");
        release.countDown();
        assertEquals(List.of(), get(take));
        assertTrue(rel.isDone());
    }

    @Test
    void keepsTheLastResultsPerInstance() throws Exception {
        runner.setHooks("VI_1", List.of(Scripted.ok("n", HookPhase.NOTIFY)));
        for (long seq = 1; seq <= 6; seq++) {
            get(runner.submit(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", seq)));
        }

        List<Long> kept = runner.recentResults("VI_1").stream().map(HookResult::sequence).toList();

        assertEquals(List.of(3L, 4L, 5L, 6L), kept);
        assertEquals(List.of(), runner.recentResults("other"));
        assertEquals(kept.size(), runner.recentResults().get("VI_1").size());
    }

    @Test
    void fullLaneAnswersAtOnceWithSkippedAndCounts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Scripted gate = new Scripted("gate", EnumSet.of(HookPhase.NOTIFY), Duration.ofSeconds(10), (p, c) -> {
            release.await();
            return HookReport.ok("");
        });
        runner.setHooks("VI_1", List.of(gate));
        try {
            // One running plus FAST.maxPendingPerInstance() queued fill the lane.
            for (int i = 0; i <= FAST.maxPendingPerInstance(); i++) {
                runner.submit(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", i));
            }
            HookResult overflow = runner.submit(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 99))
                    .get(1, TimeUnit.SECONDS).get(0);

            assertEquals(HookOutcome.SKIPPED, overflow.outcome());
            assertTrue(overflow.detail().contains("backlog"), overflow.detail());
            assertEquals(1, runner.rejectedSubmissions());
        } finally {
            release.countDown();
        }
    }

    @Test
    void closeLetsQueuedWorkFinishThenRefusesNewWork() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Scripted stop = new Scripted("stop-notify", EnumSet.of(HookPhase.NOTIFY), Duration.ofSeconds(5), (p, c) -> {
            started.countDown();
            Thread.sleep(100);
            return HookReport.ok("");
        });
        runner.setHooks("VI_1", List.of(stop));
        CompletableFuture<List<HookResult>> pending = runner.submit(HookPhase.NOTIFY, context("VI_1", "MASTER", "STOP", 1));
        assertTrue(started.await(5, TimeUnit.SECONDS));

        runner.close();

        assertEquals(HookOutcome.OK, pending.getNow(List.of()).get(0).outcome());
        HookResult after = get(runner.submit(HookPhase.NOTIFY, context("VI_1", "STOP", "INIT", 2))).get(0);
        assertEquals(HookOutcome.SKIPPED, after.outcome());
    }

    @Test
    void closeGivesUpOnABusyLaneAfterItsBoundedWait() throws Exception {
        HookRunner quickClose = new HookRunner(
                new HookRunnerSettings(4, 8, Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(200)));
        CountDownLatch started = new CountDownLatch(1);
        Scripted slow = new Scripted("slow", EnumSet.of(HookPhase.NOTIFY), Duration.ofSeconds(30), (p, c) -> {
            started.countDown();
            Thread.sleep(30_000);
            return HookReport.ok("");
        });
        quickClose.setHooks("VI_1", List.of(slow));
        CompletableFuture<List<HookResult>> running = quickClose.submit(HookPhase.NOTIFY, context("VI_1", "A", "B", 1));
        CompletableFuture<List<HookResult>> queued = quickClose.submit(HookPhase.NOTIFY, context("VI_1", "B", "C", 2));
        assertTrue(started.await(5, TimeUnit.SECONDS));

        long t0 = System.nanoTime();
        quickClose.close();
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;

        assertTrue(tookMillis < 2_000, "close took " + tookMillis + " ms");
        assertEquals(HookOutcome.SKIPPED, get(queued).get(0).outcome());
        assertEquals(HookOutcome.FAILED, get(running).get(0).outcome());
    }
}
