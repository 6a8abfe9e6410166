package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vrrpd.election.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 5798 §8.4: a VRRPv2 and a VRRPv3 virtual router with the same VRID on one interface are two routers.
 * Each instance must get its own version's adverts (one socket serves both) and elect on its own.
 */
class MixedVersionSegmentTest {
    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();

    private static String conf(int priority) {
        return """
                vrrp_instance V2 {
                interface eth0
                virtual_router_id 51
                priority %d
                advert_int 1
                virtual_ipaddress {
                192.0.2.100/32
                }
                }
                vrrp_instance V3 {
                interface eth0
                virtual_router_id 51
                version 3
                priority %d
                advert_int 0.1
                virtual_ipaddress {
                192.0.2.101/32
                }
                }
                """.formatted(priority, priority);
    }

    @Test
    void aV2AndAV3InstanceWithOneVridEachElectOnTheirOwnAdverts() {
        SimCluster.Node n1 = cluster.node(1, conf(101)).start();
        SimCluster.Node n2 = cluster.node(2, conf(100)).start();
        cluster.runUntil(() -> n1.state("V2") == State.MASTER && n1.state("V3") == State.MASTER
                && n2.state("V2") == State.BACKUP && n2.state("V3") == State.BACKUP, Duration.ofSeconds(10));
        cluster.run(Duration.ofSeconds(5));
        for (String instance : new String[] {"V2", "V3"}) {
            assertEquals(State.MASTER, n1.state(instance), instance);
            assertEquals(State.BACKUP, n2.state(instance), instance);
            JsonNode backup = n2.status(instance);
            assertEquals(0, backup.path("counters").path("drops").path("version").asLong(), backup.toString());
            assertEquals(n1.address(), backup.path("master").asText(), backup.toString());
        }
        // 5 s of adverts from node 1: about 5 at 1 s for V2, about 50 at 0.1 s for V3, each counted once.
        long v2 = n2.status("V2").path("counters").path("adverts_received").asLong();
        long v3 = n2.status("V3").path("counters").path("adverts_received").asLong();
        assertEquals(true, v3 > 5 * v2, "V2 received " + v2 + ", V3 " + v3);
    }
}
