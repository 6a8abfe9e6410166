package io.vrrpd.lab;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The numbered-row writer running in the client namespace (a {@link PgClientMain} JVM), committing through
 * the VIP. {@link #log()} parses what it acknowledged so far; {@link #stop()} ends it so the log is final.
 */
public final class RowWriter {

    /** A short pause between commits: about 300 commits a second, enough resolution, little CPU. */
    public static final long PAUSE_MS = 2;

    private final LabProcess process;

    private RowWriter(LabProcess process) {
        this.process = process;
    }

    /**
     * Starts a writer on {@code client} against {@code host}.
     *
     * @param client the node it runs in (the client namespace, which reaches only the VIP)
     * @param name   process name, unique in the lab, e.g. {@code writer-1}
     * @param host   where it commits (the VIP)
     * @return the running writer
     */
    public static RowWriter start(Node client, String name, String host) {
        return new RowWriter(LabJava.start(client, name, PgClientMain.class,
                List.of("writer", host, Long.toString(PAUSE_MS))));
    }

    /** @return the acknowledged commits so far */
    public WriteLog log() {
        return WriteLog.parse(process.logText());
    }

    /**
     * Waits until the writer has acknowledged {@code more} commits beyond those acknowledged now.
     *
     * @param more    how many more
     * @param timeout how long to wait
     * @throws LabException with the log's tail if it does not get there
     */
    public void awaitMoreAcks(int more, Duration timeout) {
        int target = log().acknowledged() + more;
        if (!Lab.waitUntil(timeout, () -> log().acknowledged() >= target)) {
            throw new LabException("writer did not get " + more + " more commits acknowledged within " + timeout
                    + " (" + log().acknowledged() + " so far, " + log().errors() + " errors); log ends:\n"
                    + process.tail());
        }
    }

    /** Stops the writer (SIGTERM, then SIGKILL) and returns its final log. */
    public WriteLog stop() {
        if (process.isAlive()) {
            process.kill(Signal.TERM);
            if (process.waitFor(Duration.ofSeconds(5)).isEmpty()) {
                process.kill(Signal.KILL);
                process.waitFor(Duration.ofSeconds(5));
            }
        }
        return log();
    }

    /**
     * Reads every row id of the {@code writes} table on a server (over its 127.0.0.1, as the superuser).
     *
     * @param server the server to read (the surviving primary)
     * @return the ids
     */
    public static Set<Long> rowsOn(PostgresServer server) {
        String out = server.query("SELECT id FROM writes");
        Set<Long> ids = new HashSet<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                ids.add(Long.parseLong(line.strip()));
            }
        }
        return ids;
    }

    /** @return the process (its log is the writer's output) */
    public LabProcess process() {
        return process;
    }
}
