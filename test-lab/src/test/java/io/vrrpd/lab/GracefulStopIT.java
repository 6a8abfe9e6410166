package io.vrrpd.lab;

import static io.vrrpd.lab.SeedPair.INSTANCE;
import static io.vrrpd.lab.SeedPair.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Stopping a master: SIGTERM makes vrrpd resign (priority 0, RFC 3768 §6.4.3 "Shutdown") so the backup
 * takes over after its skew time; SIGKILL leaves the VIP behind, and the restarted vrrpd removes it before
 * it runs the election, so the VIP never ends up on both nodes.
 */
@LabTest
class GracefulStopIT {

    private static final Duration SKEW_100 = Duration.ofMillis(609);

    @Test
    void sigtermResignsSoTheBackupTakesOverAfterItsSkewTimeAndSigkillLeavesAVipTheRestartRemoves() {
        SeedPair.run(pair -> {
            Node n1 = pair.n1();
            Node n2 = pair.n2();
            Vrrpd v1 = pair.v1();

            v1.process().kill(Signal.TERM);
            Duration gone = SeedPair.timeUntil(Duration.ofSeconds(3), Duration.ofMillis(20), () -> !n1.hasAddress(VIP))
                    .orElseThrow(() -> new AssertionError("node 1 kept the VIP after SIGTERM: " + n1.addresses()));
            System.out.println("SIGTERM: VIP gone from node 1 after " + gone.toMillis() + " ms");
            assertTrue(gone.compareTo(Duration.ofMillis(1500)) <= 0, "VIP removal took " + gone.toMillis() + " ms");
            OptionalInt exit = v1.process().waitFor(Duration.ofSeconds(15));
            assertTrue(exit.isPresent(), "vrrpd did not exit within 15 s of SIGTERM:\n" + v1.process().tail());
            System.out.println("SIGTERM: vrrpd exit status " + exit.getAsInt());
            assertEquals(0, exit.getAsInt(), "vrrpd handles TERM itself and exits 0 (143 = killed by the JVM's default)");
            String log = v1.process().logText();
            assertTrue(log.contains("masters resign with priority 0"), "no resign line in the log:\n" + v1.process().tail());
            assertTrue(log.contains("(VI_1) MASTER -> STOP"), "no MASTER -> STOP transition:\n" + v1.process().tail());
            assertTrue(Lab.waitUntil(Duration.ofSeconds(3), () -> n2.hasAddress(VIP)), "node 2 never took the VIP");

            SeedPair.Resign onWire = pair.resignOnTheWire();
            VrrpAdvert first = onWire.first();
            Duration gap = onWire.gap();
            System.out.println("SIGTERM on the wire: priority 0 -> node 2's first advert " + gap.toMillis() + " ms");
            assertTrue(gap.compareTo(SKEW_100.minusMillis(100)) >= 0 && gap.compareTo(SKEW_100.plusMillis(100)) <= 0,
                    "gap " + gap.toMillis() + " ms, expected skew 609 ms +- 100 ms, not the 3.6 s master-down interval");

            // Node 1 comes back and preempts; then it crashes with the VIP on eth0.
            v1.restart();
            v1.awaitState(INSTANCE, "MASTER", SeedPair.START_TIMEOUT);
            assertTrue(Lab.waitUntil(Duration.ofSeconds(5), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP)),
                    "node 1 did not get the VIP back: n1 " + n1.addresses() + ", n2 " + n2.addresses());
            v1.process().kill(Signal.KILL);
            assertTrue(v1.process().waitFor(Duration.ofSeconds(5)).isPresent(), "SIGKILL did not end vrrpd");
            assertTrue(n1.hasAddress(VIP), "a killed vrrpd cannot remove its VIP, yet it is gone: " + n1.addresses());
            Instant killed = Instant.now();

            v1.restart();
            String stale = v1.process().awaitLog("removed stale virtual IP", SeedPair.START_TIMEOUT);
            System.out.println("restart after SIGKILL: " + stale.strip());
            assertTrue(stale.contains(VIP), stale);
            v1.awaitReady(SeedPair.START_TIMEOUT);

            // Afterwards exactly one node holds the VIP: node 1 again (priority 101 preempts), node 2 released.
            assertTrue(Lab.waitUntil(Duration.ofSeconds(10), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP)),
                    "after the restart: n1 " + n1.addresses() + ", n2 " + n2.addresses());
            for (int poll = 0; poll < 12; poll++) {
                boolean on1 = n1.hasAddress(VIP);
                boolean on2 = n2.hasAddress(VIP);
                assertFalse(on1 && on2, "poll " + poll + ": VIP on both nodes");
                assertTrue(on1, "poll " + poll + ": node 1 lost the VIP again");
                Lab.sleep(Duration.ofMillis(250));
            }
            assertEquals("MASTER", pair.status1().path("state").asText(), pair.status1().toString());
            assertEquals("BACKUP", pair.status2().path("state").asText(), pair.status2().toString());
            System.out.println("restart settled " + Duration.between(killed, Instant.now()).toMillis() + " ms after SIGKILL");
        });
    }
}
