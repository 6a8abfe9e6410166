package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.util.function.Consumer;

/**
 * A NETLINK_ROUTE socket: request/acknowledge exchanges, or a subscription to multicast groups.
 *
 * <p>Non-blocking with poll(2), so a lost reply times out instead of hanging and a subscriber
 * can be woken through an eventfd (a thread blocked in recv(2) would ignore interrupts). The
 * socket lives in the network namespace of the thread that opened it.
 */
final class NetlinkSocket implements AutoCloseable {
    private static final int NETLINK_ROUTE = 0;
    private static final int REPLY_TIMEOUT_MILLIS = 5_000;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final int fd;
    private final int wakeFd;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder());
    private final ByteBuffer rx = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.nativeOrder());
    private final Memory pollFds = new Memory(16);
    /** Where the wake-up eventfd's counter is read into, reused. */
    private final Memory wakeCount = new Memory(8);
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
    private volatile boolean closed;
    private boolean released;

    private NetlinkSocket(int fd, int wakeFd) {
        this.fd = fd;
        this.wakeFd = wakeFd;
    }

    /** Opens a socket subscribed to {@code groups} (RTMGRP_* bits; 0 for requests only). */
    static NetlinkSocket open(int groups) throws SyscallException {
        int fd = Syscalls.socket(Syscalls.AF_NETLINK, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC | Syscalls.SOCK_NONBLOCK,
                NETLINK_ROUTE, () -> "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)", null);
        int wake = -1;
        try {
            // struct sockaddr_nl { u16 family; u16 pad; u32 pid; u32 groups; }: pid 0 lets the kernel pick.
            Memory sa = new Memory(12);
            sa.clear();
            sa.setShort(0, (short) Syscalls.AF_NETLINK);
            sa.setInt(8, groups);
            Syscalls.bind(fd, sa, 12, () -> "bind(AF_NETLINK, groups 0x" + Integer.toHexString(groups) + ")", null);
            if (groups == 0) {
                // Extended ACKs: the kernel explains EINVAL and friends in words (netlink(7)).
                Syscalls.setsockoptInt(fd, Syscalls.SOL_NETLINK, Syscalls.NETLINK_EXT_ACK, 1,
                        () -> "setsockopt(NETLINK_EXT_ACK, 1)", null);
            } else {
                // Bursts of link events (a bond flapping) must not overrun the default buffer.
                Syscalls.setsockoptInt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF, 1 << 20,
                        () -> "setsockopt(SO_RCVBUF, 1 MiB)", null);
            }
            wake = Syscalls.eventfd();
            return new NetlinkSocket(fd, wake);
        } catch (SyscallException e) {
            Syscalls.closeQuietly(fd);
            Syscalls.closeQuietly(wake);
            throw e;
        }
    }

    /** The buffer to encode a request into (native order); valid until the next call. */
    ByteBuffer requestBuffer() {
        return tx;
    }

    /** The next sequence number to put in a request. */
    synchronized int nextSeq() {
        return ++seq;
    }

    /**
     * Sends {@code request} (flipped, with sequence {@code seqNo}) and reads replies until the
     * kernel's final word: the NLMSG_ERROR answering an ACK request, or NLMSG_DONE ending a
     * dump. Data messages go to {@code onReply}. Returns the kernel's errno (0 = success) and,
     * with extended ACKs, its explanation.
     */
    synchronized RtnlCodec.Ack exchange(ByteBuffer request, int seqNo, Consumer<RtnlCodec.Message> onReply, String what)
            throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        Syscalls.sendto(fd, request, 0, null, 0, () -> "sendto(netlink, " + what + ")", "CAP_NET_ADMIN");
        long deadline = System.nanoTime() + REPLY_TIMEOUT_MILLIS * 1_000_000L;
        boolean dump = (request.getShort(request.position() + 6) & RtnlCodec.NLM_F_DUMP) == RtnlCodec.NLM_F_DUMP;
        while (true) {
            int n = receiveInto(deadline);
            if (n < 0) {
                throw new InterruptedIOException("netlink " + what + ": no reply within " + REPLY_TIMEOUT_MILLIS + " ms");
            }
            RtnlCodec.Message m;
            while ((m = RtnlCodec.next(rx)) != null) {
                if (m.seq() != seqNo) {
                    continue; // a late reply to an earlier, timed-out request
                }
                if (m.type() == RtnlCodec.NLMSG_ERROR) {
                    return RtnlCodec.ackOf(m);
                }
                if (m.type() == RtnlCodec.NLMSG_DONE) {
                    return RtnlCodec.Ack.OK;
                }
                onReply.accept(m);
                if (!dump && (m.flags() & RtnlCodec.NLM_F_MULTI) == 0 && !expectsAck(request)) {
                    return RtnlCodec.Ack.OK;
                }
            }
        }
    }

    private static boolean expectsAck(ByteBuffer request) {
        return (request.getShort(request.position() + 6) & RtnlCodec.NLM_F_ACK) != 0;
    }

    /** Waits until the deadline for a datagram into {@link #rx} (flipped); -1 on timeout. */
    private int receiveInto(long deadlineNanos) throws SyscallException {
        while (true) {
            rx.clear();
            int n = Syscalls.recv(fd, rx, 0, () -> "recv(netlink)");
            if (n >= 0) {
                rx.limit(n);
                return n;
            }
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return -1;
            }
            pollOne(fd, (int) left);
        }
    }

    private void pollOne(int which, int timeoutMillis) throws SyscallException {
        Syscalls.pollIn(pollFds, which, -1, timeoutMillis);
    }

    /**
     * For subscribers: waits up to {@code timeoutMillis} (negative: forever) for notifications
     * and hands each message to {@code onMessage}. Returns false on timeout or {@link #wakeup}.
     * ENOBUFS (the kernel dropped notifications) is reported as an NLMSG_OVERRUN message.
     */
    boolean receiveNotifications(int timeoutMillis, Consumer<RtnlCodec.Message> onMessage) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        Syscalls.pollIn(pollFds, fd, wakeFd, timeoutMillis);
        if (Syscalls.drain(wakeFd, wakeCount) || closed) {
            return false;
        }
        boolean any = false;
        while (true) {
            rx.clear();
            int n;
            try {
                n = Syscalls.recv(fd, rx, 0, () -> "recv(netlink notifications)");
            } catch (SyscallException e) {
                if (e.errno() != Errno.ENOBUFS) {
                    throw e;
                }
                onMessage.accept(new RtnlCodec.Message(RtnlCodec.NLMSG_OVERRUN, 0, 0, ByteBuffer.allocate(0)));
                any = true;
                continue;
            }
            if (n < 0) {
                return any;
            }
            rx.limit(n);
            any = true;
            RtnlCodec.Message m;
            while ((m = RtnlCodec.next(rx)) != null) {
                onMessage.accept(m);
            }
        }
    }

    /** Makes a blocked {@link #receiveNotifications} return. */
    void wakeup() {
        Syscalls.signal(wakeFd);
    }

    /** Marks closed and releases the descriptors; the caller ensures no thread is inside. */
    @Override
    public synchronized void close() {
        closed = true;
        if (!released) {
            released = true;
            Syscalls.closeQuietly(fd);
            Syscalls.closeQuietly(wakeFd);
        }
    }

    /** Marks closed and wakes a subscriber without releasing descriptors yet. */
    void shutdownInput() {
        closed = true;
        wakeup();
    }
}
