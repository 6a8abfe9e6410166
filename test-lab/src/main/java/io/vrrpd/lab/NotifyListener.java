package io.vrrpd.lab;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Stands in for systemd's notification socket: an AF_UNIX datagram socket bound at a path, which a test
 * passes to vrrpd as {@code NOTIFY_SOCKET}, recording every datagram with the time it arrived
 * (sd_notify(3)). The JDK has no AF_UNIX datagram sockets, so this calls libc through JNA.
 */
public final class NotifyListener implements AutoCloseable {

    /** One notification: the {@code KEY=VALUE} lines of a datagram and when it arrived. */
    public record Message(long nanos, String text) {
        /** @return the value of {@code key} in this datagram, or null */
        public String value(String key) {
            for (String line : text.split("\n")) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1);
                }
            }
            return null;
        }
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol);

        int bind(int fd, byte[] addr, int len);

        long recv(int fd, byte[] buf, long len, int flags);

        int close(int fd);
    }

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;

    private final Path path;
    private final int fd;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean open = true;

    private NotifyListener(Path path, int fd) {
        this.path = path;
        this.fd = fd;
        this.reader = new Thread(this::read, "notify-listener");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Binds a datagram socket at {@code path} (at most 107 bytes) and starts recording. */
    public static NotifyListener bind(Path path) {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > 107) {
            throw new LabException("socket path longer than 107 bytes: " + path);
        }
        // struct sockaddr_un: sa_family_t (host order) + NUL-terminated path (unix(7)).
        byte[] addr = new byte[2 + name.length + 1];
        addr[0] = (byte) AF_UNIX;
        System.arraycopy(name, 0, addr, 2, name.length);
        int fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new LabException("socket(AF_UNIX, SOCK_DGRAM) failed: errno " + Native.getLastError());
        }
        if (LibC.INSTANCE.bind(fd, addr, addr.length) != 0) {
            int errno = Native.getLastError();
            LibC.INSTANCE.close(fd);
            throw new LabException("bind(" + path + ") failed: errno " + errno);
        }
        return new NotifyListener(path, fd);
    }

    private void read() {
        byte[] buf = new byte[4096];
        while (open) {
            long n = LibC.INSTANCE.recv(fd, buf, buf.length, MSG_DONTWAIT);
            if (n > 0) {
                messages.add(new Message(System.nanoTime(), new String(buf, 0, (int) n, StandardCharsets.UTF_8)));
            } else {
                Lab.sleep(Duration.ofMillis(5));
            }
        }
    }

    /** @return the socket's path, for {@code NOTIFY_SOCKET} */
    public Path path() {
        return path;
    }

    /** @return every message so far, in arrival order */
    public List<Message> messages() {
        return new ArrayList<>(messages);
    }

    /** @return the messages so far that have {@code KEY=...} */
    public List<Message> with(String key) {
        return messages().stream().filter(m -> m.value(key) != null).toList();
    }

    /**
     * Waits for the first message at or after index {@code from} that matches.
     *
     * @return its index in {@link #messages()}
     * @throws LabException after the timeout, listing what arrived
     */
    public int await(int from, Predicate<Message> match, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Message> all = messages();
            for (int i = from; i < all.size(); i++) {
                if (match.test(all.get(i))) {
                    return i;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new LabException("no " + what + " within " + timeout + "; received since #" + from + ": "
                        + all.subList(Math.min(from, all.size()), all.size()).stream().map(Message::text).toList());
            }
            Lab.sleep(Duration.ofMillis(20));
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LibC.INSTANCE.close(fd);
        try {
            Files.deleteIfExists(path);
        } catch (java.io.IOException e) {
            // the lab directory goes away with the lab
        }
    }
}
