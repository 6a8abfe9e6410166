package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vrrpd.election.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two daemons with the seed configurations on an in-memory segment, in simulated time. */
class ElectionOnSegmentTest {
    private static final String VIP = SeedConfigs.VIP;
    private static final long MS = 1_000_000L;

    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();

    @Test
    void seedPrimaryBecomesMasterWithTheVipAndStandbyStaysBackup() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();

        Duration took = cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        // state MASTER: master-down after one advert interval plus the minimum skew (1 + 1/256 s), not 3.6 s
        assertTrue(took.toMillis() >= 1000 && took.toMillis() <= 1100, "took over after " + took.toMillis() + " ms");
        cluster.run(Duration.ofSeconds(4));

        assertEquals(State.MASTER, n1.state("VI_1"));
        assertEquals(State.BACKUP, n2.state("VI_1"));
        assertTrue(n1.host().has(VIP), "the master holds the VIP");
        assertFalse(n2.host().has(VIP), "the backup does not");
        JsonNode s2 = n2.status("VI_1");
        assertEquals("192.0.2.11", s2.path("master").asText());
        assertTrue(s2.path("counters").path("adverts_received").asLong() >= 4, s2.toString());
        assertEquals(0, s2.path("counters").path("adverts_sent").asLong(), "a backup never advertises");
        JsonNode s1 = n1.status("VI_1");
        assertEquals(1, s1.path("counters").path("became_master").asLong());
        assertTrue(cluster.segment().frames(f -> f.source().getHostAddress().equals("192.0.2.11")).stream()
                .allMatch(f -> f.priority() == 101 && f.vrid() == 51 && f.ttl() == 255));
        assertTrue(n2.host().garps(VIP).isEmpty(), "the backup sends no gratuitous ARP");
    }

    @Test
    void newMasterSendsFiveGarpsAtTakeoverAndFiveMoreAfterGarpMasterDelay() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.withInInstance(SeedConfigs.primary(),
                "garp_master_delay 1")).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        List<FakeHost.Garp> atTakeover = n1.host().garps(VIP);
        assertEquals(5, atTakeover.size(), "garp_master_repeat defaults to 5");
        long takeover = atTakeover.get(0).nanos();
        assertTrue(atTakeover.stream().allMatch(g -> g.nanos() == takeover && g.ifname().equals("eth0")),
                "garp_interval 0: one burst at the takeover instant");

        cluster.run(Duration.ofMillis(900));
        assertEquals(5, n1.host().garps(VIP).size(), "no second burst before garp_master_delay");
        cluster.run(Duration.ofMillis(300));
        List<FakeHost.Garp> all = n1.host().garps(VIP);
        assertEquals(10, all.size());
        long second = all.get(5).nanos() - takeover;
        assertTrue(Math.abs(second - 1000 * MS) <= 10 * MS, "second burst " + second / MS + " ms after takeover");
        cluster.run(Duration.ofSeconds(6));
        assertEquals(10, n1.host().garps(VIP).size(), "no refresh bursts without garp_master_refresh");
    }

    @Test
    void secondGarpBurstDefaultsToFiveSecondsAfterTakeover() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        long takeover = n1.host().garps(VIP).get(0).nanos();
        cluster.run(Duration.ofMillis(4900));
        assertEquals(5, n1.host().garps(VIP).size());
        cluster.run(Duration.ofMillis(200));
        List<FakeHost.Garp> all = n1.host().garps(VIP);
        assertEquals(10, all.size());
        assertTrue(Math.abs(all.get(9).nanos() - takeover - 5000 * MS) <= 10 * MS);
    }

    @Test
    void startupRemovesAStaleVipLeftOnTheInterface() {
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby());
        n2.host().preload(VIP, 32);
        n2.start();
        assertFalse(n2.host().has(VIP), "a stale VIP would answer ARP for the real master");
        assertTrue(n2.host().addressLog().contains("delete eth0 " + VIP + "/32"), n2.host().addressLog().toString());
        assertEquals(State.BACKUP, n2.state("VI_1"));
    }

    @Test
    void startupLeavesTheVipOfAnAddressOwner() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.withPriority(SeedConfigs.primary(), 255));
        n1.host().preload(VIP, 32);
        n1.start();
        assertTrue(n1.host().has(VIP));
        assertTrue(n1.host().addressLog().stream().noneMatch(l -> l.startsWith("delete")),
                "the owner's address is its own: " + n1.host().addressLog());
        assertEquals(State.MASTER, n1.state("VI_1"), "the owner is master at once (RFC 3768 §6.4.1)");
    }

    @Test
    void vipDeletedBehindTheMastersBackIsRestoredAndCounted() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        assertEquals(0, n1.status("VI_1").path("counters").path("vips_restored").asLong());

        n1.host().removeBehindBack(VIP);
        cluster.settle();

        assertTrue(n1.host().has(VIP), "the master puts its VIP back");
        assertEquals(1, n1.status("VI_1").path("counters").path("vips_restored").asLong());
        assertEquals(State.MASTER, n1.state("VI_1"));
        assertEquals(State.BACKUP, n2.state("VI_1"));
        assertFalse(n2.host().has(VIP));
    }

    @Test
    void carrierLossFaultsTheMasterAndCarrierReturnMakesItBackup() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        cluster.run(Duration.ofSeconds(2));

        n1.host().setCarrier(false);
        cluster.settle();
        assertEquals(State.FAULT, n1.state("VI_1"));
        assertFalse(n1.host().has(VIP), "a faulted master must drop its VIP");
        JsonNode s1 = n1.status("VI_1");
        assertEquals("FAULT", s1.path("state").asText());
        assertEquals(1, s1.path("faults").size(), s1.toString());
        assertTrue(s1.path("faults").get(0).asText().contains("eth0"), s1.toString());
        assertTrue(s1.path("faults").get(0).asText().contains("carrier"), s1.toString());
        assertFalse(s1.path("vips_installed").asBoolean());

        // The cut cable also hides our resignation, so the peer waits out Master_Down_Interval (3.609 s).
        Duration takeover = cluster.runUntil(() -> n2.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        assertTrue(takeover.toMillis() >= 3000, "peer took over after " + takeover.toMillis() + " ms");
        assertTrue(n2.host().has(VIP));

        n1.host().setCarrier(true);
        cluster.settle();
        assertEquals(State.BACKUP, n1.state("VI_1"));
        assertEquals(0, n1.status("VI_1").path("faults").size());
        assertFalse(n1.host().has(VIP));

        // priority 101 with preempt: it takes the VIP back once its master-down timer runs out.
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        cluster.settle();
        assertEquals(State.BACKUP, n2.state("VI_1"));
        assertTrue(n1.host().has(VIP));
        assertFalse(n2.host().has(VIP));
    }

    @Test
    void transitionListenerHearsOfMasterOnlyOnceTheVipIsOnTheInterface() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        List<io.vrrpd.election.Action.Transition> ts = n1.transitions();
        assertEquals(2, ts.size(), ts.toString());
        assertEquals(State.MASTER, ts.get(1).to());
        assertTrue(n1.vipPresentAtTransition().get(1), "notify_master must not run before the VIP is up");
    }

    @Test
    void startupOnAMissingInterfaceFailsWithOneLineAndLeavesNothingOpen() {
        String conf = SeedConfigs.primary() + SeedConfigs.primary().substring(SeedConfigs.primary()
                .indexOf("vrrp_instance")).replace("VI_1", "VI_2").replace("virtual_router_id 51",
                "virtual_router_id 52").replace("interface eth0", "interface eth9").replace("192.0.2.100 dev eth0",
                "192.0.2.101 dev eth9");
        SimCluster.Node n1 = cluster.node(1, conf);
        Exception e = n1.startExpectingFailure();
        assertTrue(e instanceof StartupException, e.toString());
        assertTrue(e.getMessage().startsWith("(VI_2) cannot open the VRRP socket on eth9"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(0, cluster.segment().openChannels(), "VI_1's socket was closed again");
        assertFalse(n1.host().has(VIP));
    }

    @Test
    void vrrpStartupDelayHoldsTheElectionBack() {
        String conf = SeedConfigs.primary().replace("router_id CCC_DB_MONITOR",
                "router_id CCC_DB_MONITOR\nvrrp_startup_delay 5");
        SimCluster.Node n1 = cluster.node(1, conf).start();
        cluster.run(Duration.ofMillis(4900));
        assertEquals(State.INIT, n1.state("VI_1"));
        double inState = n1.status("VI_1").path("in_state_seconds").asDouble();
        assertTrue(inState >= 4.8 && inState <= 5.0, "in INIT since the daemon started, not " + inState + " s");
        assertTrue(cluster.segment().frames(f -> true).isEmpty(), "silent during the delay");
        assertFalse(n1.host().has(VIP));
        Duration took = cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(3));
        // 0.1 s left of the delay, then one advert interval plus the minimum skew
        assertTrue(took.toMillis() >= 1000 && took.toMillis() <= 1200, "took " + took.toMillis() + " ms");
    }

    @Test
    void carrierLossDuringStartupDelayStartsTheInstanceInFault() {
        String conf = SeedConfigs.primary().replace("router_id CCC_DB_MONITOR",
                "router_id CCC_DB_MONITOR\nvrrp_startup_delay 2");
        SimCluster.Node n1 = cluster.node(1, conf).start();
        n1.host().setCarrier(false);
        cluster.run(Duration.ofSeconds(4));
        assertEquals(State.FAULT, n1.state("VI_1"));
        assertFalse(n1.host().has(VIP));
        n1.host().setCarrier(true);
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
    }

    @Test
    void lostLinkNotificationsAreRecoveredByReReadingTheLinkOnOverrun() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        n1.host().setCarrierSilently(false);
        cluster.run(Duration.ofMillis(100));
        assertEquals(State.MASTER, n1.state("VI_1"), "nothing told the daemon yet");
        n1.host().overrun();
        cluster.settle();
        assertEquals(State.FAULT, n1.state("VI_1"));
        assertFalse(n1.host().has(VIP));
    }

    @Test
    void deletedInterfaceFaultsTheInstanceNamingTheInterface() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        n1.host().removeLink();
        cluster.settle();
        assertEquals(State.FAULT, n1.state("VI_1"));
        assertEquals("interface eth0 does not exist", n1.status("VI_1").path("faults").get(0).asText());
        assertFalse(n1.host().has(VIP));
    }

    @Test
    void equalPrioritiesStartedTogetherSettleOnTheHigherPrimaryAddress() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.standby()).start();
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();
        cluster.run(Duration.ofSeconds(8));
        // Both timers fire in the same instant; RFC 3768 §6.4.3: the lower address yields.
        assertEquals(State.BACKUP, n1.state("VI_1"));
        assertEquals(State.MASTER, n2.state("VI_1"));
        assertFalse(n1.host().has(VIP));
        assertTrue(n2.host().has(VIP));
        assertEquals("192.0.2.12", n1.status("VI_1").path("master").asText());
    }

    @Test
    void handedOverMasterWithNoPeerTakesTheVipBackAfterMasterDown() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        assertTrue(n1.handle("failover", null).ok());
        assertFalse(n1.host().has(VIP));
        Duration took = cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        assertTrue(took.toMillis() >= 3500, "waited Master_Down_Interval, not " + took.toMillis() + " ms");
        assertTrue(n1.host().has(VIP), "a VIP must never be lost");
        assertTrue(n1.status("VI_1").path("last_transition").path("reason").asText().contains("despite handover hold"));
        assertTrue(n1.status("VI_1").path("handover_hold").asBoolean(), "the hold outlives the takeover");
    }
}
