package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassTest {
    @TempDir
    Path tmp;

    Endpoint at(String host, String user, Path file) {
        return new Endpoint(host, 5432, user, "postgres", file);
    }

    @Test
    void firstMatchingLineWinsWithWildcardsAndEscapes() throws IOException {
        Path f = tmp.resolve("pgpass");
        Files.writeString(f, "# comment\n192.0.2.11:5432:*:replicator:s3cr\\:et\n*:*:*:postgres:fallback\n"
                + "192.0.2.11:5432:*:postgres:never-reached\n");
        assertEquals(Optional.of("s3cr:et"), PgPass.lookup(at("192.0.2.11", "replicator", f)));
        assertEquals(Optional.of("fallback"), PgPass.lookup(at("192.0.2.11", "postgres", f)));
        assertEquals(Optional.empty(), PgPass.lookup(at("192.0.2.11", "nobody", f)));
        assertEquals(Optional.empty(), PgPass.lookup(at("192.0.2.11", "postgres", null)));
    }

    @Test
    void aBrokenLineIsNamedByNumberNeverShown() throws IOException {
        Path f = tmp.resolve("pgpass");
        Files.writeString(f, "just-a-password\n");
        IOException e = assertThrows(IOException.class, () -> PgPass.lookup(at("h", "u", f)));
        assertTrue(e.getMessage().endsWith("pgpass:1: not a pgpass line (hostname:port:database:username:password)"));
        assertFalse(e.getMessage().contains("just-a-password"));
    }

    @Test
    void knowsWhenLibpqWouldIgnoreTheFile() throws IOException {
        Path f = Files.writeString(tmp.resolve("pgpass"), "*:*:*:*:x\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertFalse(PgPass.tooOpen(f));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(PgPass.tooOpen(f));
    }
}
