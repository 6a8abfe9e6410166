package io.vrrpd.lab;

import static io.vrrpd.lab.SeedPair.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code vrrpctl failover} and {@code resume} on the seed's database pair: a planned handover moves the
 * VIP after the backup's skew time (priority 0 advert, RFC 3768 §6.4.2), the old master holds BACKUP
 * although its priority is higher, and resume lets it preempt again.
 */
@LabTest
class PlannedFailoverIT {

    /** Skew_Time of priority 100 with a 1 s interval: (256 - 100) / 256 s (RFC 3768 §6.1). */
    private static final Duration SKEW_100 = Duration.ofMillis(609);
    /** Master_Down_Interval of priority 101: 3 s + (256 - 101) / 256 s. */
    private static final Duration MASTER_DOWN_101 = Duration.ofMillis(3605);

    @Test
    void failoverHandsTheVipToTheBackupAfterItsSkewTimeAndHoldsUntilResume() {
        SeedPair.run(pair -> {
            Node n1 = pair.n1();
            Node n2 = pair.n2();

            CommandResult onBackup = pair.v2().ctl("failover");
            System.out.println("failover on the backup: exit " + onBackup.exitCode() + ": "
                    + onBackup.stdout().strip() + onBackup.stderr().strip());
            assertNotEquals(0, onBackup.exitCode(), "failover on the backup must be refused: " + onBackup);
            String why = onBackup.stdout() + onBackup.stderr();
            assertTrue(why.contains("not MASTER"), "refusal does not say it is not the master: " + why);
            assertTrue(why.contains(n1.address()), "refusal does not point at the master " + n1.address() + ": " + why);
            assertTrue(n1.hasAddress(VIP) && !n2.hasAddress(VIP), "the refused failover moved the VIP");

            CommandResult onMaster = pair.v1().ctl("failover");
            long returned = System.nanoTime();
            assertEquals(0, onMaster.exitCode(), "failover on the master: " + onMaster);
            Duration moved = SeedPair.timeUntil(Duration.ofSeconds(5), Duration.ofMillis(20), () -> n2.hasAddress(VIP))
                    .orElseThrow(() -> new AssertionError("node 2 never took the VIP; its log:\n"
                            + pair.v2().process().tail()));
            System.out.println("planned failover: VIP on node 2 " + moved.toMillis() + " ms after vrrpctl returned");
            assertTrue(moved.compareTo(SKEW_100.plusMillis(300)) <= 0, "VIP reached node 2 after "
                    + moved.toMillis() + " ms; skew time of priority 100 is 609 ms");
            assertFalse(n1.hasAddress(VIP), "node 1 kept the VIP after handing over: " + n1.addresses());

            JsonNode s1 = pair.status1();
            assertEquals("BACKUP", s1.path("state").asText(), s1.toString());
            assertTrue(s1.path("handover_hold").asBoolean(), "no handover hold after failover: " + s1);
            assertEquals("MASTER", pair.status2().path("state").asText(), pair.status2().toString());

            // The wire: node 1's priority-0 advert, then node 2's first advert one skew time later.
            SeedPair.Resign onWire = pair.resignOnTheWire();
            VrrpAdvert first = onWire.first();
            Duration gap = onWire.gap();
            System.out.println("planned failover on the wire: priority 0 -> node 2's first advert " + gap.toMillis() + " ms");
            assertEquals(100, first.priority(), first.toString());
            assertTrue(gap.compareTo(SKEW_100.minusMillis(100)) >= 0 && gap.compareTo(SKEW_100.plusMillis(100)) <= 0,
                    "gap " + gap.toMillis() + " ms, expected 609 ms +- 100 ms");

            // Held: ten seconds, several master-down intervals, without node 1 preempting.
            long holdUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int polls = 0;
            while (System.nanoTime() < holdUntil) {
                assertFalse(n1.hasAddress(VIP), "poll " + polls + ": node 1 took the VIP back despite the hold");
                assertTrue(n2.hasAddress(VIP), "poll " + polls + ": node 2 lost the VIP: " + n2.addresses());
                polls++;
                Lab.sleep(Duration.ofMillis(250));
            }
            s1 = pair.status1();
            assertEquals("BACKUP", s1.path("state").asText(), s1.toString());
            assertEquals(n2.address(), s1.path("master").asText(), s1.toString());
            assertEquals(1, s1.path("counters").path("became_master").asInt(), "node 1 became master again: " + s1);
            Instant beforeResume = Instant.now();

            CommandResult resume = pair.v1().ctl("resume");
            assertEquals(0, resume.exitCode(), "resume: " + resume);
            assertFalse(pair.status1().path("handover_hold").asBoolean(), "hold still on after resume");
            // RFC 3768 §6.4.2: a preempting backup discards the lower-priority adverts and takes over when its
            // master-down timer (3.605 s after the last accepted advert) fires.
            Duration back = SeedPair.timeUntil(MASTER_DOWN_101.plusSeconds(2), Duration.ofMillis(20), () -> n1.hasAddress(VIP))
                    .orElseThrow(() -> new AssertionError("node 1 did not preempt after resume; its log:\n"
                            + pair.v1().process().tail()));
            System.out.println("resume: node 1 preempted " + back.toMillis() + " ms after vrrpctl resume");
            assertTrue(back.compareTo(MASTER_DOWN_101.plusSeconds(1)) <= 0, "preempt took " + back.toMillis() + " ms");
            assertTrue(Lab.waitUntil(Duration.ofSeconds(3), () -> !n2.hasAddress(VIP)),
                    "node 2 kept the VIP after node 1 preempted: " + n2.addresses());
            assertEquals("MASTER", pair.status1().path("state").asText(), pair.status1().toString());
            assertEquals("BACKUP", pair.status2().path("state").asText(), pair.status2().toString());
            assertTrue(pair.firstAdvertAfter(beforeResume, n1.address()).map(a -> a.priority() == 101).orElse(false),
                    "no priority-101 advert from node 1 after resume");
        });
    }
}
