package io.vrrpd.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptExecutorTest {

    @TempDir
    Path dir;

    private static long ourUid() throws Exception {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    }

    @Test
    void outputIsCapturedButBoundedToTheLastFourKibibytes() throws Exception {
        Path chatty = Scripts.write(dir, "chatty.sh", "i=0; while [ $i -lt 500 ]; do echo line-$i; i=$((i+1)); done");
        ScriptExecutor executor = new ScriptExecutor(null, null, false, Duration.ofMillis(500), null);

        ScriptRun run = executor.run("chatty", "(VI_1) chatty", ScriptCommand.of(chatty.toString()), List.of(),
                Map.of(), Duration.ofSeconds(10));

        assertTrue(run.succeeded(), run.summary());
        assertTrue(run.stdout().length() <= ScriptExecutor.OUTPUT_LIMIT, "kept " + run.stdout().length());
        assertTrue(run.stdout().endsWith("line-499\n"), run.stdout());
        assertTrue(!run.stdout().contains("line-0\n"), "the oldest output is dropped");
    }

    @Test
    void withoutRootAConfiguredUserRunsAsOurselves() throws Exception {
        Path id = Scripts.write(dir, "id.sh", "id -u");
        ScriptExecutor executor = new ScriptExecutor("nobody", null, false, Duration.ofMillis(500), null);

        ScriptRun run = executor.run("id", "(VI_1) id", ScriptCommand.of(id.toString()), List.of(), Map.of(),
                Duration.ofSeconds(10));

        assertTrue(run.succeeded(), run.summary());
        assertEquals(Long.toString(ourUid()), run.stdout().strip());
    }

    @Test
    @Tag("root")
    void asRootAConfiguredUserIsSwitchedToWithSetpriv() throws Exception {
        Assumptions.assumeTrue(ourUid() == 0, "switching users needs root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs util-linux setpriv");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path id = Scripts.write(dir, "id.sh", "echo $(id -un):$(id -gn)");
        ScriptExecutor executor = new ScriptExecutor(null, null);

        ScriptRun run = executor.run("id", "(VI_1) id", new ScriptCommand(List.of(id.toString()), "nobody", null),
                List.of(), Map.of(), Duration.ofSeconds(10));

        assertTrue(run.succeeded(), run.summary() + " " + run.stderr());
        assertEquals("nobody:" + primaryGroupOfNobody(), run.stdout().strip());
    }

    private static String primaryGroupOfNobody() throws Exception {
        Process p = new ProcessBuilder("id", "-gn", "nobody").start();
        String group = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return group;
    }

    @Test
    void scriptFoundOnThePathStillRuns() throws Exception {
        ScriptExecutor executor = new ScriptExecutor(null, null, false, Duration.ofMillis(500), null);

        ScriptRun run = executor.run("false", "(VI_1) false", ScriptCommand.of("false"), List.of(), Map.of(),
                Duration.ofSeconds(10));

        assertEquals(ScriptRun.Status.EXITED, run.status());
        assertEquals(1, run.exitCode());
    }
}
