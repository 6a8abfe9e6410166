package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import io.vrrpd.net.AdvertChannel;
import io.vrrpd.net.InterfaceAddress;
import io.vrrpd.net.SyscallException;
import io.vrrpd.protocol.Ipv6Header;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * {@link AdvertChannel} on a raw IPv6 socket for next header 112 (RFC 5798 §5.1.2), bound to one
 * interface.
 *
 * <p>Socket options, and why: SO_BINDTODEVICE so only this interface's adverts arrive; bound to the
 * interface's link-local address, because RFC 5798 §5.1.1.1 makes it the source of every advert;
 * IPV6_ADD_MEMBERSHIP ff02::12 on this ifindex (§5.1.1.2); IPV6_MULTICAST_IF so adverts leave here;
 * hop limit 255 for multicast and unicast (§5.1.1.3: receivers drop anything else); traffic class
 * 0xC0 (CS6) as for IPv4; IPV6_MULTICAST_LOOP 0 and IPV6_MULTICAST_ALL 0 as the IPv4 channel.
 * IPV6_CHECKSUM is left off: the codec computes and verifies the checksum with the pseudo-header,
 * so a bad checksum is a counted drop instead of a silent kernel discard.
 *
 * <p>A raw IPv6 socket delivers no IP header (ipv6(7)). IPV6_RECVHOPLIMIT and IPV6_RECVPKTINFO
 * bring the hop limit and the destination as ancillary data, the source comes in msg_name, and
 * {@link #receive} rebuilds the fixed {@link Ipv6Header} in front of the payload, so the receive
 * checks see both families alike. SO_TIMESTAMPNS gives each datagram's arrival time ({@link ReceiveMessage}).
 * Polling, wake-up, close and send are the IPv4 channel's ({@link PolledSocket}).
 *
 * <p>Bound to the network namespace of the thread that called {@link #open}.
 */
public final class RawAdvert6Channel implements AdvertChannel {
    private static final String CAP = "CAP_NET_RAW";
    private static final byte[] GROUP = Ipv6Sockets.bytes("ff02::12");
    /** Waiting for the link-local address to leave DAD (RFC 4862 §5.4: 1 s by default). */
    private static final int LINK_LOCAL_WAIT_MILLIS = 3_000;

    private final PolledSocket socket;
    private final PolledSocket.Reader reader = this::receiveOne;
    private final int ifindex;
    private final String ifname;
    private final Inet6Address source;
    private final ByteBuffer rxScratch = ByteBuffer.allocateDirect(PolledSocket.MAX_DATAGRAM + Ipv6Header.LENGTH);
    private final byte[] rxSource = new byte[16];

    private RawAdvert6Channel(PolledSocket socket, int ifindex, String ifname, Inet6Address source) {
        this.socket = socket;
        this.ifindex = ifindex;
        this.ifname = ifname;
        this.source = source;
    }

    /**
     * Channel on {@code ifname}: multicast to ff02::12 from the link-local address, or, with
     * {@code unicastPeers} non-empty, to each peer in turn (keepalived's unicast_peer) from
     * {@code unicastSource} when given.
     *
     * @throws SyscallException ENODEV if the interface does not exist, EADDRNOTAVAIL if it has no
     *     usable link-local address, EPERM without CAP_NET_RAW
     */
    public static RawAdvert6Channel open(String ifname, Inet6Address unicastSource, List<Inet6Address> unicastPeers)
            throws IOException {
        List<Inet6Address> peers = List.copyOf(unicastPeers);
        int ifindex;
        Inet6Address src;
        try (RtnlClient rtnl = RtnlClient.open()) {
            ifindex = rtnl.ifindex(ifname, "open VRRPv3 IPv6 socket on " + ifname);
            src = unicastSource != null ? unicastSource : linkLocal(rtnl, ifindex).orElseThrow(
                    () -> Errno.exception("open VRRPv3 IPv6 socket on " + ifname
                            + " (no IPv6 link-local address; RFC 5798 §5.1.1.1 needs one as the source)",
                            Errno.EADDRNOTAVAIL, null));
        }
        List<byte[]> targets = peers.isEmpty() ? List.of(GROUP) : peers.stream().map(InetAddress::getAddress).toList();
        PolledSocket.Destinations to = new PolledSocket.Destinations(targets, a -> Ipv6Sockets.sockaddrIn6(a, ifindex),
                Ipv6Sockets.SOCKADDR_IN6_LENGTH, Ipv6Sockets::text, ifname);
        PolledSocket socket = PolledSocket.open(Syscalls.AF_INET6, "AF_INET6", to,
                "recvmsg(VRRPv3 IPv6 socket, " + ifname + ")", fd -> configure(fd, ifname, ifindex, src, peers.isEmpty()));
        return new RawAdvert6Channel(socket, ifindex, ifname, src);
    }

    static Optional<Inet6Address> linkLocal(RtnlClient rtnl, int ifindex) throws IOException {
        for (InterfaceAddress a : rtnl.addresses(ifindex)) {
            if (a.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress()) {
                return Optional.of(v6);
            }
        }
        return Optional.empty();
    }

    private static void configure(int fd, String ifname, int ifindex, Inet6Address src, boolean multicast)
            throws IOException {
        Memory dev = new Memory(ifname.length() + 1L);
        dev.setString(0, ifname, "US-ASCII");
        Syscalls.setsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_BINDTODEVICE, dev, (int) dev.size(),
                () -> "setsockopt(SO_BINDTODEVICE, " + ifname + ")", CAP);
        bindSource(fd, ifname, ifindex, src);
        int v6 = Syscalls.IPPROTO_IPV6;
        Syscalls.setsockoptInt(fd, v6, Syscalls.IPV6_UNICAST_HOPS, 255, () -> "setsockopt(IPV6_UNICAST_HOPS, 255)", CAP);
        Syscalls.setsockoptInt(fd, v6, Syscalls.IPV6_TCLASS, PolledSocket.TOS_CS6,
                () -> "setsockopt(IPV6_TCLASS, 0xc0)", CAP);
        Syscalls.setsockoptInt(fd, v6, Syscalls.IPV6_RECVHOPLIMIT, 1, () -> "setsockopt(IPV6_RECVHOPLIMIT, 1)", CAP);
        Syscalls.setsockoptInt(fd, v6, Syscalls.IPV6_RECVPKTINFO, 1, () -> "setsockopt(IPV6_RECVPKTINFO, 1)", CAP);
        Syscalls.setsockoptInt(fd, v6, Syscalls.IPV6_MULTICAST_ALL, 0, () -> "setsockopt(IPV6_MULTICAST_ALL, 0)", CAP);
        ReceiveMessage.enableTimestamps(fd, CAP);
        if (!multicast) {
            return;
        }
        Memory mreq = new Memory(20);
        mreq.write(0, GROUP, 0, 16);
        mreq.setInt(16, ifindex);
        Syscalls.setsockopt(fd, v6, Syscalls.IPV6_ADD_MEMBERSHIP, mreq, 20,
                () -> "setsockopt(IPV6_ADD_MEMBERSHIP, ff02::12, " + ifname + ")", CAP);
        Syscalls.setsockoptInt(fd, v6, Syscalls.IPV6_MULTICAST_IF, ifindex,
                () -> "setsockopt(IPV6_MULTICAST_IF, " + ifname + ")", CAP);
        Syscalls.setsockoptInt(fd, v6, Syscalls.IPV6_MULTICAST_HOPS, 255,
                () -> "setsockopt(IPV6_MULTICAST_HOPS, 255)", CAP);
        Syscalls.setsockoptInt(fd, v6, Syscalls.IPV6_MULTICAST_LOOP, 0, () -> "setsockopt(IPV6_MULTICAST_LOOP, 0)", CAP);
    }

    /**
     * Binds the source. A link-local address is tentative while DAD runs (RFC 4862 §5.4) and bind
     * fails with EADDRNOTAVAIL until it is done, so a daemon started with the interface waits for it.
     */
    private static void bindSource(int fd, String ifname, int ifindex, Inet6Address src) throws IOException {
        Memory sa = Ipv6Sockets.sockaddrIn6(src.getAddress(), ifindex);
        long deadline = System.nanoTime() + LINK_LOCAL_WAIT_MILLIS * 1_000_000L;
        while (true) {
            try {
                Syscalls.bind(fd, sa, Ipv6Sockets.SOCKADDR_IN6_LENGTH,
                        () -> "bind(" + src.getHostAddress() + "%" + ifname + ") (a tentative address is still in DAD)",
                        CAP);
                return;
            } catch (SyscallException e) {
                if (e.errno() != Errno.EADDRNOTAVAIL || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("waiting for " + src.getHostAddress() + " on " + ifname);
            }
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

    /** One recvmsg into the scratch buffer, then header + payload copied to {@code dst}; -1 when none queued. */
    private int receiveOne(ByteBuffer dst) throws SyscallException {
        synchronized (rxScratch) {
            int n = socket.recvmsg(rxScratch, Ipv6Header.LENGTH, PolledSocket.MAX_DATAGRAM);
            if (n < 0) {
                return -1;
            }
            ReceiveMessage message = socket.message();
            message.source().read(8, rxSource, 0, 16);
            rxScratch.clear();
            Ipv6Header.write(rxScratch, n, PolledSocket.IPPROTO_VRRP, Math.max(message.hopLimit(), 0), rxSource,
                    message.destination());
            rxScratch.position(0).limit(Math.min(Ipv6Header.LENGTH + n, dst.remaining()));
            int at = dst.position();
            int length = rxScratch.remaining();
            dst.put(rxScratch).limit(at + length).position(at);
            return length;
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
    public Inet6Address primaryAddress() {
        return source;
    }

    @Override
    public String toString() {
        return "RawAdvert6Channel[" + ifname + " #" + ifindex + ", " + source.getHostAddress() + "]";
    }
}
