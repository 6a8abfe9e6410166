package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vrrpd.election.State;
import io.vrrpd.protocol.AdvertEncoder;
import io.vrrpd.protocol.Advertisement;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping a master, and hostile or broken datagrams on the segment. */
class ShutdownAndDropsTest {
    private static final String VIP = SeedConfigs.VIP;
    private static final Inet4Address STRANGER = FakeSegment.v4("192.0.2.13");

    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();

    private static byte[] advert(int vrid, int priority, String password, int ttl) {
        Advertisement a = Advertisement.v2WithPassword(vrid, priority, 1, password,
                List.of(FakeSegment.v4(VIP)));
        ByteBuffer b = ByteBuffer.allocate(AdvertEncoder.encodedLength(a));
        new AdvertEncoder().encode(a, b);
        return FakeSegment.datagram(STRANGER, ttl, b.array());
    }

    private List<FakeSegment.Frame> fromNode1() {
        return cluster.segment().frames(f -> f.source().getHostAddress().equals("192.0.2.11"));
    }

    @Test
    void stoppingAMasterResignsWithPriorityZeroAndRemovesItsVip() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        cluster.run(Duration.ofSeconds(1));
        int before = fromNode1().size();

        n1.stop();

        List<FakeSegment.Frame> last = fromNode1().subList(before, fromNode1().size());
        assertEquals(1, last.size(), "exactly one advert on the way out");
        assertEquals(0, last.get(0).priority());
        assertFalse(n1.host().has(VIP));
        assertTrue(n1.host().notifications().contains("STOPPING=1"));
        Duration took = cluster.runUntil(() -> n2.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        assertTrue(took.toMillis() < 1000, "peer took over after " + took.toMillis() + " ms (skew time 0.61 s)");

        n1.daemon().stop();
        n1.stop();
        assertEquals(before + 1, fromNode1().size(), "a second stop sends nothing");
        assertEquals(1, n1.host().notifications().stream().filter("STOPPING=1"::equals).count());
        assertFalse(n1.host().has(VIP));
    }

    @Test
    void controlRequestsToAStoppedDaemonAnswerAtOnceThatItIsStopping() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        n1.stop();
        long t0 = System.nanoTime();
        io.vrrpd.control.ControlResponse r = n1.daemon().handle(new io.vrrpd.control.ControlRequest("status", null));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1000, "answered after " + ms + " ms");
        assertEquals(69, r.exitCode(), r.message());
        assertTrue(r.message().contains("stopping"), r.message());
    }

    @Test
    void stoppingABackupSendsNothing() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        n2.stop();
        assertTrue(cluster.segment().frames(f -> f.source().getHostAddress().equals("192.0.2.12")).isEmpty());
        assertEquals(State.MASTER, n1.state("VI_1"));
    }

    @Test
    void badDatagramsAreCountedByReasonAndDoNotDisturbTheMaster() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        int transitions = n1.transitions().size();

        cluster.segment().inject(advert(51, 254, "WRONG", 255));
        cluster.segment().inject(advert(51, 254, "PASSWORD", 64));
        byte[] corrupt = advert(51, 254, "PASSWORD", 255);
        corrupt[20 + 6] ^= 0x5a; // VRRP checksum
        cluster.segment().inject(corrupt);
        cluster.segment().inject(advert(99, 254, "PASSWORD", 255));
        cluster.segment().inject(new byte[] {0x45, 0, 0});
        cluster.run(Duration.ofSeconds(2));

        JsonNode s = n1.status("VI_1");
        JsonNode drops = s.path("counters").path("drops");
        assertEquals(1, drops.path("auth_data").asLong(), drops.toString());
        assertEquals(1, drops.path("ttl").asLong(), drops.toString());
        assertEquals(1, drops.path("checksum").asLong(), drops.toString());
        assertEquals(0, s.path("counters").path("adverts_received").asLong());
        JsonNode unrouted = n1.daemon().handle(new io.vrrpd.control.ControlRequest("status", null)).body()
                .path("sockets").get(0).path("unrouted_drops");
        assertEquals(1, unrouted.path("vrid").asLong(), unrouted.toString());
        assertEquals(1, unrouted.path("ip_header").asLong(), unrouted.toString());
        assertEquals(State.MASTER, n1.state("VI_1"));
        assertEquals(transitions, n1.transitions().size());
        assertTrue(n1.host().has(VIP));
        assertEquals(1, n1.status("VI_1").path("counters").path("became_master").asLong());

        // The same advert with the right password and TTL is obeyed: only the defects kept it out.
        cluster.segment().inject(advert(51, 254, "PASSWORD", 255));
        cluster.settle();
        assertEquals(State.BACKUP, n1.state("VI_1"));
        assertEquals("192.0.2.13", n1.status("VI_1").path("master").asText());
        assertFalse(n1.host().has(VIP));
    }
}
