package io.vrrpd.hooks.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a data directory the hook reads and writes. Everything written gets the data directory's
 * owner and group and mode 0600, like the server's own files (PostgreSQL refuses a data directory whose
 * files it cannot read, and readable-by-others is not what a DBA expects).
 */
final class DataDir {
    /** Files that belong to this node, not to the cluster: pg_rewind and pg_basebackup would bring the peer's. */
    static final List<String> NODE_LOCAL = List.of("postgresql.conf", "pg_hba.conf", "pg_ident.conf",
            "postgresql.auto.conf");

    private final Path dir;

    DataDir(Path dir) {
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    /** The major version from PG_VERSION ({@code 10}, {@code 15}). */
    int majorVersion() throws IOException {
        String v = Files.readString(dir.resolve("PG_VERSION"), StandardCharsets.US_ASCII).strip();
        try {
            return Integer.parseInt(v.contains(".") ? v.substring(0, v.indexOf('.')) : v);
        } catch (NumberFormatException e) {
            throw new IOException(dir.resolve("PG_VERSION") + ": not a version (\"" + v + "\")");
        }
    }

    boolean hasPidFile() {
        return Files.exists(dir.resolve("postmaster.pid"));
    }

    Optional<String> read(String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** The node-local files present now, to be put back after a rewind or a base backup. */
    Map<String, byte[]> saveNodeLocal() throws IOException {
        Map<String, byte[]> saved = new LinkedHashMap<>();
        for (String name : NODE_LOCAL) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                saved.put(name, Files.readAllBytes(p));
            }
        }
        return saved;
    }

    void restore(Map<String, byte[]> saved) throws IOException {
        for (Map.Entry<String, byte[]> e : saved.entrySet()) {
            write(e.getKey(), e.getValue());
        }
    }

    void write(String name, String text) throws IOException {
        write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    void write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Path tmp = dir.resolve(name + ".vrrpd-tmp");
        Files.write(tmp, bytes);
        own(tmp);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    void delete(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }

    /** Renames the directory aside ({@code <dir>.vrrpd-<UTC time>}) and creates an empty one like it. */
    Path moveAside(Instant now) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path aside = dir.resolveSibling(dir.getFileName() + ".vrrpd-"
                + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now));
        Files.move(dir, aside);
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        PosixFileAttributeView v = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        v.setOwner(a.owner());
        v.setGroup(a.group());
        return aside;
    }

    private void own(Path p) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class);
        PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        v.setPermissions(PosixFilePermissions.fromString("rw-------"));
        v.setOwner(a.owner());
        v.setGroup(a.group());
    }
}
