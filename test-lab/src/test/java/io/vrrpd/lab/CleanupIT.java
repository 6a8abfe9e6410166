package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The leftover check that every {@link SeedPair} test ends with can fail: it sees a surviving namespace,
 * a surviving lab pid and a process naming the lab directory; and a failing body still cleans up.
 */
@LabTest
class CleanupIT {

    @Test
    void theLeftoverCheckReportsASurvivingNamespaceAndProcess() throws Exception {
        String labId;
        Path dir;
        Process outsider;
        try (Lab lab = Lab.create()) {
            labId = lab.id();
            dir = lab.dir();
            lab.addNode();
            // Started by hand, not through the lab, so close() does not stop it; its argv names the lab dir.
            outsider = new ProcessBuilder("sh", "-c", "sleep 300", dir.toString()).start();
            try {
                List<String> left = SeedPair.leftovers(labId, dir, Set.of());
                assertTrue(left.stream().anyMatch(l -> l.startsWith("namespace " + labId + "-")),
                        "live namespaces not reported: " + left);
                assertTrue(left.stream().anyMatch(l -> l.startsWith("pid " + outsider.pid() + " ")),
                        "process naming the lab dir not reported: " + left);
            } finally {
                outsider.destroyForcibly().waitFor();
            }
        }
        assertEquals(List.of(), SeedPair.leftovers(labId, dir, Set.of(outsider.pid())));
    }

    @Test
    void aFailingPairTestStillRemovesEveryNamespaceAndDaemon() {
        String[] id = new String[1];
        Path[] dir = new Path[1];
        long[] pids = new long[2];
        AssertionError thrown = assertThrows(AssertionError.class, () -> SeedPair.run(pair -> {
            id[0] = pair.lab().id();
            dir[0] = pair.lab().dir();
            pids[0] = pair.v1().process().pid();
            pids[1] = pair.v2().process().pid();
            throw new AssertionError("body failed");
        }));
        assertEquals("body failed", thrown.getMessage());
        assertTrue(SeedPair.leftovers(id[0], Path.of("/nonexistent-lab-dir"), Set.of(pids[0], pids[1])).isEmpty());
        assertTrue(Lab.waitUntil(Duration.ofSeconds(1), () -> ProcessHandle.of(pids[0]).isEmpty()
                && ProcessHandle.of(pids[1]).isEmpty()), "vrrpd survived");
        // A failed lab keeps its directory for debugging; this failure was on purpose.
        CommandRunner.check("rm", "-rf", "--", dir[0].toString());
    }
}
