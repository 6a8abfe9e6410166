package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import io.vrrpd.net.SyscallException;
import io.vrrpd.net.SystemdNotifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SystemdNotifier} as sd_notify(3) does it: one AF_UNIX datagram per notification to
 * {@code $NOTIFY_SOCKET}, a filesystem path or, with a leading '@', an abstract socket
 * (unix(7)). The JDK has no AF_UNIX datagram sockets, hence JNA. Thread-safe.
 */
public final class UnixSystemdNotifier implements SystemdNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSystemdNotifier.class);
    private static final int SUN_PATH_MAX = 108;

    private final String socketName;
    private final Optional<Duration> watchdog;
    private final AtomicBoolean warned = new AtomicBoolean();

    private UnixSystemdNotifier(String socketName, Optional<Duration> watchdog) {
        this.socketName = socketName;
        this.watchdog = watchdog;
    }

    /**
     * Reads {@code $NOTIFY_SOCKET} and the watchdog variables; a notifier that does nothing when the socket
     * is unset or empty.
     */
    public static SystemdNotifier fromEnvironment() {
        Map<String, String> env = System.getenv();
        return forSocket(env.get("NOTIFY_SOCKET"), watchdogTimeout(env, ProcessHandle.current().pid()));
    }

    /** A notifier for {@code socketName} (path or {@code @abstract}) without watchdog; no-op for null or empty. */
    public static SystemdNotifier forSocket(String socketName) {
        return forSocket(socketName, Optional.empty());
    }

    private static SystemdNotifier forSocket(String socketName, Optional<Duration> watchdog) {
        if (socketName == null || socketName.isEmpty()) {
            return state -> false;
        }
        return new UnixSystemdNotifier(socketName, watchdog);
    }

    /**
     * sd_watchdog_enabled(3): {@code WATCHDOG_USEC} is the timeout in microseconds; when {@code WATCHDOG_PID}
     * is set the watchdog is meant for that process only (a child that inherited the variables must not
     * feed it). Unparsable or non-positive values mean off.
     */
    static Optional<Duration> watchdogTimeout(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        try {
            if (usec == null || (forPid != null && !forPid.isEmpty() && Long.parseLong(forPid.trim()) != pid)) {
                return Optional.empty();
            }
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Duration> watchdogTimeout() {
        return watchdog;
    }

    /**
     * struct sockaddr_un { u16 family; char path[108]; }. For an abstract name the '@' becomes a
     * NUL byte and the length covers exactly the name (no terminator), as systemd expects.
     * Returns the address length to pass to sendto/bind.
     */
    static int sockaddrUn(Memory m, String name) {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        boolean isAbstract = raw.length > 0 && raw[0] == '@';
        if (raw.length >= SUN_PATH_MAX) {
            throw new IllegalArgumentException("AF_UNIX socket name longer than 107 bytes: " + name);
        }
        m.clear();
        m.setShort(0, (short) Syscalls.AF_UNIX);
        m.write(2, raw, 0, raw.length);
        if (isAbstract) {
            m.setByte(2, (byte) 0);
            return 2 + raw.length;
        }
        return 2 + raw.length + 1;
    }

    @Override
    public boolean notify(String state) {
        int fd = -1;
        try {
            Memory addr = new Memory(2 + SUN_PATH_MAX);
            int len = sockaddrUn(addr, socketName);
            fd = Syscalls.socket(Syscalls.AF_UNIX, Syscalls.SOCK_DGRAM | Syscalls.SOCK_CLOEXEC, 0,
                    () -> "socket(AF_UNIX, SOCK_DGRAM)", null);
            byte[] text = state.getBytes(StandardCharsets.UTF_8);
            ByteBuffer msg = ByteBuffer.allocateDirect(text.length).put(text).flip();
            Syscalls.sendto(fd, msg, 0, addr, len, () -> "sendto(NOTIFY_SOCKET " + socketName + ")", null);
            return true;
        } catch (SyscallException | IllegalArgumentException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("systemd notification failed (further failures not logged): {}", e.getMessage());
            }
            return false;
        } finally {
            Syscalls.closeQuietly(fd);
        }
    }
}
