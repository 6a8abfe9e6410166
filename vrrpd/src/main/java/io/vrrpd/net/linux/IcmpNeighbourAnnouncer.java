package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import io.vrrpd.net.InterfaceInfo;
import io.vrrpd.net.NeighbourAnnouncer;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.ByteBuffer;

/**
 * {@link NeighbourAnnouncer} over one raw ICMPv6 socket (icmp6(7)). The kernel fills in the ICMPv6
 * checksum (it always does for IPPROTO_ICMPV6, RFC 3542 §3.1) and picks the interface's link-local
 * address as source for the link-scoped destination ff02::1; hop limit 255 because receivers drop
 * neighbour discovery with any other (RFC 4861 §7.1.2). ICMP6_FILTER blocks every type: the socket
 * only sends, so nothing queues on it.
 *
 * <p>The message (RFC 4861 §4.4), 32 bytes:
 * <pre>
 * | type 136 | code 0 | checksum | R S O reserved (O = 1) | target address (16) |
 * | option type 2 | length 1 | link-layer address (6) |
 * </pre>
 * Override is set so neighbours replace the old master's MAC at once (§7.2.6); Router is clear as in
 * keepalived's ndisc.c for a host address.
 *
 * <p>Bound to the network namespace of the thread that called {@link #open}. Thread-safe.
 */
public final class IcmpNeighbourAnnouncer implements NeighbourAnnouncer {
    private static final String CAP = "CAP_NET_RAW";
    static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;
    static final int FLAG_OVERRIDE = 0x2000_0000;
    static final int OPTION_TARGET_LINK_LAYER = 2;
    static final int MESSAGE_LENGTH = 32;
    private static final byte[] ALL_NODES = Ipv6Sockets.bytes("ff02::1");

    private final AnnouncerSocket socket;
    private final ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE_LENGTH);

    private IcmpNeighbourAnnouncer(AnnouncerSocket socket) {
        this.socket = socket;
    }

    /** Opens the ICMPv6 socket. */
    public static IcmpNeighbourAnnouncer open() throws SyscallException {
        return new IcmpNeighbourAnnouncer(AnnouncerSocket.open(Syscalls.AF_INET6, Syscalls.IPPROTO_ICMPV6,
                "socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)", IcmpNeighbourAnnouncer::configure));
    }

    private static void configure(int fd) throws SyscallException {
        Memory blockAll = new Memory(32);
        blockAll.setMemory(0, 32, (byte) 0xff);
        Syscalls.setsockopt(fd, Syscalls.IPPROTO_ICMPV6, Syscalls.ICMP6_FILTER, blockAll, 32,
                () -> "setsockopt(ICMP6_FILTER, block all)", CAP);
        Syscalls.setsockoptInt(fd, Syscalls.IPPROTO_IPV6, Syscalls.IPV6_MULTICAST_HOPS, 255,
                () -> "setsockopt(IPV6_MULTICAST_HOPS, 255)", CAP);
    }

    /** Writes the NA for {@code target} announcing {@code mac} into {@code b} (cleared, then flipped). */
    static ByteBuffer neighbourAdvertisement(ByteBuffer b, byte[] mac, Inet6Address target) {
        b.clear();
        b.put((byte) TYPE_NEIGHBOR_ADVERTISEMENT).put((byte) 0).putShort((short) 0);
        b.putInt(FLAG_OVERRIDE);
        b.put(target.getAddress());
        b.put((byte) OPTION_TARGET_LINK_LAYER).put((byte) 1).put(mac, 0, 6);
        return b.flip();
    }

    @Override
    public synchronized void announce(String ifname, Inet6Address vip) throws IOException {
        String what = "sendto(ICMPv6 neighbour advertisement " + vip.getHostAddress() + ", ff02::1%" + ifname + ")";
        InterfaceInfo info = socket.ethernet(ifname, what);
        neighbourAdvertisement(message, info.mac(), vip);
        socket.send(message, Ipv6Sockets.sockaddrIn6(ALL_NODES, info.ifindex()), Ipv6Sockets.SOCKADDR_IN6_LENGTH, what);
    }

    @Override
    public synchronized void close() {
        socket.close();
    }
}
