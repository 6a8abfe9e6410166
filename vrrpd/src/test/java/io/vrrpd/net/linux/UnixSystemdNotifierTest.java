package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import io.vrrpd.net.SystemdNotifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs no root: AF_UNIX datagram sockets are unprivileged. */
class UnixSystemdNotifierTest {

    /** A test stand-in for systemd: a bound AF_UNIX datagram socket. */
    private static int listen(String name) throws Exception {
        int fd = Syscalls.socket(Syscalls.AF_UNIX, Syscalls.SOCK_DGRAM | Syscalls.SOCK_CLOEXEC, 0, () -> "socket", null);
        Memory addr = new Memory(110);
        int len = UnixSystemdNotifier.sockaddrUn(addr, name);
        Syscalls.bind(fd, addr, len, () -> "bind(" + name + ")", null);
        return fd;
    }

    private static String receive(int fd) throws Exception {
        ByteBuffer b = ByteBuffer.allocateDirect(256);
        int n = Syscalls.recv(fd, b, Syscalls.MSG_DONTWAIT, () -> "recv");
        if (n < 0) {
            return null;
        }
        byte[] out = new byte[n];
        b.get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void readyWithStatusReachesAPathSocket(@TempDir Path dir) throws Exception {
        String path = dir.resolve("notify").toString();
        int fd = listen(path);
        try {
            assertTrue(UnixSystemdNotifier.forSocket(path).ready("2 instances"));
            assertEquals("READY=1\nSTATUS=2 instances", receive(fd));
        } finally {
            Syscalls.closeQuietly(fd);
            Files.deleteIfExists(Path.of(path));
        }
    }

    @Test
    void stoppingReachesAnAbstractSocket() throws Exception {
        String name = "@vrrpd-test-" + ProcessHandle.current().pid();
        int fd = listen(name);
        try {
            SystemdNotifier n = UnixSystemdNotifier.forSocket(name);
            assertTrue(n.stopping());
            assertEquals("STOPPING=1", receive(fd));
            assertTrue(n.status("BACKUP\nVI_1"));
            assertEquals("STATUS=BACKUP VI_1", receive(fd));
        } finally {
            Syscalls.closeQuietly(fd);
        }
    }

    @Test
    void unsetSocketIsANoOp() {
        assertFalse(UnixSystemdNotifier.forSocket(null).ready(null));
        assertFalse(UnixSystemdNotifier.forSocket("").reloading());
    }

    @Test
    void missingSocketReportsFailureInsteadOfThrowing(@TempDir Path dir) {
        assertFalse(UnixSystemdNotifier.forSocket(dir.resolve("absent").toString()).ready(null));
    }

    @Test
    void watchdogTimeoutFollowsSdWatchdogEnabled() {
        assertEquals(Optional.of(Duration.ofSeconds(10)),
                UnixSystemdNotifier.watchdogTimeout(Map.of("WATCHDOG_USEC", "10000000"), 42));
        assertEquals(Optional.of(Duration.ofMillis(500)),
                UnixSystemdNotifier.watchdogTimeout(Map.of("WATCHDOG_USEC", "500000", "WATCHDOG_PID", "42"), 42));
        assertEquals(Optional.empty(), UnixSystemdNotifier.watchdogTimeout(Map.of(), 42));
        assertEquals(Optional.empty(),
                UnixSystemdNotifier.watchdogTimeout(Map.of("WATCHDOG_USEC", "500000", "WATCHDOG_PID", "7"), 42),
                "meant for another process");
        assertEquals(Optional.empty(), UnixSystemdNotifier.watchdogTimeout(Map.of("WATCHDOG_USEC", "0"), 42));
        assertEquals(Optional.empty(), UnixSystemdNotifier.watchdogTimeout(Map.of("WATCHDOG_USEC", "x"), 42));
    }
}
