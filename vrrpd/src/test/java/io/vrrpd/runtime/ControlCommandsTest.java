package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vrrpd.control.ControlRequest;
import io.vrrpd.control.ControlResponse;
import io.vrrpd.election.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Daemon.handle: the commands vrrpctl sends, on a running pair. */
class ControlCommandsTest {
    private static final String VIP = SeedConfigs.VIP;

    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();
    private SimCluster.Node n1;
    private SimCluster.Node n2;

    @BeforeEach
    void setUp() {
        n1 = cluster.node(1, SeedConfigs.primary()).start();
        n2 = cluster.node(2, SeedConfigs.standby()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        cluster.run(Duration.ofSeconds(2));
    }

    private static void assertKeys(JsonNode node, List<String> keys) {
        for (String k : keys) {
            assertTrue(node.has(k), "missing key " + k + " in " + node);
        }
    }

    @Test
    void statusDocumentHasEveryDocumentedKey() {
        ControlResponse r = n2.daemon().handle(new ControlRequest("status", null));
        assertTrue(r.ok());
        JsonNode body = r.body();
        assertKeys(body, List.of("daemon", "instances", "sockets"));
        assertKeys(body.path("daemon"), List.of("pid", "config", "uptime_seconds", "loop_failures"));
        assertEquals(n2.configFile().toString(), body.path("daemon").path("config").asText());
        assertEquals(3.0, body.path("daemon").path("uptime_seconds").asDouble(), 0.1, "simulated uptime");
        assertEquals(1, body.path("instances").size());
        JsonNode i = body.path("instances").get(0);
        assertKeys(i, List.of("name", "state", "vrid", "interface", "version", "priority", "effective_priority",
                "advert_int_seconds", "preempt", "virtual_ips", "vips_installed", "master",
                "master_last_heard_seconds_ago", "in_state_seconds", "handover_hold", "faults", "last_transition",
                "counters"));
        assertEquals("BACKUP", i.path("state").asText());
        assertEquals("192.0.2.100/32", i.path("virtual_ips").get(0).asText());
        assertEquals("192.0.2.11", i.path("master").asText());
        assertTrue(i.path("master_last_heard_seconds_ago").asDouble() <= 1.0);
        assertKeys(i.path("last_transition"), List.of("from", "to", "reason", "seconds_ago"));
        assertKeys(i.path("counters"), List.of("adverts_sent", "adverts_received", "send_errors", "transitions",
                "became_master", "vips_restored", "drops"));
        List<String> reasons = List.of("ip_header", "not_vrrp", "ttl", "version", "type", "length", "checksum",
                "vrid", "auth_type", "auth_data", "address_list", "advert_interval");
        assertKeys(i.path("counters").path("drops"), reasons);
        assertEquals(1, body.path("sockets").size());
        assertKeys(body.path("sockets").get(0), List.of("socket", "unrouted_drops"));
        assertKeys(body.path("sockets").get(0).path("unrouted_drops"), reasons);
    }

    @Test
    void failoverOnTheBackupIsRefusedAndNamesTheMaster() {
        ControlResponse r = n2.handle("failover", null);
        assertFalse(r.ok());
        assertEquals(1, r.exitCode());
        assertTrue(r.message().contains("(VI_1)"), r.message());
        assertTrue(r.message().contains("the master is 192.0.2.11"), r.message());
        assertEquals(State.BACKUP, n2.state("VI_1"));
        assertEquals(State.MASTER, n1.state("VI_1"));
    }

    @Test
    void failoverOnTheMasterHandsOverAndHoldsUntilResume() {
        ControlResponse r = n1.handle("failover", "VI_1");
        assertTrue(r.ok(), r.message());
        assertEquals(0, r.exitCode());
        assertFalse(n1.host().has(VIP), "the VIP leaves at once");
        assertEquals(State.BACKUP, n1.state("VI_1"));
        assertTrue(n1.status("VI_1").path("handover_hold").asBoolean());

        Duration took = cluster.runUntil(() -> n2.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        assertTrue(took.toMillis() < 1000, "the peer took over after its skew time, not " + took.toMillis() + " ms");
        assertTrue(n2.host().has(VIP));
        cluster.run(Duration.ofSeconds(5));
        assertEquals(State.BACKUP, n1.state("VI_1"), "held: priority 101 does not preempt 100");
        assertEquals(0, n1.status("VI_1").path("counters").path("vips_restored").asLong(),
                "removing our own VIP is not a restore");
        assertEquals(5, n1.host().garps(VIP).size(), "the second GARP burst is cancelled with the handover");

        ControlResponse resumed = n1.handle("resume", null);
        assertTrue(resumed.ok());
        assertTrue(resumed.message().contains("VI_1"), resumed.message());
        assertFalse(n1.status("VI_1").path("handover_hold").asBoolean());
        ControlResponse again = n1.handle("resume", null);
        assertEquals("no handover hold or hook fault was active", again.message());
    }

    @Test
    void unknownInstanceIsExit65ListingTheConfiguredOnes() {
        for (String command : List.of("failover", "resume")) {
            ControlResponse r = n1.handle(command, "VI_9");
            assertFalse(r.ok());
            assertEquals(65, r.exitCode(), command);
            assertTrue(r.message().contains("VI_9") && r.message().contains("VI_1"), r.message());
        }
        assertEquals(State.MASTER, n1.state("VI_1"));
        assertTrue(n1.host().has(VIP));
    }

    @Test
    void unknownCommandIsAUsageError() {
        ControlResponse r = n1.handle("explode", null);
        assertEquals(64, r.exitCode());
        assertTrue(r.message().contains("explode"));
    }
}
