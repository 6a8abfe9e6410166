package io.vrrpd.hooks;

import static io.vrrpd.hooks.TestHooks.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyFifoHookTest {

    @TempDir
    Path dir;

    private Path mkfifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        return fifo;
    }

    @Test
    void readerGetsOneKeepalivedLinePerTransition() throws Exception {
        Path fifo = mkfifo("notify.fifo");
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            // Opening for reading blocks until the hook opens its end.
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new FileInputStream(fifo.toFile()), StandardCharsets.UTF_8))) {
                return r.readLine() + "\n" + r.readLine();
            } catch (Exception e) {
                return "error: " + e;
            }
        });
        try (NotifyFifoHook hook = new NotifyFifoHook(fifo, NotifyTarget.INSTANCE);
             NotifyFifoHook group = new NotifyFifoHook(fifo, NotifyTarget.GROUP)) {
            HookReport r = hook.run(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 1), Duration.ofSeconds(1));
            group.run(HookPhase.NOTIFY, context("G1", "MASTER", "FAULT", 2), Duration.ofSeconds(1));

            assertEquals(HookOutcome.OK, r.outcome(), r.detail());
            assertEquals("INSTANCE \"VI_1\" MASTER 100\nGROUP \"G1\" FAULT 0", line.get(5, TimeUnit.SECONDS));
        } finally {
            line.cancel(true);
        }
    }

    @Test
    void fifoWithoutReaderNeverBlocksAndCountsDroppedLines() throws Exception {
        Path fifo = mkfifo("unread.fifo");
        try (NotifyFifoHook hook = new NotifyFifoHook(fifo, NotifyTarget.INSTANCE)) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                HookReport first = hook.run(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 0), Duration.ofSeconds(1));
                assertEquals(HookOutcome.OK, first.outcome(), first.detail());
                HookReport last = first;
                for (int i = 1; i < 400; i++) {
                    last = hook.run(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", i), Duration.ofSeconds(1));
                }
                assertEquals(HookOutcome.SKIPPED, last.outcome(), last.detail());
            });
            long lineBytes = hook.lineFor(context("VI_1", "BACKUP", "MASTER", 0)).length() + 1;
            long fitted = NotifyFifoHook.SAFE_BACKLOG / lineBytes;
            assertEquals(400 - fitted, hook.droppedLines());
        }
    }

    @Test
    void missingFifoIsAClearFailure() {
        Path missing = dir.resolve("missing.fifo");
        try (NotifyFifoHook hook = new NotifyFifoHook(missing, NotifyTarget.INSTANCE)) {
            HookReport r = hook.run(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 1), Duration.ofSeconds(1));

            assertEquals(HookOutcome.FAILED, r.outcome());
            assertEquals("notify FIFO " + missing + " does not exist", r.detail());
        }
    }

    @Test
    void regularFileIsRefusedAsFifo() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "");
        try (NotifyFifoHook hook = new NotifyFifoHook(plain, NotifyTarget.INSTANCE)) {
            HookReport r = hook.run(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 1), Duration.ofSeconds(1));

            assertEquals(HookOutcome.FAILED, r.outcome());
            assertTrue(r.detail().endsWith("is not a FIFO"), r.detail());
            assertEquals(0, Files.size(plain));
        }
    }
}
