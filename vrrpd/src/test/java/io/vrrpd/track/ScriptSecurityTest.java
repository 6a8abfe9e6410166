package io.vrrpd.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's check_security rule: every path component root-owned and not writable by others. */
class ScriptSecurityTest {
    @TempDir
    Path dir;

    @Test
    void aSystemBinaryIsSecure() {
        assertEquals(Optional.empty(), ScriptSecurity.problem("/usr/bin/test"));
        assertEquals(Optional.empty(), ScriptSecurity.problem("test"), "found through PATH");
    }

    @Test
    void aWorldWritableScriptIsRefused() throws Exception {
        Path script = Files.createFile(dir.resolve("check.sh"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxrwx"));
        Optional<String> p = ScriptSecurity.problem(script.toString());
        assertTrue(p.isPresent());
        // as root: the file is root-owned, so the write bit is what is reported; otherwise its owner
        assertTrue(p.get().contains("writable by everyone") || p.get().contains("not root"), p.get());
    }

    @Test
    void aScriptInAWorldWritableDirectoryWithoutStickyBitIsRefused() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root-owned files");
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path script = Files.createFile(open.resolve("check.sh"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Optional<String> p = ScriptSecurity.problem(script.toString());
        assertEquals(Optional.of(open + " is writable by everyone"), p);
    }

    @Test
    void aMissingScriptIsReported() {
        assertTrue(ScriptSecurity.problem("/nonexistent/vrrpd-check").isPresent());
        assertTrue(ScriptSecurity.problem("no-such-program-anywhere").isPresent());
    }
}
