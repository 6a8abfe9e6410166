package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

    @Test
    void returnsExitCodeAndBothStreams() {
        CommandResult r = CommandRunner.run("sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertFalse(r.ok());
    }

    @Test
    void aFailedCheckCarriesTheCommandAndItsStderr() {
        LabException e = assertThrows(LabException.class,
                () -> CommandRunner.check("sh", "-c", "echo 'Cannot find device \"eth9\"' >&2; exit 1"));
        assertTrue(e.getMessage().contains("Cannot find device \"eth9\""), e.getMessage());
        assertTrue(e.getMessage().contains("exit 1"), e.getMessage());
    }

    @Test
    void aCommandPastItsTimeoutIsKilledAndReported() {
        long start = System.nanoTime();
        LabException e = assertThrows(LabException.class, () -> CommandRunner.run(Duration.ofMillis(300),
                List.of("sh", "-c", "echo started >&2; exec sleep 30")));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "waited past the timeout");
        assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("started"), e.getMessage());
    }

    @Test
    void aBackgroundChildHoldingStdoutDoesNotBlockTheCaller() {
        long start = System.nanoTime();
        CommandResult r = CommandRunner.run(Duration.ofSeconds(5), List.of("sh", "-c", "sleep 3 & echo done"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2500, "waited for the background child");
        assertEquals("done\n", r.stdout());
    }
}
