package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.control.ControlRequest;
import io.vrrpd.control.ControlResponse;
import io.vrrpd.election.State;
import io.vrrpd.hooks.HookReport;
import io.vrrpd.hooks.TestHookFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code vrrpctl failover} with release hooks: VIPs removed, release hooks run with planned=true while
 * the master keeps advertising its own priority (the peer must not take over yet), then priority 0.
 * Also the hook actions reached through the control socket ({@code vrrpctl rejoin}).
 */
class PlannedHandoverTest {
    private static final String VIP = TakeoverGateTest.VIP;
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();
    private final String hook = "release" + UNIQUE.incrementAndGet();

    private String releaseHook() {
        return "      - {type: test, name: " + hook + ", phases: [release], actions: [rejoin], timeout: 30s}\n";
    }

    private CompletableFuture<ControlResponse> failoverAsync(SimCluster.Node n) {
        return CompletableFuture.supplyAsync(() -> n.daemon().handle(new ControlRequest("failover", "VI_1")));
    }

    @Test
    void releaseHooksRunPlannedBetweenVipRemovalAndThePriorityZeroAdvert() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestHookFactory.behave(hook, (p, a, c, t) -> {
            release.await();
            return HookReport.ok("primary stopped, standby replayed the checkpoint");
        });
        SimCluster.Node master = cluster.startWithHooks(1, TakeoverGateTest.yaml(110, releaseHook()));
        SimCluster.Node peer = cluster.startWithHooks(2, TakeoverGateTest.yaml(100, ""));
        cluster.runUntil(() -> master.host().has(VIP), Duration.ofSeconds(5));

        CompletableFuture<ControlResponse> answer = failoverAsync(master);
        cluster.runWithHooksUntil(() -> !master.host().has(VIP), () -> true, "VIP removed");
        cluster.run(Duration.ofSeconds(5));
        assertEquals(State.MASTER, master.state("VI_1"), "still advertising its priority while the hooks run");
        assertEquals(State.BACKUP, peer.state("VI_1"), "the peer must not take over before the release finished");
        assertFalse(peer.host().has(VIP));
        assertTrue(master.status("VI_1").path("handover_pending").asBoolean());
        assertFalse(answer.isDone(), "vrrpctl failover waits for the release hooks");
        assertEquals(0, cluster.segment().frames(f -> f.priority() == 0).size());

        release.countDown();
        cluster.runWithHooksUntil(() -> peer.host().has(VIP), () -> true, "peer takes over");
        ControlResponse r = answer.get(5, TimeUnit.SECONDS);
        assertTrue(r.ok(), r.message());
        assertEquals(State.BACKUP, master.state("VI_1"));
        assertTrue(master.status("VI_1").path("handover_hold").asBoolean());
        assertEquals(1, TestHookFactory.calls(hook).size(), "release ran once, not again on the transition");
        assertTrue(TestHookFactory.calls(hook).get(0).endsWith("planned"), TestHookFactory.calls(hook).toString());
    }

    @Test
    void failedPlannedReleaseMeansFaultAndPriorityZeroWithTheReason() throws Exception {
        TestHookFactory.behave(hook, (p, a, c, t) -> HookReport.failed("standby did not confirm the checkpoint"));
        SimCluster.Node master = cluster.startWithHooks(1, TakeoverGateTest.yaml(110, releaseHook()));
        SimCluster.Node peer = cluster.startWithHooks(2, TakeoverGateTest.yaml(100, ""));
        cluster.runUntil(() -> master.host().has(VIP), Duration.ofSeconds(5));

        CompletableFuture<ControlResponse> answer = failoverAsync(master);
        cluster.runWithHooksUntil(answer::isDone, () -> true, "answer");
        ControlResponse r = answer.get();
        assertFalse(r.ok());
        assertEquals(ControlResponse.REFUSED, r.exitCode());
        assertTrue(r.message().contains("standby did not confirm"), r.message());
        assertEquals(State.FAULT, master.state("VI_1"));
        assertEquals(1, cluster.segment().frames(f -> f.priority() == 0).size());
        cluster.runWithHooksUntil(() -> peer.host().has(VIP), () -> true, "peer takes over");
    }

    @Test
    void rejoinRunsTheHookActionAndReportsIt() {
        TestHookFactory.behave(hook, (p, a, c, t) -> "rejoin".equals(a) ? HookReport.ok("following 192.0.2.11")
                : HookReport.ok(""));
        SimCluster.Node n = cluster.startWithHooks(1, TakeoverGateTest.yaml(100, releaseHook()));

        ControlResponse r = n.daemon().handle(new ControlRequest("action", null, "rejoin"));

        assertTrue(r.ok(), r.message());
        assertTrue(r.message().contains("following 192.0.2.11"), r.message());
        assertEquals("OK", r.body().path("results").get(0).path("outcome").asText());
        ControlResponse none = n.daemon().handle(new ControlRequest("action", "VI_1", "promote"));
        assertEquals(ControlResponse.BAD_REQUEST, none.exitCode());
        assertTrue(none.message().contains("offered: rejoin"), none.message());
        TestHookFactory.behave(hook, (p, a, c, t) -> HookReport.failed("pg_rewind: exit 1"));
        ControlResponse failed = n.daemon().handle(new ControlRequest("action", "VI_1", "rejoin"));
        assertEquals(ControlResponse.REFUSED, failed.exitCode());
        assertTrue(failed.message().contains("pg_rewind: exit 1"), failed.message());
    }
}
