package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two keepalived nodes with the seed's database config: the reference behaviour vrrpd must match, and the
 * proof that the lab carries VRRP multicast, shows the VIP and decodes the wire.
 */
@LabTest
class KeepalivedPairIT {

    private static final String VIP = Keepalived.SEED_VIP;

    @Test
    void higherPriorityHoldsTheVipAloneAndTheBackupTakesOverWithinFourSecondsOfACrash() {
        List<Long> pids = new ArrayList<>();
        List<String> namespaces;
        String labId;
        Lab lab = Lab.create(2);
        try {
            labId = lab.id();
            namespaces = lab.namespaces();
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Capture capture = Capture.start(n2, "capture");
            pids.add(capture.process().pid());

            // The primary comes up first, as in the seed's rollout: both start in BACKUP and their
            // master-down intervals (3.605 s vs 3.609 s, RFC 3768 §6.1) differ too little to order a race.
            Keepalived k1 = Keepalived.start(n1, Keepalived.seedDatabaseConfig("MASTER", 101));
            k1.awaitState("VI_1", "MASTER", Duration.ofSeconds(10));
            Keepalived k2 = Keepalived.start(n2, Keepalived.seedDatabaseConfig("BACKUP", 100));
            k2.awaitState("VI_1", "BACKUP", Duration.ofSeconds(10));
            k1.vrrpChildPid().ifPresent(pids::add);
            k2.vrrpChildPid().ifPresent(pids::add);
            pids.addAll(k1.process().treePids());
            pids.addAll(k2.process().treePids());

            for (int poll = 0; poll < 20; poll++) {
                assertTrue(n1.hasAddress(VIP), "poll " + poll + ": node 1 lost the VIP; " + n1.addresses());
                assertFalse(n2.hasAddress(VIP), "poll " + poll + ": node 2 has the VIP too; " + n2.addresses());
                Lab.sleep(Duration.ofMillis(500));
            }
            List<VrrpAdvert> steady = capture.vrrpAdverts();
            assertTrue(steady.size() >= 9, "expected an advert a second for 10 s, got " + steady);
            for (VrrpAdvert a : steady) {
                assertEquals(n1.address(), a.source(), "advert not from node 1: " + a);
                assertEquals(101, a.priority(), a.toString());
                assertEquals(51, a.vrid(), a.toString());
                assertEquals(255, a.ttl(), "RFC 3768 §5.2.3 TTL: " + a);
                assertEquals(VrrpAdvert.ChecksumStatus.GOOD, a.checksum(), a.toString());
                assertFalse(a.malformed(), a.toString());
                assertEquals(List.of(VIP), a.addresses(), a.toString());
            }
            String n1Mac = n1.mac();
            assertTrue(capture.arpFrames().stream().anyMatch(f -> f.announces(VIP) && f.senderMac().equals(n1Mac)),
                    "no gratuitous ARP for " + VIP + " from node 1 (" + n1Mac + "): " + capture.arpFrames());

            k1.process().killTree(Signal.KILL);
            long killed = System.nanoTime();
            assertTrue(Lab.waitUntil(Duration.ofSeconds(8), () -> n2.hasAddress(VIP)),
                    "node 2 never took the VIP; keepalived log:\n" + k2.process().tail());
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            System.out.println("keepalived takeover after SIGKILL of the master: " + takeover.toMillis() + " ms");
            assertTrue(takeover.compareTo(Duration.ofMillis(4500)) <= 0, "takeover took " + takeover.toMillis()
                    + " ms; master-down interval is 3.61 s (RFC 3768 §6.1)");
            k2.awaitState("VI_1", "MASTER", Duration.ofSeconds(2));
            Lab.sleep(Duration.ofMillis(300));
            capture.stop();

            List<VrrpAdvert> all = capture.vrrpAdverts();
            assertTrue(all.stream().anyMatch(a -> a.source().equals(n2.address()) && a.priority() == 100
                    && a.checksum() == VrrpAdvert.ChecksumStatus.GOOD), "no advert from node 2 after takeover: " + all);
            assertTrue(all.stream().noneMatch(a -> a.priority() == 0),
                    "a crash sends no priority-0 goodbye, but one was captured: " + all);
            assertEquals(List.of(), k1.alarmingLogLines(), "keepalived on node 1 complained");
            assertEquals(List.of(), k2.alarmingLogLines(), "keepalived on node 2 complained");
        } catch (Throwable t) {
            lab.markFailed();
            throw t;
        } finally {
            lab.close();
        }

        List<String> after = netnsList();
        for (String ns : namespaces) {
            assertFalse(after.contains(ns), ns + " still exists after close: " + after);
        }
        assertTrue(after.stream().noneMatch(n -> n.startsWith(labId + "-")), "lab namespaces left: " + after);
        assertTrue(Lab.waitUntil(Duration.ofSeconds(2), () -> pids.stream().noneMatch(KeepalivedPairIT::alive)),
                "lab processes still running: " + pids.stream().filter(KeepalivedPairIT::alive).toList());
    }

    static List<String> netnsList() {
        List<String> names = new ArrayList<>();
        for (String line : CommandRunner.check("ip", "netns", "list").stdout().split("\n")) {
            if (!line.isBlank()) {
                names.add(line.trim().split("\\s+")[0]);
            }
        }
        return names;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
