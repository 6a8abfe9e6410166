package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vrrpd.control.ControlResponse;
import io.vrrpd.election.State;
import io.vrrpd.hooks.HookReport;
import io.vrrpd.hooks.TestHookFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The takeover gate on the in-memory segment: a BACKUP that wins the election advertises as MASTER at
 * once but adds its VIPs only after its takeover hooks succeeded; a failing or hung hook sends it FAULT
 * with priority 0, and a late result never adds VIPs for a transition that is over.
 */
class TakeoverGateTest {
    static final String VIP = "192.0.2.100";
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();
    private final String hook = "gate" + UNIQUE.incrementAndGet();

    static String yaml(int priority, String hooks) {
        return "instances:\n"
                + "  VI_1:\n"
                + "    interface: eth0\n"
                + "    vrid: 51\n"
                + "    priority: " + priority + "\n"
                + "    advert_int: 1s\n"
                + "    virtual_ips: [" + VIP + "/24]\n"
                + (hooks.isEmpty() ? "" : "    hooks:\n" + hooks);
    }

    String takeoverHook(String timeout) {
        return "      - {type: test, name: " + hook + ", phases: [takeover], timeout: " + timeout + "}\n";
    }

    long advertsFrom(String source, int priority) {
        return cluster.segment().frames(f -> f.source().getHostAddress().equals(source) && f.priority() == priority)
                .size();
    }

    @Test
    void vipsWaitForTheTakeoverHookWhileAdvertsFlow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestHookFactory.behave(hook, (p, a, c, t) -> {
            release.await();
            return HookReport.ok("promoted");
        });
        SimCluster.Node n = cluster.startWithHooks(1, yaml(100, takeoverHook("30s")));

        cluster.runUntil(() -> n.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        long before = advertsFrom(n.address(), 100);
        cluster.run(Duration.ofSeconds(3));
        assertFalse(n.host().has(VIP), "no VIP while the takeover hook runs");
        assertTrue(advertsFrom(n.address(), 100) - before >= 3, "adverts keep flowing while the hook runs");
        JsonNode s = n.status("VI_1");
        assertTrue(s.path("takeover_pending").asBoolean(), s.toString());
        assertFalse(s.path("vips_installed").asBoolean());
        assertTrue(n.transitions().stream().noneMatch(t -> t.to() == State.MASTER),
                "hooks and notify hear of MASTER only once the gate opened");

        release.countDown();
        cluster.runWithHooksUntil(() -> n.host().has(VIP), () -> true, "VIP added");
        assertEquals(State.MASTER, n.state("VI_1"));
        assertFalse(n.host().garps(VIP).isEmpty(), "gratuitous ARP after the VIP");
        assertTrue(n.vipPresentAtTransition().get(n.vipPresentAtTransition().size() - 1),
                "the MASTER transition is told once the VIP is on");
        assertFalse(n.status("VI_1").path("takeover_pending").asBoolean());
    }

    @Test
    void failingTakeoverHookMeansFaultPriorityZeroAndNoVipEver() {
        TestHookFactory.behave(hook, (p, a, c, t) -> HookReport.failed("standby is 3 GB behind"));
        SimCluster.Node n = cluster.startWithHooks(1, yaml(100, takeoverHook("5s")));

        cluster.runWithHooksUntil(() -> n.state("VI_1") == State.FAULT, () -> !n.host().has(VIP), "FAULT");
        cluster.run(Duration.ofSeconds(5));
        assertFalse(n.host().has(VIP));
        JsonNode s = n.status("VI_1");
        assertEquals("FAULT", s.path("state").asText());
        String fault = s.path("faults").get(0).asText();
        assertTrue(fault.contains("hook " + hook) && fault.contains("FAILED") && fault.contains("3 GB behind"), fault);
        assertTrue(s.path("fault_sources").has("hook:" + hook), s.toString());
        assertEquals(1, advertsFrom(n.address(), 0), "one priority-0 advert invites a peer at once");
        assertEquals(0, n.host().garps(VIP).size());
        assertEquals(1, TestHookFactory.calls(hook).size(), "a FAULT stays FAULT: no retry loop");
    }

    @Test
    void hungTakeoverHookTimesOutIntoFault() {
        TestHookFactory.behave(hook, (p, a, c, t) -> {
            Thread.sleep(60_000);
            return HookReport.ok("never");
        });
        SimCluster.Node n = cluster.startWithHooks(1, yaml(100, takeoverHook("300ms")));

        cluster.runWithHooksUntil(() -> n.state("VI_1") == State.FAULT, () -> !n.host().has(VIP),
                "FAULT after the timeout");
        String fault = n.status("VI_1").path("faults").get(0).asText();
        assertTrue(fault.contains("TIMED_OUT"), fault);
    }

