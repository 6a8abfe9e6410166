package io.vrrpd.hooks.postgres;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Keeps {@link HookState} in {@code <state directory>/postgres-<instance>.state}, a properties file
 * written to a temporary file, forced to disk and renamed over the old one, so a crash leaves either the
 * old or the new record, never half of one. A missing file is an empty state; an unreadable one is an
 * error the caller reports (a guard that cannot read its fence mark must not pretend it has none).
 */
final class StateStore {
    /** The guard's "last primary position seen" reaches the disk at most this often (it is also kept in memory). */
    static final long SEEN_PERSIST_MILLIS = 10_000;

    private final Path file;
    private HookState cached;
    private long persistedAt;

    StateStore(Path stateDirectory, String instance) {
        this.file = stateDirectory.resolve("postgres-" + instance + ".state");
    }

    /** The current state (read from the file the first time). */
    synchronized HookState get() throws IOException {
        if (cached == null) {
            cached = load();
        }
        return cached;
    }

    /** Changes the state and writes it at once (fence marks, promotions, handovers, rejoins). */
    synchronized HookState update(java.util.function.UnaryOperator<HookState> change) throws IOException {
        HookState next = change.apply(get());
        save(next);
        cached = next;
        persistedAt = System.currentTimeMillis();
        return next;
    }

    /** Records a primary position seen; written to disk at most every {@link #SEEN_PERSIST_MILLIS}. */
    synchronized void seen(long systemId, Lsn lsn, int timeline, long nowMillis) throws IOException {
        HookState next = get().seenPrimary(systemId, lsn, timeline, nowMillis);
        boolean timelineChanged = next.lastPrimaryTimeline() != cached.lastPrimaryTimeline()
                || next.systemId() != cached.systemId();
        cached = next;
        if (timelineChanged || nowMillis - persistedAt >= SEEN_PERSIST_MILLIS) {
            save(next);
            persistedAt = nowMillis;
        }
    }

    Path file() {
        return file;
    }

    HookState load() throws IOException {
        if (!Files.exists(file)) {
            return HookState.EMPTY;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return new HookState(Long.parseUnsignedLong(p.getProperty("system_identifier", "0")),
                    Lsn.parse(p.getProperty("last_primary_lsn", "0/0")),
                    Integer.parseInt(p.getProperty("last_primary_timeline", "0")),
                    Long.parseLong(p.getProperty("last_primary_seen_at", "0")),
                    Boolean.parseBoolean(p.getProperty("fenced", "false")),
                    p.getProperty("fenced_why", ""),
                    Lsn.parse(p.getProperty("planned_stop_lsn", "0/0")),
                    p.getProperty("last_event", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": damaged state file (" + e.getMessage() + "); fix or remove it", e);
        }
    }

    void save(HookState s) throws IOException {
        Properties p = new Properties();
        p.setProperty("system_identifier", Long.toUnsignedString(s.systemId()));
        p.setProperty("last_primary_lsn", s.lastPrimaryLsn().toString());
        p.setProperty("last_primary_timeline", Integer.toString(s.lastPrimaryTimeline()));
        p.setProperty("last_primary_seen_at", Long.toString(s.lastPrimaryAtMillis()));
        p.setProperty("fenced", Boolean.toString(s.fenced()));
        p.setProperty("fenced_why", s.fencedWhy());
        p.setProperty("planned_stop_lsn", s.plannedStopLsn().toString());
        p.setProperty("last_event", s.lastEvent());
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "vrrpd postgres hook state; remove only when you know this node's data is current");
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
