package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.vrrpd.net.AdvertChannel;
import io.vrrpd.net.InterfaceInfo;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.locks.StampedLock;

/**
 * {@link AdvertChannel} on a raw IPv4 socket for protocol 112 (RFC 3768 §5.2.4), bound to one
 * interface.
 *
 * <p>Socket options, and why: SO_BINDTODEVICE so only this interface's adverts arrive;
 * IP_ADD_MEMBERSHIP 224.0.0.18 on this ifindex (§5.2.2); IP_MULTICAST_IF so adverts leave here;
 * TTL 255 for multicast and unicast (§5.2.3, receivers drop anything else); TOS 0xC0, DSCP CS6
 * for network control as keepalived sends; IP_MULTICAST_LOOP 0 so we never read our own
 * adverts; IP_MULTICAST_ALL 0 so a socket joined here does not also get groups joined by other
 * sockets (ip(7)); SO_TIMESTAMPNS for each datagram's arrival time ({@link ReceiveMessage}). Non-blocking with poll(2) and an eventfd so {@link #wakeup}/{@link #close}
 * stop a receiver at once.
 *
 * <p>Bound to the network namespace of the thread that called {@link #open}.
 */
public final class RawAdvertChannel implements AdvertChannel {
    static final int IPPROTO_VRRP = 112;
    static final int TOS_CS6 = 0xC0;
    private static final String CAP = "CAP_NET_RAW";
    private static final byte[] GROUP = {(byte) 224, 0, 0, 18};
    private static final int MAX_DATAGRAM = 65_535;

    private final int fd;
    private final int wakeFd;
    private final int ifindex;
    private final String ifname;
    private final Inet4Address source;
    private final Memory[] destinations;
    private final String[] destinationText;
    /**
     * The error texts of sendto, made once here: a lambda made on first use is bootstrapped then, and
     * the first use is the first advert of a takeover (milliseconds on a loaded host).
     */
    private final java.util.function.Supplier<String>[] sendWhat;
    private final Memory pollFds = new Memory(16);
    private final ReceiveMessage message = new ReceiveMessage();
    private final ByteBuffer txScratch = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final Pointer txPointer = Native.getDirectBufferPointer(txScratch);
    /** The error text of recvmsg, made once rather than per datagram. */
    private final String receiveWhat;
    private final ByteBuffer rxScratch = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    /**
     * Readers (send, receive, wakeup) against close(). A StampedLock: ReentrantReadWriteLock's hold counting
     * allocated a ThreadLocal entry on every send while the receiver held its read lock (issue 10).
     */
    private final StampedLock lifecycle = new StampedLock();
    private volatile boolean closed;