    @Test
    void peerWithSucceedingHookTakesOverFromOneWhoseHookFailed() {
        String bad = hook + "b";
        String good = hook + "c";
        TestHookFactory.behave(bad, (p, a, c, t) -> HookReport.failed("exit 1"));
        TestHookFactory.behave(good, (p, a, c, t) -> HookReport.ok(""));
        SimCluster.Node b = cluster.startWithHooks(2,
                yaml(100, "      - {type: test, name: " + bad + ", phases: [takeover]}\n"));
        SimCluster.Node c = cluster.startWithHooks(3,
                yaml(90, "      - {type: test, name: " + good + ", phases: [takeover]}\n"));

        cluster.runWithHooksUntil(() -> c.host().has(VIP), () -> !b.host().has(VIP), "c holds the VIP");
        assertEquals(State.FAULT, b.state("VI_1"));
        assertEquals(State.MASTER, c.state("VI_1"));
    }

    @Test
    void lateSuccessAfterAHigherPriorityMasterAppearedAddsNoVip() {
        CountDownLatch release = new CountDownLatch(1);
        TestHookFactory.behave(hook, (p, a, c, t) -> {
            release.await();
            return HookReport.ok("too late");
        });
        SimCluster.Node low = cluster.startWithHooks(2, yaml(100, takeoverHook("30s")));
        cluster.runUntil(() -> low.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        SimCluster.Node high = cluster.startWithHooks(1, yaml(110, ""));
        cluster.runUntil(() -> low.state("VI_1") == State.BACKUP, Duration.ofSeconds(5));

        release.countDown();
        cluster.runWithHooksUntil(() -> low.status("VI_1").path("hooks").size() >= 1, () -> !low.host().has(VIP),
                "late result");
        cluster.run(Duration.ofSeconds(1));
        assertFalse(low.host().has(VIP), "a stale takeover result never adds VIPs");
        assertEquals(State.BACKUP, low.state("VI_1"));
        assertTrue(high.host().has(VIP));
        // The MASTER transition was still told (before the BACKUP one), so notify sees every transition in order.
        var to = low.transitions().stream().map(t -> t.to()).toList();
        assertEquals(State.MASTER, to.get(to.size() - 2));
        assertEquals(State.BACKUP, to.get(to.size() - 1));
    }

    @Test
    void resumeClearsTheHookFault() {
        TestHookFactory.behave(hook, (p, a, c, t) -> HookReport.failed("no"));
        SimCluster.Node n = cluster.startWithHooks(1, yaml(100, takeoverHook("5s")));
        cluster.runWithHooksUntil(() -> n.state("VI_1") == State.FAULT, () -> true, "FAULT");
        TestHookFactory.behave(hook, (p, a, c, t) -> HookReport.ok("fixed"));

        ControlResponse r = n.handle("resume", "VI_1");

        assertTrue(r.ok() && r.message().contains("cleared hook fault"), r.message());
        assertEquals(State.BACKUP, n.state("VI_1"));
        cluster.runWithHooksUntil(() -> n.host().has(VIP), () -> true, "takes over again once the hook passes");
    }

    @Test
    void reloadThatChangesOnlyHooksOrPriorityKeepsTheMasterAndItsVip() {
        SimCluster.Node n = cluster.startWithHooks(1, yaml(100, takeoverHook("5s")));
        cluster.runWithHooksUntil(() -> n.host().has(VIP), () -> true, "master with VIP");
        String other = hook + "x";

        n.writeConfig(yaml(100, "      - {type: test, name: " + other + ", phases: [takeover, release]}\n"));
        ControlResponse hooksOnly = n.handle("reload", null);
        n.writeConfig(yaml(120, "      - {type: test, name: " + other + ", phases: [takeover, release]}\n"));
        ControlResponse priority = n.handle("reload", null);

        assertTrue(hooksOnly.message().contains("1 unchanged"), hooksOnly.message());
        assertTrue(priority.message().contains("1 new priority"), priority.message());
        assertEquals(State.MASTER, n.state("VI_1"));
        assertTrue(n.host().has(VIP));
        assertTrue(n.daemon().hooks().releases("VI_1"), "the new hooks are installed");
    }

    @Test
    void shutdownWhileTheGateIsOpenLeavesNoVip() {
        CountDownLatch release = new CountDownLatch(1);
        TestHookFactory.behave(hook, (p, a, c, t) -> {
            release.await();
            return HookReport.ok("");
        });
        SimCluster.Node n = cluster.startWithHooks(1, yaml(100, takeoverHook("30s")));
        cluster.runUntil(() -> n.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        release.countDown();
        n.stop();
        assertFalse(n.host().has(VIP));
    }
}
