package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vrrpd.control.ControlResponse;
import io.vrrpd.election.State;
import io.vrrpd.hooks.HookFactories;
import io.vrrpd.hooks.HookReport;
import io.vrrpd.hooks.HookRunnerSettings;
import io.vrrpd.hooks.TestHookFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The takeover gate on the in-memory segment: a BACKUP that wins the election advertises as MASTER at
 * once but adds its VIPs only after its takeover hooks succeeded; a failing or hung hook sends it FAULT
 * with priority 0, and a late result never adds VIPs for a transition that is over.
 */
class TakeoverGateTest {
    static final String VIP = "192.0.2.100";
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @TempDir
    Path dir;
    private SimCluster cluster;
    private String hook;

    @BeforeEach
    void setUp() {
        cluster = new SimCluster(dir);
        hook = "gate" + UNIQUE.incrementAndGet();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

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

    /** The real dispatcher, with a short slack so a hung test hook is abandoned quickly. */
    static InstanceHooks dispatcher(io.vrrpd.config.VrrpdConfig c, SimCluster.Node n) {
        return new HookDispatcher(c.globals(), n.host().systemd(), HookFactories.installed(),
                new HookRunnerSettings(16, 1024, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(2)));
    }

    SimCluster.Node start(int i, String yaml) {
        SimCluster.Node n = cluster.yamlNode(i, yaml);
        return n.start(c -> dispatcher(c, n));
    }

    /** Runs simulated time in 10 ms steps until done (real time passes for the hook threads), checking always. */
    void runUntil(BooleanSupplier done, BooleanSupplier invariant, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertTrue(invariant.getAsBoolean(), "invariant broken while waiting for " + what);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 20 s: " + what);
            }
            cluster.run(Duration.ofMillis(10));
            sleep(2);
        }
        assertTrue(invariant.getAsBoolean(), "invariant broken at " + what);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        SimCluster.Node n = start(1, yaml(100, takeoverHook("30s")));

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
        runUntil(() -> n.host().has(VIP), () -> true, "VIP added");
        assertEquals(State.MASTER, n.state("VI_1"));
        assertFalse(n.host().garps(VIP).isEmpty(), "gratuitous ARP after the VIP");
        assertTrue(n.vipPresentAtTransition().get(n.vipPresentAtTransition().size() - 1),
                "the MASTER transition is told once the VIP is on");
        assertFalse(n.status("VI_1").path("takeover_pending").asBoolean());
    }

    @Test
    void failingTakeoverHookMeansFaultPriorityZeroAndNoVipEver() {
        TestHookFactory.behave(hook, (p, a, c, t) -> HookReport.failed("standby is 3 GB behind"));
        SimCluster.Node n = start(1, yaml(100, takeoverHook("5s")));

        runUntil(() -> n.state("VI_1") == State.FAULT, () -> !n.host().has(VIP), "FAULT");
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
        SimCluster.Node n = start(1, yaml(100, takeoverHook("300ms")));

        runUntil(() -> n.state("VI_1") == State.FAULT, () -> !n.host().has(VIP), "FAULT after the timeout");
        String fault = n.status("VI_1").path("faults").get(0).asText();
        assertTrue(fault.contains("TIMED_OUT"), fault);
    }

    @Test
    void peerWithSucceedingHookTakesOverFromOneWhoseHookFailed() {
        String bad = hook + "b";
        String good = hook + "c";
        TestHookFactory.behave(bad, (p, a, c, t) -> HookReport.failed("exit 1"));
        TestHookFactory.behave(good, (p, a, c, t) -> HookReport.ok(""));
        SimCluster.Node b = start(2, yaml(100, "      - {type: test, name: " + bad + ", phases: [takeover]}\n"));
        SimCluster.Node c = start(3, yaml(90, "      - {type: test, name: " + good + ", phases: [takeover]}\n"));

        runUntil(() -> c.host().has(VIP), () -> !b.host().has(VIP), "c holds the VIP");
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
        SimCluster.Node low = start(2, yaml(100, takeoverHook("30s")));
        cluster.runUntil(() -> low.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        SimCluster.Node high = start(1, yaml(110, ""));
        cluster.runUntil(() -> low.state("VI_1") == State.BACKUP, Duration.ofSeconds(5));

        release.countDown();
        runUntil(() -> low.status("VI_1").path("hooks").size() >= 1, () -> !low.host().has(VIP), "late result");
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
        SimCluster.Node n = start(1, yaml(100, takeoverHook("5s")));
        runUntil(() -> n.state("VI_1") == State.FAULT, () -> true, "FAULT");
        TestHookFactory.behave(hook, (p, a, c, t) -> HookReport.ok("fixed"));

        ControlResponse r = n.handle("resume", "VI_1");

        assertTrue(r.ok() && r.message().contains("cleared hook fault"), r.message());
        assertEquals(State.BACKUP, n.state("VI_1"));
        runUntil(() -> n.host().has(VIP), () -> true, "takes over again once the hook passes");
    }

    @Test
    void reloadThatChangesOnlyHooksOrPriorityKeepsTheMasterAndItsVip() {
        SimCluster.Node n = start(1, yaml(100, takeoverHook("5s")));
        runUntil(() -> n.host().has(VIP), () -> true, "master with VIP");
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
        SimCluster.Node n = start(1, yaml(100, takeoverHook("30s")));
        cluster.runUntil(() -> n.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        release.countDown();
        n.stop();
        assertFalse(n.host().has(VIP));
    }
}
