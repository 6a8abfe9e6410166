package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import io.vrrpd.net.InterfaceInfo;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * What both address announcers ({@link PacketArpAnnouncer}, {@link IcmpNeighbourAnnouncer}) do alike:
 * one send-only raw socket, the interface looked up by name on every announcement (so a renamed or
 * re-created interface is handled), the check that it has an Ethernet MAC to announce, and closing both
 * once. The frames and their destinations are each announcer's.
 *
 * <p>Not thread-safe: the announcers call it under their own lock.
 */
final class AnnouncerSocket {
    private static final String CAP = "CAP_NET_RAW";

    /** Sets the socket options an announcer needs on a fresh descriptor. */
    interface Setup {
        void configure(int fd) throws SyscallException;
    }

    private final int fd;
    private final RtnlInterfaceLookup lookup;
    private boolean closed;

    private AnnouncerSocket(int fd, RtnlInterfaceLookup lookup) {
        this.fd = fd;
        this.lookup = lookup;
    }

    /**
     * Opens a close-on-exec raw socket ({@code socketWhat} names the call in errors), lets {@code setup}
     * configure it and opens the interface lookup; on any failure the socket is closed again.
     */
    static AnnouncerSocket open(int domain, int protocol, String socketWhat, Setup setup) throws SyscallException {
        int fd = Syscalls.socket(domain, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC, protocol, () -> socketWhat, CAP);
        try {
            setup.configure(fd);
            return new AnnouncerSocket(fd, RtnlInterfaceLookup.open());
        } catch (SyscallException e) {
            Syscalls.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * {@code ifname} as it is now, with its 6-byte Ethernet MAC; {@code what} names the announcement in
     * errors: ENODEV when there is no such interface, EINVAL when it has no Ethernet MAC (nothing to
     * announce on, e.g. a tunnel).
     */
    InterfaceInfo ethernet(String ifname, String what) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        InterfaceInfo info = lookup.lookup(ifname).orElseThrow(() -> Errno.exception(what, Errno.ENODEV, null));
        if (info.mac().length != 6) {
            throw Errno.exception(what + " [no Ethernet MAC]", Errno.EINVAL, null);
        }
        return info;
    }

    /** sendto(2) of {@code frame[position, limit)} to {@code to}; the error names {@code what}. */
    void send(ByteBuffer frame, Memory to, int toLength, String what) throws SyscallException {
        Syscalls.sendto(fd, frame, 0, to, toLength, () -> what, CAP);
    }

    void close() {
        if (!closed) {
            closed = true;
            Syscalls.closeQuietly(fd);
            lookup.close();
        }
    }
}
