package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A lab outlives no JVM: a JVM that exits cleans up in its shutdown hook; one killed is swept by the next. */
@LabTest
class LabCrashIT {

    @Test
    void aJvmThatExitsWithoutClosingItsLabRemovesItInTheShutdownHook() throws Exception {
        Process holder = startHolder("exit");
        try {
            String[] ready = awaitReady(holder);
            assertTrue(holder.waitFor(15, TimeUnit.SECONDS), "holder JVM did not exit");
            assertNoTrace(ready[1], Long.parseLong(ready[2]));
            assertFalse(Files.exists(Path.of(ready[3])), "the shutdown hook left the lab dir " + ready[3]);
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void namespacesAndProcessesOfAKilledJvmAreSweptByTheNextLab() throws Exception {
        Process holder = startHolder("hang");
        String[] ready = null;
        try {
            ready = awaitReady(holder);
            holder.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS), "holder JVM survived SIGKILL");
            String labId = ready[1];
            assertTrue(KeepalivedPairIT.netnsList().contains(labId + "-n1"),
                    "a killed JVM's lab should still be there before the sweep");
            try (Lab next = Lab.create()) {
                assertNoTrace(ready[1], Long.parseLong(ready[2]));
                assertTrue(KeepalivedPairIT.netnsList().contains(next.id() + "-sw"));
            }
        } finally {
            holder.destroyForcibly();
            if (ready != null) {
                // A killed JVM keeps its lab dir (its logs are all a developer has); this one was on purpose.
                deleteTree(Path.of(ready[3]));
            }
        }
    }

    private static void assertNoTrace(String labId, long sleeperPid) {
        List<String> after = KeepalivedPairIT.netnsList();
        assertTrue(after.stream().noneMatch(n -> n.startsWith(labId + "-")), "namespaces left: " + after);
        assertTrue(Lab.waitUntil(Duration.ofSeconds(2), () -> !KeepalivedPairIT.alive(sleeperPid)),
                "sleep " + sleeperPid + " still runs");
    }

    private static Process startHolder(String mode) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LabHolder.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** @return {"ready", lab id, sleeper pid, lab dir} */
    private static String[] awaitReady(Process holder) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        String[] parts = line == null ? new String[0] : line.split(" ");
        assertEquals(4, parts.length, "holder JVM said: " + line);
        assertEquals("ready", parts[0]);
        return parts;
    }
}
