package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab cleans up whatever happens inside it, and its wiring behaves like cables and a switch. */
@LabTest
class LabTeardownIT {

    @Test
    void aTestBodyThatThrowsInsideALabLeavesNoNamespaceAndNoProcess() {
        String[] id = new String[1];
        long[] pids = new long[2];
        Path[] dir = new Path[1];
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (Lab lab = Lab.create(2)) {
                id[0] = lab.id();
                dir[0] = lab.dir();
                pids[0] = lab.node(1).start("sleeper", List.of("sleep", "300")).pid();
                // Ignores TERM, so only the KILL after the grace period stops it.
                pids[1] = lab.node(2).start("stubborn", List.of("sh", "-c", "trap '' TERM; sleep 300 & wait")).pid();
                assertEquals(3, KeepalivedPairIT.netnsList().stream().filter(n -> n.startsWith(id[0] + "-")).count());
                throw new IllegalStateException("test body failed");
            }
        });
        assertEquals("test body failed", thrown.getMessage());
        List<String> after = KeepalivedPairIT.netnsList();
        assertTrue(after.stream().noneMatch(n -> n.startsWith(id[0] + "-")), "namespaces left: " + after);
        assertTrue(Lab.waitUntil(Duration.ofSeconds(2), () -> !KeepalivedPairIT.alive(pids[0])
                && !KeepalivedPairIT.alive(pids[1])), "processes left: " + pids[0] + ", " + pids[1]);
        assertFalse(Files.exists(dir[0]), "lab dir not removed: " + dir[0]);
    }

    @Test
    void aFailedLabKeepsItsDirectoryForDebugging() throws Exception {
        Path dir;
        try (Lab lab = Lab.create(1)) {
            dir = lab.dir();
            lab.node(1).start("echo", List.of("echo", "kept")).waitFor(Duration.ofSeconds(5));
            lab.markFailed();
        }
        try {
            assertEquals("kept\n", Files.readString(dir.resolve("n1-echo.log")));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void namespacesOfADeadLabPidAreSweptAndThoseOfALiveOneKept() {
        long deadPid = deadPid();
        String stale = new LabName(deadPid, 1, "sw").toString();
        String live = new LabName(ProcessHandle.current().pid(), 999_999, "sw").toString();
        CommandRunner.check("ip", "netns", "add", stale);
        CommandRunner.check("ip", "netns", "add", live);
        try {
            try (Lab lab = Lab.create()) {
                List<String> now = KeepalivedPairIT.netnsList();
                assertTrue(now.contains(lab.id() + "-sw"), "the new lab's switch is missing: " + now);
                assertFalse(now.contains(stale), "stale namespace of dead pid " + deadPid + " survived: " + now);
                assertTrue(now.contains(live), "a live lab's namespace was swept: " + now);
            }
        } finally {
            CommandRunner.run("ip", "netns", "delete", stale);
            CommandRunner.run("ip", "netns", "delete", live);
        }
    }

    @Test
    void cuttingTheCableDropsCarrierInsideTheNodeButKeepsItsAddress(Lab lab) {
        Node n1 = lab.addNode();
        assertTrue(Lab.waitUntil(Duration.ofSeconds(2), n1::hasCarrier), "no carrier before the cut");
        n1.linkDown();
        assertTrue(Lab.waitUntil(Duration.ofSeconds(2), () -> !n1.hasCarrier()), "carrier stayed after the cut");
        assertTrue(n1.hasAddress(n1.address()), "address lost on carrier loss: " + n1.addresses());
        n1.linkUp();
        assertTrue(Lab.waitUntil(Duration.ofSeconds(2), n1::hasCarrier), "carrier did not return");
    }

    @Test
    void nodesGetTheirOwnAddressesInTheTestNet(Lab lab) {
        Node n1 = lab.addNode();
        Node n2 = lab.addNode();
        assertEquals("192.0.2.11", n1.address());
        assertEquals("192.0.2.12", n2.address());
        assertTrue(n2.addresses().contains(new InterfaceAddress("eth0", "inet", "192.0.2.12", 24)), n2.addresses().toString());
        assertFalse(n1.hasAddress("192.0.2.12"));
        assertFalse(n1.mac().equals(n2.mac()), "both nodes have MAC " + n1.mac());
    }

    /** A pid that ran and has exited (and, being fresh, is not reused in the moment we use it). */
    private static long deadPid() {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
