package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The part of a raw VRRP socket (protocol 112) that does not depend on the address family: the
 * non-blocking descriptor and an eventfd, the poll(2) receive loop that {@link #wakeup} and
 * {@link #close} break at once (a thread blocked in recv(2) would not wake on interrupt), recvmsg(2)
 * through one {@link ReceiveMessage}, the allocation-free send to fixed {@link Destinations}, and the
 * lock that keeps close(2) from pulling a descriptor out from under a send or a receive.
 *
 * <p>The families differ in socket options and in what a datagram looks like when it arrives: the
 * IPv4 header is part of it (raw(7)), IPv6 brings none and the channel rebuilds one from ancillary data
 * (ipv6(7)). So each channel configures the socket in {@link #open} and takes datagrams in with its
 * own {@link Reader}.
 */
final class PolledSocket {
    static final int IPPROTO_VRRP = 112;
    /** DSCP CS6 (network control), as keepalived marks adverts: IP_TOS for IPv4, IPV6_TCLASS for IPv6. */
    static final int TOS_CS6 = 0xC0;
    static final int MAX_DATAGRAM = 65_535;
    private static final String CAP = "CAP_NET_RAW";

    /** Takes one queued datagram into {@code dst}, through {@link #recvmsg}; -1 when none is queued. */
    interface Reader {
        int read(ByteBuffer dst) throws SyscallException;
    }

    /** Sets the family's socket options on a fresh descriptor. */
    interface Setup {
        void configure(int fd) throws IOException;
    }

    /**
     * Where adverts go, as sockaddrs built once, and the error text of each sendto, also made once: a
     * lambda made on first use is bootstrapped then, and the first use is the first advert of a
     * takeover (milliseconds on a loaded host).
     */
    static final class Destinations {
        private final Memory[] sockaddrs;
        private final int sockaddrLength;
        private final Supplier<String>[] sendWhat;

        /** {@code targets} as addresses in network order, each made a sockaddr and named by {@code text}. */
        Destinations(List<byte[]> targets, Function<byte[], Memory> sockaddr, int sockaddrLength,
                Function<byte[], String> text, String ifname) {
            this.sockaddrs = new Memory[targets.size()];
            this.sockaddrLength = sockaddrLength;
            @SuppressWarnings("unchecked")
            Supplier<String>[] what = new Supplier[targets.size()];
            this.sendWhat = what;
            for (int i = 0; i < targets.size(); i++) {
                sockaddrs[i] = sockaddr.apply(targets.get(i));
                String target = text.apply(targets.get(i));
                sendWhat[i] = () -> "sendto(" + target + ", " + ifname + ")";
            }
        }
    }

    private final int fd;
    private final int wakeFd;
    private final Destinations destinations;
    /** The error text of recvmsg, made once rather than per datagram. */
    private final String receiveWhat;
    private final Memory pollFds = new Memory(16);
    /** Where the wake-up eventfd's counter is read into, reused. */
    private final Memory wakeCount = new Memory(8);
    private final ReceiveMessage message = new ReceiveMessage();
    private final ByteBuffer txScratch = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final Pointer txPointer = Native.getDirectBufferPointer(txScratch);
    /**
     * Readers (send, receive, wakeup) against close(). A StampedLock: ReentrantReadWriteLock's hold counting
     * allocated a ThreadLocal entry on every send while the receiver held its read lock (issue 10).
     */
    private final StampedLock lifecycle = new StampedLock();
    private volatile boolean closed;

    private PolledSocket(int fd, int wakeFd, Destinations destinations, String receiveWhat) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.destinations = destinations;
        this.receiveWhat = receiveWhat;
    }

    /**
     * Opens a non-blocking, close-on-exec raw socket for protocol 112 in {@code domain} (named
     * {@code domainName} in errors), lets {@code setup} configure it and adds the wake-up eventfd;
     * on any failure both descriptors are closed again.
     */
    static PolledSocket open(int domain, String domainName, Destinations destinations, String receiveWhat,
            Setup setup) throws IOException {
        int fd = Syscalls.socket(domain, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC | Syscalls.SOCK_NONBLOCK,
                IPPROTO_VRRP, () -> "socket(" + domainName + ", SOCK_RAW, " + IPPROTO_VRRP + ")", CAP);
        int wake = -1;
        try {
            setup.configure(fd);
            wake = Syscalls.eventfd();
            return new PolledSocket(fd, wake, destinations, receiveWhat);
        } catch (IOException | RuntimeException e) {
            Syscalls.closeQuietly(fd);
            Syscalls.closeQuietly(wake);
            throw e;
        }
    }

    /** Sends {@code payload[position, limit)} to every destination in turn; the buffer is not moved. */
    void send(ByteBuffer payload) throws IOException {
        long stamp = lifecycle.readLock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            // Copied into the socket's own direct buffer, whose native address is known once: handing JNA
            // the caller's buffer would make a Pointer (two) per advert (issue 10). A few dozen bytes.
            synchronized (txScratch) {
                int length = payload.remaining();
                txScratch.clear();
                txScratch.put(0, payload, payload.position(), length);
                Memory[] to = destinations.sockaddrs;
                for (int i = 0; i < to.length; i++) {
                    Syscalls.sendto(fd, txPointer, length, 0, to[i], destinations.sockaddrLength,
                            destinations.sendWhat[i], CAP);
                }
            }
        } finally {
            lifecycle.unlockRead(stamp);
        }
    }

    /**
     * Reads one datagram into {@code dst} with {@code reader}, polling while none is queued: returns its
     * length, or 0 when {@code timeoutMillis} (negative: none) ran out, {@link #wakeup} was called or the
     * socket was closed meanwhile.
     *
     * @throws ClosedChannelException when the socket was closed before the call
     */
    int receive(ByteBuffer dst, long timeoutMillis, Reader reader) throws IOException {
        long stamp = lifecycle.readLock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                int n = reader.read(dst);
                if (n >= 0) {
                    return n;
                }
                long left = timeoutMillis < 0 ? -1 : (deadline - System.nanoTime()) / 1_000_000L;
                if (timeoutMillis >= 0 && left <= 0) {
                    return 0;
                }
                Syscalls.pollIn(pollFds, fd, wakeFd, (int) Math.min(Integer.MAX_VALUE, left));
                if (Syscalls.drain(wakeFd, wakeCount) || closed) {
                    return 0;
                }
            }
        } finally {
            lifecycle.unlockRead(stamp);
        }
    }

    /**
     * One recvmsg(2) into {@code buf[offset, offset+length)} (a direct buffer); -1 when nothing is queued.
     * Only for a {@link Reader} inside {@link #receive}, which holds the descriptor open meanwhile.
     */
    int recvmsg(ByteBuffer buf, int offset, int length) throws SyscallException {
        return message.receive(fd, buf, offset, length, receiveWhat);
    }

    /** The ancillary data and source of the datagram {@link #recvmsg} took last. */
    ReceiveMessage message() {
        return message;
    }

    /** Makes a {@link #receive} in progress, or the next one, return 0 at once. */
    void wakeup() {
        // tryLock barges past a waiting closer; failing means close() owns the descriptors.
        long stamp = lifecycle.tryReadLock();
        if (stamp != 0) {
            try {
                if (!closed) {
                    Syscalls.signal(wakeFd);
                }
            } finally {
                lifecycle.unlockRead(stamp);
            }
        }
    }

    /** Wakes a receiver, waits for sends and receives in progress to leave, then closes both descriptors. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Syscalls.signal(wakeFd);
        long stamp = lifecycle.writeLock();
        try {
            Syscalls.closeQuietly(fd);
            Syscalls.closeQuietly(wakeFd);
        } finally {
            lifecycle.unlockWrite(stamp);
        }
    }
}
