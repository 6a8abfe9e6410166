package io.vrrpd.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one-shot commands with a hard timeout. Output goes to temporary files rather than pipes: a command
 * that leaves a background child holding its stdout open (ip netns exec ... daemon &) can then never block
 * the caller past the timeout.
 */
public final class CommandRunner {

    /** The timeout for {@code ip} and other quick commands. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private CommandRunner() {
    }

    /**
     * Runs a command and waits for it.
     *
     * @param timeout how long it may take; it is killed and a {@link LabException} thrown after that
     * @param argv    the command line
     * @return its exit code and output (a non-zero exit is a result, not an exception)
     * @throws LabException if it cannot be started or times out; the message has its stderr so far
     */
    public static CommandResult run(Duration timeout, List<String> argv) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("vrl-cmd-", ".out");
            err = Files.createTempFile("vrl-cmd-", ".err");
            Process p = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                throw new LabException(String.join(" ", argv) + ": timed out after " + timeout.toMillis()
                        + " ms; stderr: " + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return new CommandResult(argv, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LabException(String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(String.join(" ", argv) + ": interrupted", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Runs with {@link #DEFAULT_TIMEOUT}. */
    public static CommandResult run(String... argv) {
        return run(DEFAULT_TIMEOUT, List.of(argv));
    }

    /** Runs with {@link #DEFAULT_TIMEOUT} and throws unless it exits 0. */
    public static CommandResult check(String... argv) {
        return run(DEFAULT_TIMEOUT, List.of(argv)).orThrow();
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // A leftover temp file is harmless; the command's result matters more.
            }
        }
    }
}
