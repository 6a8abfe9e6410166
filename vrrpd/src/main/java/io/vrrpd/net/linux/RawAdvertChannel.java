package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import io.vrrpd.net.AdvertChannel;
import io.vrrpd.net.InterfaceInfo;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@link AdvertChannel} on a raw IPv4 socket for protocol 112 (RFC 3768 §5.2.4), bound to one
 * interface.
 *
 * <p>Socket options, and why: SO_BINDTODEVICE so only this interface's adverts arrive;
 * IP_ADD_MEMBERSHIP 224.0.0.18 on this ifindex (§5.2.2); IP_MULTICAST_IF so adverts leave here;
 * TTL 255 for multicast and unicast (§5.2.3, receivers drop anything else); TOS 0xC0, DSCP CS6
 * for network control as keepalived sends; IP_MULTICAST_LOOP 0 so we never read our own
 * adverts; IP_MULTICAST_ALL 0 so a socket joined here does not also get groups joined by other
 * sockets (ip(7)); SO_TIMESTAMPNS for each datagram's arrival time ({@link ReceiveMessage}).
 * Non-blocking with poll(2) and an eventfd ({@link PolledSocket}) so {@link #wakeup}/{@link #close}
 * stop a receiver at once. A raw IPv4 socket delivers the IP header with the payload (raw(7)), so a
 * datagram is passed on as it came.
 *
 * <p>Bound to the network namespace of the thread that called {@link #open}.
 */
public final class RawAdvertChannel implements AdvertChannel {
    private static final String CAP = "CAP_NET_RAW";
    private static final byte[] GROUP = {(byte) 224, 0, 0, 18};

    private final PolledSocket socket;
    private final PolledSocket.Reader reader = this::receiveOne;
    private final int ifindex;
    private final String ifname;
    private final Inet4Address source;
    private final ByteBuffer rxScratch = ByteBuffer.allocateDirect(PolledSocket.MAX_DATAGRAM);

    private RawAdvertChannel(PolledSocket socket, int ifindex, String ifname, Inet4Address source) {
        this.socket = socket;
        this.ifindex = ifindex;
        this.ifname = ifname;
        this.source = source;
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
        List<byte[]> targets = peers.isEmpty() ? List.of(GROUP) : peers.stream().map(InetAddress::getAddress).toList();
        PolledSocket.Destinations to = new PolledSocket.Destinations(targets, RawAdvertChannel::sockaddrIn, 16,
                RawAdvertChannel::text, ifname);
        PolledSocket socket = PolledSocket.open(Syscalls.AF_INET, "AF_INET", to, "recvmsg(VRRP socket, " + ifname + ")",
                fd -> configure(fd, ifname, info.ifindex(), src, unicastSource != null, peers.isEmpty()));
        return new RawAdvertChannel(socket, info.ifindex(), ifname, src);
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
        Syscalls.setsockoptInt(fd, Syscalls.IPPROTO_IP, Syscalls.IP_TOS, PolledSocket.TOS_CS6,
                () -> "setsockopt(IP_TOS, 0xc0)", CAP);
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
        socket.send(vrrpPayload);
    }

    @Override
    public int receive(ByteBuffer dst, long timeoutMillis) throws IOException {
        return socket.receive(dst, timeoutMillis, reader);
    }

    /** The datagram, IPv4 header first, straight into a direct {@code dst}, else through the scratch buffer. */
    private int receiveOne(ByteBuffer dst) throws SyscallException {
        return dst.isDirect() ? recvDirect(dst) : recvCopy(dst);
    }

    private int recvDirect(ByteBuffer dst) throws SyscallException {
        int n = socket.recvmsg(dst, dst.position(), dst.remaining());
        if (n >= 0) {
            dst.limit(dst.position() + n);
        }
        return n;
    }

    private int recvCopy(ByteBuffer dst) throws SyscallException {
        synchronized (rxScratch) {
            rxScratch.clear().limit(Math.min(PolledSocket.MAX_DATAGRAM, dst.remaining()));
            int n = socket.recvmsg(rxScratch, 0, rxScratch.remaining());
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
        socket.wakeup();
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public long lastReceiveAgeNanos() {
        return socket.message().ageNanos();
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
