package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.control.ControlResponse;
import io.vrrpd.election.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** vrrpctl reload / SIGHUP: what a new configuration changes in a running daemon, and what it must not. */
class ReloadTest {
    private static final String VIP = SeedConfigs.VIP;

    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();

    private static String twoInstances(int priority, String state) {
        StringBuilder b = new StringBuilder();
        for (int k = 1; k <= 2; k++) {
            b.append("vrrp_instance VI_").append(k).append(" {\n")
                    .append("state ").append(state).append('\n')
                    .append("interface eth0\nvirtual_router_id ").append(50 + k).append('\n')
                    .append("priority ").append(priority).append("\nadvert_int 1\n")
                    .append("authentication {\nauth_type PASS\nauth_pass PASSWORD\n}\n")
                    .append("virtual_ipaddress {\n192.0.2.").append(99 + k).append(" dev eth0\n}\n}\n");
        }
        return b.toString();
    }

    private SimCluster.Node masterNode1() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        cluster.run(Duration.ofMillis(500));
        return n1;
    }

    @Test
    void unchangedConfigurationLeavesTheInstanceUntouched() {
        SimCluster.Node n1 = masterNode1();
        InstanceRuntime before = n1.instance("VI_1");
        int transitions = n1.transitions().size();
        int addressOps = n1.host().addressLog().size();

        ControlResponse r = n1.handle("reload", null);

        assertTrue(r.ok(), r.message());
        assertTrue(r.message().contains("1 unchanged"), r.message());
        assertSame(before, n1.instance("VI_1"), "the same instance object keeps running");
        assertEquals(State.MASTER, n1.state("VI_1"));
        assertEquals(transitions, n1.transitions().size(), "no transition");
        assertEquals(addressOps, n1.host().addressLog().size(), "the VIP was not touched");
        assertTrue(n1.host().has(VIP));
        assertTrue(n1.host().notifications().stream().anyMatch(n -> n.startsWith("RELOADING=1\nMONOTONIC_USEC=")));
    }

    @Test
    void aNewRealtimePriorityReachesTheLoopAndTheReceiverWithoutTouchingTheInstance() throws Exception {
        SimCluster.Node n1 = masterNode1();
        InstanceRuntime before = n1.instance("VI_1");
        assertEquals(List.of("vrrpd-loop:1", "vrrpd-rx-eth0:1"), n1.host().schedulingLog(), "the default at start");
        assertEquals("SCHED_RR priority 1", n1.handle("status", null).body().path("daemon").path("loop_scheduling")
                .asText());

        n1.writeConfig(SeedConfigs.primary().replace("global_defs {\n", "global_defs {\nvrrp_rt_priority 0\n"));
        ControlResponse r = n1.handle("reload", null);

        assertTrue(r.ok(), r.message());
        assertTrue(r.message().contains("1 unchanged"), r.message());
        assertSame(before, n1.instance("VI_1"));
        assertEquals("normal (SCHED_OTHER)", n1.handle("status", null).body().path("daemon")
                .path("loop_scheduling").asText());
        // The receiver notices on its next wake-up: at the latest its 1 s poll timeout.
        long until = System.nanoTime() + 5_000_000_000L;
        while (!n1.host().schedulingLog().contains("vrrpd-rx-eth0:0") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(List.of("vrrpd-loop:1", "vrrpd-rx-eth0:1", "vrrpd-loop:0", "vrrpd-rx-eth0:0"),
                n1.host().schedulingLog());
    }

    @Test
    void priorityOnlyChangeIsAppliedInPlaceWithoutATransition() {
        SimCluster.Node n1 = masterNode1();
        InstanceRuntime before = n1.instance("VI_1");
        int transitions = n1.transitions().size();

        n1.writeConfig(SeedConfigs.withPriority(SeedConfigs.primary(), 150));
        ControlResponse r = n1.handle("reload", null);

        assertTrue(r.ok(), r.message());
        assertTrue(r.message().contains("1 new priority"), r.message());
        assertSame(before, n1.instance("VI_1"));
        assertEquals(State.MASTER, n1.state("VI_1"));
        assertEquals(transitions, n1.transitions().size());
        assertEquals(150, n1.status("VI_1").path("effective_priority").asInt());
        assertEquals(150, n1.status("VI_1").path("priority").asInt());
        long since = cluster.clock().nanoTime();
        cluster.run(Duration.ofMillis(1100));
        List<FakeSegment.Frame> after = cluster.segment().frames(f -> f.nanos() > since);
        assertFalse(after.isEmpty());
        assertTrue(after.stream().allMatch(f -> f.priority() == 150), "adverts carry the new priority");
        assertTrue(n1.host().has(VIP));
    }

    @Test
    void removedInstanceResignsAndDropsItsVipWhileTheOtherStays() {
        SimCluster.Node n1 = cluster.node(1, twoInstances(101, "MASTER")).start();
        SimCluster.Node n2 = cluster.node(2, twoInstances(100, "BACKUP")).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER && n1.state("VI_2") == State.MASTER,
                Duration.ofSeconds(5));
        cluster.run(Duration.ofSeconds(1));
        assertTrue(n1.host().has("192.0.2.101"));
        assertEquals(1, n1.daemon().handle(new io.vrrpd.control.ControlRequest("status", null)).body()
                .path("sockets").size(), "instances on one interface share its socket");
        InstanceRuntime vi1 = n1.instance("VI_1");
        long since = cluster.clock().nanoTime();

        n1.writeConfig(SeedConfigs.primary());
        ControlResponse r = n1.handle("reload", null);

        assertTrue(r.ok(), r.message());
        assertTrue(r.message().contains("1 removed"), r.message());
        assertEquals(null, n1.state("VI_2"));
        assertFalse(n1.host().has("192.0.2.101"), "the removed instance's VIP is gone");
        assertTrue(cluster.segment().frames(f -> f.nanos() >= since && f.vrid() == 52 && f.priority() == 0
                && f.source().getHostAddress().equals("192.0.2.11")).size() == 1, "VI_2 resigned with priority 0");
        assertSame(vi1, n1.instance("VI_1"));
        assertTrue(n1.host().has(VIP));
        // The resignation lets the peer take over after its skew time (0.61 s), not Master_Down_Interval.
        Duration took = cluster.runUntil(() -> n2.state("VI_2") == State.MASTER, Duration.ofSeconds(5));
        assertTrue(took.toMillis() < 1000, "peer took VI_2 after " + took.toMillis() + " ms");
        assertEquals(State.BACKUP, n2.state("VI_1"));
    }

    @Test
    void brokenConfigurationIsRefusedWithLocatedErrorsAndChangesNothing() {
        SimCluster.Node n1 = masterNode1();
        InstanceRuntime before = n1.instance("VI_1");
        int transitions = n1.transitions().size();
        String broken = SeedConfigs.primary().replace("virtual_router_id 51", "virtual_router_id 300")
                .replace("priority 101", "priority 120");
        n1.writeConfig(broken);
        int line = List.of(broken.split("\n")).indexOf("virtual_router_id 300") + 1;

        ControlResponse r = n1.handle("reload", null);

        assertFalse(r.ok());
        assertEquals(78, r.exitCode());
        assertTrue(r.message().contains("node-1.conf:" + line + ":"), r.message());
        assertTrue(r.message().contains("300"), r.message());
        assertSame(before, n1.instance("VI_1"));
        assertEquals(State.MASTER, n1.state("VI_1"));
        assertEquals(101, n1.status("VI_1").path("priority").asInt(), "the running configuration stays");
        assertEquals(51, n1.status("VI_1").path("vrid").asInt());
        assertEquals(transitions, n1.transitions().size());
        assertTrue(n1.host().has(VIP));
    }

    @Test
    void raisingABackupsPriorityAboveTheMasterMakesItPreempt() {
        SimCluster.Node n1 = masterNode1();
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();
        cluster.run(Duration.ofSeconds(2));
        assertEquals(State.BACKUP, n2.state("VI_1"));

        n2.writeConfig(SeedConfigs.withPriority(SeedConfigs.standby(), 150));
        ControlResponse r = n2.handle("reload", null);
        assertTrue(r.message().contains("1 new priority"), r.message());

        Duration took = cluster.runUntil(() -> n2.state("VI_1") == State.MASTER, Duration.ofSeconds(6));
        assertTrue(took.toMillis() <= 3700, "preempted after " + took.toMillis() + " ms");
        cluster.settle();
        assertEquals(State.BACKUP, n1.state("VI_1"));
        assertTrue(n2.host().has(VIP));
        assertFalse(n1.host().has(VIP));
    }

    @Test
    void changedVipListRestartsTheInstanceAndTheMasterEndsWithTheNewList() {
        SimCluster.Node n1 = masterNode1();
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();
        cluster.run(Duration.ofSeconds(2));
        InstanceRuntime before = n1.instance("VI_1");

        String more = "192.0.2.100 dev eth0\n192.0.2.102 dev eth0";
        n1.writeConfig(SeedConfigs.primary().replace("192.0.2.100 dev eth0", more));
        n2.writeConfig(SeedConfigs.standby().replace("192.0.2.100 dev eth0", more));
        assertTrue(n2.handle("reload", null).message().contains("1 restarted"));
        ControlResponse r = n1.handle("reload", null);
        assertTrue(r.message().contains("1 restarted"), r.message());
        assertFalse(before == n1.instance("VI_1"), "a new instance replaced the old one");

        cluster.run(Duration.ofSeconds(10));
        assertEquals(State.MASTER, n1.state("VI_1"));
        assertEquals(State.BACKUP, n2.state("VI_1"));
        assertTrue(n1.host().has(VIP) && n1.host().has("192.0.2.102"));
        assertFalse(n2.host().has(VIP) || n2.host().has("192.0.2.102"));
        assertEquals(2, n1.status("VI_1").path("virtual_ips").size());
    }

    @Test
    void emptyingAndRefillingTheConfigurationClosesAndReopensTheSocket() {
        SimCluster.Node n1 = masterNode1();
        long openBefore = cluster.segment().openChannels();

        n1.writeConfig("global_defs {\nrouter_id X\n}\n");
        ControlResponse emptied = n1.handle("reload", null);
        assertTrue(emptied.message().contains("1 removed"), emptied.message());
        assertEquals(openBefore - 1, cluster.segment().openChannels(), "the unused socket is closed");
        assertFalse(n1.host().has(VIP));
        assertEquals(0, n1.daemon().handle(new io.vrrpd.control.ControlRequest("status", null)).body()
                .path("sockets").size());

        n1.writeConfig(twoInstances(101, "MASTER"));
        ControlResponse refilled = n1.handle("reload", null);
        assertTrue(refilled.message().contains("2 added"), refilled.message());
        assertEquals(openBefore, cluster.segment().openChannels());
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER && n1.state("VI_2") == State.MASTER,
                Duration.ofSeconds(5));
        assertTrue(n1.host().has(VIP) && n1.host().has("192.0.2.101"));
        long since = cluster.clock().nanoTime();
        cluster.run(Duration.ofMillis(1500));
        assertTrue(cluster.segment().frames(f -> f.nanos() > since && f.vrid() == 52).size() >= 1,
                "the new socket carries adverts");
    }
}