    private RawAdvertChannel(int fd, int wakeFd, int ifindex, String ifname, Inet4Address source,
            List<Inet4Address> peers) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.ifindex = ifindex;
        this.ifname = ifname;
        this.receiveWhat = "recvmsg(VRRP socket, " + ifname + ")";
        this.source = source;
        List<byte[]> targets = peers.isEmpty() ? List.of(GROUP) : peers.stream().map(InetAddress::getAddress).toList();
        this.destinations = new Memory[targets.size()];
        this.destinationText = new String[targets.size()];
        @SuppressWarnings("unchecked")
        java.util.function.Supplier<String>[] what = new java.util.function.Supplier[targets.size()];
        this.sendWhat = what;
        for (int i = 0; i < targets.size(); i++) {
            destinations[i] = sockaddrIn(targets.get(i));
            destinationText[i] = text(targets.get(i));
            String target = destinationText[i];
            sendWhat[i] = () -> "sendto(" + target + ", " + ifname + ")";
        }
    }

    /** Multicast channel on {@code ifname}: adverts go to 224.0.0.18 from the primary address. */
    public static RawAdvertChannel open(String ifname) throws IOException {
        return open(ifname, null, List.of());
    }

    /**
     * Channel on {@code ifname}. With {@code unicastPeers} non-empty, adverts go to each peer in
     * turn instead of the group and no group is joined (keepalived's unicast_peer); with
     * {@code unicastSource} non-null the socket is bound to it (unicast_src_ip), otherwise the
     * interface's primary IPv4 address is the source.
     *
     * @throws SyscallException ENODEV if the interface does not exist, EADDRNOTAVAIL if it has
     *     no IPv4 address, EPERM without CAP_NET_RAW
     */
    public static RawAdvertChannel open(String ifname, Inet4Address unicastSource, List<Inet4Address> unicastPeers)
            throws IOException {
        List<Inet4Address> peers = List.copyOf(unicastPeers);
        InterfaceInfo info;
        try (RtnlInterfaceLookup lookup = RtnlInterfaceLookup.open()) {
            info = lookup.lookup(ifname).orElseThrow(
                    () -> Errno.exception("open VRRP socket on " + ifname, Errno.ENODEV, null));
        }
        Inet4Address src = unicastSource != null ? unicastSource : info.primaryIpv4().orElseThrow(
                () -> Errno.exception("open VRRP socket on " + ifname + " (no IPv4 address)", Errno.EADDRNOTAVAIL, null));
        int fd = Syscalls.socket(Syscalls.AF_INET, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC | Syscalls.SOCK_NONBLOCK,
                IPPROTO_VRRP, () -> "socket(AF_INET, SOCK_RAW, 112)", CAP);
        int wake = -1;
        try {
            configure(fd, ifname, info.ifindex(), src, unicastSource != null, peers.isEmpty());
            wake = Syscalls.eventfd();
            return new RawAdvertChannel(fd, wake, info.ifindex(), ifname, src, peers);
        } catch (IOException | RuntimeException e) {
            Syscalls.closeQuietly(fd);
            Syscalls.closeQuietly(wake);
            throw e;
        }
    }

    private static void configure(int fd, String ifname, int ifindex, Inet4Address src, boolean bindSource,
            boolean multicast) throws SyscallException {
        Memory dev = new Memory(ifname.length() + 1L);
        dev.setString(0, ifname, "US-ASCII");
        Syscalls.setsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_BINDTODEVICE, dev, (int) dev.size(),
                () -> "setsockopt(SO_BINDTODEVICE, " + ifname + ")", CAP);
        if (bindSource) {
            Syscalls.bind(fd, sockaddrIn(src.getAddress()), 16, () -> "bind(" + src.getHostAddress() + ", " + ifname + ")",
                    CAP);
        }
        Syscalls.setsockoptInt(fd, Syscalls.IPPROTO_IP, Syscalls.IP_TTL, 255, () -> "setsockopt(IP_TTL, 255)", CAP);
        Syscalls.setsockoptInt(fd, Syscalls.IPPROTO_IP, Syscalls.IP_TOS, TOS_CS6, () -> "setsockopt(IP_TOS, 0xc0)", CAP);
        Syscalls.setsockoptInt(fd, Syscalls.IPPROTO_IP, Syscalls.IP_MULTICAST_ALL, 0,
                () -> "setsockopt(IP_MULTICAST_ALL, 0)", CAP);
        ReceiveMessage.enableTimestamps(fd, CAP);
        if (!multicast) {
            return;
        }
        Memory mreqn = ipMreqn(GROUP, ifindex);
        Syscalls.setsockopt(fd, Syscalls.IPPROTO_IP, Syscalls.IP_ADD_MEMBERSHIP, mreqn, 12,
                () -> "setsockopt(IP_ADD_MEMBERSHIP, 224.0.0.18, " + ifname + ")", CAP);
        Syscalls.setsockopt(fd, Syscalls.IPPROTO_IP, Syscalls.IP_MULTICAST_IF, ipMreqn(new byte[4], ifindex), 12,
                () -> "setsockopt(IP_MULTICAST_IF, " + ifname + ")", CAP);
        Syscalls.setsockoptInt(fd, Syscalls.IPPROTO_IP, Syscalls.IP_MULTICAST_TTL, 255,
                () -> "setsockopt(IP_MULTICAST_TTL, 255)", CAP);
        Syscalls.setsockoptInt(fd, Syscalls.IPPROTO_IP, Syscalls.IP_MULTICAST_LOOP, 0,
                () -> "setsockopt(IP_MULTICAST_LOOP, 0)", CAP);
    }

    /** struct ip_mreqn { in_addr multiaddr; in_addr address; int ifindex; }: addresses network order, ifindex host order. */
    static Memory ipMreqn(byte[] group, int ifindex) {
        Memory m = new Memory(12);
        m.clear();
        m.write(0, group, 0, 4);
        m.setInt(8, ifindex);
        return m;
    }

    /** struct sockaddr_in { u16 family (host); u16 port (network); in_addr addr; u8 zero[8]; }. */
    static Memory sockaddrIn(byte[] addr) {
        Memory m = new Memory(16);
        m.clear();
        m.setShort(0, (short) Syscalls.AF_INET);
        m.write(4, addr, 0, 4);
        return m;
    }

    private static String text(byte[] addr) {
        try {
            return InetAddress.getByAddress(addr).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void send(ByteBuffer vrrpPayload) throws IOException {
        long stamp = lifecycle.readLock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            // Copied into the channel's own direct buffer, whose native address is known once: handing JNA
            // the caller's buffer would make a Pointer (two) per advert (issue 10). A few dozen bytes.
            synchronized (txScratch) {
                int length = vrrpPayload.remaining();
                txScratch.clear();
                txScratch.put(0, vrrpPayload, vrrpPayload.position(), length);
                for (int i = 0; i < destinations.length; i++) {
                    Syscalls.sendto(fd, txPointer, length, 0, destinations[i], 16, sendWhat[i], CAP);
                }
            }
        } finally {
            lifecycle.unlockRead(stamp);
        }
    }

    @Override
    public int receive(ByteBuffer dst, long timeoutMillis) throws IOException {
        long stamp = lifecycle.readLock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                int n = dst.isDirect() ? recvDirect(dst) : recvCopy(dst);
                if (n >= 0) {
                    return n;
                }
                long left = timeoutMillis < 0 ? -1 : (deadline - System.nanoTime()) / 1_000_000L;
                if (timeoutMillis >= 0 && left <= 0) {
                    return 0;
                }
                pollFds.setInt(0, fd);
                pollFds.setShort(4, Syscalls.POLLIN);
                pollFds.setShort(6, (short) 0);
                pollFds.setInt(8, wakeFd);
                pollFds.setShort(12, Syscalls.POLLIN);
                pollFds.setShort(14, (short) 0);
                Syscalls.pollFds(pollFds, 2, (int) Math.min(Integer.MAX_VALUE, left));
                if (Syscalls.drain(wakeFd) || closed) {
                    return 0;
                }
            }
        } finally {
            lifecycle.unlockRead(stamp);
        }
    }

    private int recvDirect(ByteBuffer dst) throws SyscallException {
        int n = message.receive(fd, dst, dst.position(), dst.remaining(), receiveWhat);
        if (n >= 0) {
            dst.limit(dst.position() + n);
        }
        return n;
    }

    private int recvCopy(ByteBuffer dst) throws SyscallException {
        synchronized (rxScratch) {
            rxScratch.clear().limit(Math.min(MAX_DATAGRAM, dst.remaining()));
            int n = message.receive(fd, rxScratch, 0, rxScratch.remaining(), receiveWhat);
            if (n >= 0) {
                rxScratch.limit(n);
                int at = dst.position();
                dst.put(rxScratch).limit(at + n).position(at);
            }
            return n;
        }
    }

    @Override
    public void wakeup() {
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

    @Override
    public synchronized void close() {
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

    @Override
    public long lastReceiveAgeNanos() {
        return message.ageNanos();
    }

    @Override
    public int ifindex() {
        return ifindex;
    }

    @Override
    public Inet4Address primaryAddress() {
        return source;
    }

    @Override
    public String toString() {
        return "RawAdvertChannel[" + ifname + " #" + ifindex + ", " + source.getHostAddress() + "]";
    }
}
