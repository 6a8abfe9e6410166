package io.vrrpd.hooks.nfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The record that a release could not complete (a volume still mounted, a server that would not stop):
 * while it exists this node must not serve again, since the storage may be in use on both sides. Kept in
 * vrrpd's state directory so a restart of vrrpd does not forget it; removed by a successful
 * {@code release} action or by an admin's {@code clear}.
 */
final class ReleaseBlock {
    private final Path file;

    ReleaseBlock(Path file) {
        this.file = file;
    }

    synchronized Optional<String> reason() {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    synchronized void set(String reason) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, reason + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot record the incomplete release in " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized void clear() throws IOException {
        Files.deleteIfExists(file);
    }

    Path file() {
        return file;
    }
}
