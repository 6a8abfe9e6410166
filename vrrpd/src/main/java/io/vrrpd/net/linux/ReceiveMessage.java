package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.vrrpd.net.SyscallException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * One reusable recvmsg(2) set-up (struct msghdr, iovec, sockaddr and control buffers) and the ancillary
 * data it brings back: the kernel's receive time (SO_TIMESTAMPNS, socket(7)) and, for IPv6, the hop limit
 * and destination (IPV6_HOPLIMIT, IPV6_PKTINFO, ipv6(7)). Not thread-safe: one per receiving thread.
 *
 * <p>The receive time is what makes sub-second VRRPv3 timing hold on a busy host: the master-down timer
 * counts from when the advert reached the host, not from when a descheduled receiver thread got to it.
 * The kernel stamps CLOCK_REALTIME; {@link #ageNanos()} turns it into an age (now - stamp, both
 * realtime, read right after the call), which callers subtract from their monotonic clock.
 *
 * <p>Layouts (x86_64, aarch64): msghdr {void *name; u32 namelen; (pad); iovec *iov; size_t iovlen;
 * void *control; size_t controllen; int flags}, 56 bytes; cmsghdr {size_t len; int level; int type} then
 * the data, 8-byte aligned; timespec {long sec; long nsec}.
 */
final class ReceiveMessage {
    static final int SO_TIMESTAMPNS = 35;
    private static final int CMSG_HEADER = 16;
    private static final int CONTROL_LENGTH = 192;
    /** An age above this means a clock step between stamp and read: ignore the stamp. */
    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final Memory msghdr = new Memory(56);
    private final Memory iovec = new Memory(16);
    private final Memory name = new Memory(Ipv6Sockets.SOCKADDR_IN6_LENGTH);
    private final Memory control = new Memory(CONTROL_LENGTH);
    private final byte[] destination = new byte[16];
    private int hopLimit;
    private long ageNanos;

    /** Turns on SO_TIMESTAMPNS for {@code fd}. */
    static void enableTimestamps(int fd, String capability) throws SyscallException {
        Syscalls.setsockoptInt(fd, Syscalls.SOL_SOCKET, SO_TIMESTAMPNS, 1, () -> "setsockopt(SO_TIMESTAMPNS, 1)",
                capability);
    }

    /**
     * Receives into {@code buf[offset, offset+length)} (a direct buffer); returns the length, or -1 when
     * nothing is queued (non-blocking socket).
     */
    int receive(int fd, ByteBuffer buf, int offset, int length, String what) throws SyscallException {
        Pointer p = Native.getDirectBufferPointer(buf).share(offset);
        iovec.setPointer(0, p);
        iovec.setLong(8, length);
        msghdr.clear();
        msghdr.setPointer(0, name);
        msghdr.setInt(8, Ipv6Sockets.SOCKADDR_IN6_LENGTH);
        msghdr.setPointer(16, iovec);
        msghdr.setLong(24, 1);
        msghdr.setPointer(32, control);
        msghdr.setLong(40, CONTROL_LENGTH);
        int n = Syscalls.recvmsg(fd, msghdr, 0, () -> what);
        if (n >= 0) {
            parse(msghdr.getLong(40));
        }
        return n;
    }

    private void parse(long length) {
        java.util.Arrays.fill(destination, (byte) 0);
        hopLimit = -1;
        ageNanos = 0;
        long at = 0;
        while (at + CMSG_HEADER <= length) {
            long len = control.getLong(at);
            if (len < CMSG_HEADER || at + len > length) {
                break;
            }
            int level = control.getInt(at + 8);
            int type = control.getInt(at + 12);
            if (level == Syscalls.IPPROTO_IPV6 && type == Syscalls.IPV6_HOPLIMIT && len >= CMSG_HEADER + 4) {
                hopLimit = control.getInt(at + CMSG_HEADER);
            } else if (level == Syscalls.IPPROTO_IPV6 && type == Syscalls.IPV6_PKTINFO && len >= CMSG_HEADER + 20) {
                control.read(at + CMSG_HEADER, destination, 0, 16);
            } else if (level == Syscalls.SOL_SOCKET && type == SO_TIMESTAMPNS && len >= CMSG_HEADER + 16) {
                long stamp = control.getLong(at + CMSG_HEADER) * 1_000_000_000L + control.getLong(at + CMSG_HEADER + 8);
                Instant now = Instant.now();
                long age = now.getEpochSecond() * 1_000_000_000L + now.getNano() - stamp;
                ageNanos = age > 0 && age < MAX_AGE_NANOS ? age : 0;
            }
            at += (len + 7) & ~7L;
        }
    }

    /** The sockaddr the datagram came from (sockaddr_in or sockaddr_in6). */
    Memory source() {
        return name;
    }

    /** IPV6_HOPLIMIT of the last datagram, -1 when absent. */
    int hopLimit() {
        return hopLimit;
    }

    /** IPV6_PKTINFO's destination of the last datagram (zeros when absent); the array is reused. */
    byte[] destination() {
        return destination;
    }

    /** How long the kernel had held the last datagram when recvmsg returned it; 0 when unknown. */
    long ageNanos() {
        return ageNanos;
    }
}
