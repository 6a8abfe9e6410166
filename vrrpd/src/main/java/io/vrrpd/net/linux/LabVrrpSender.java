package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import io.vrrpd.net.SyscallException;
import java.nio.ByteBuffer;

/**
 * Sends arbitrary bytes as a VRRP payload (protocol 112) to 224.0.0.18 or ff02::12 with a chosen TTL or
 * hop limit: the lab's source of hostile adverts (bad checksum, wrong version, truncated, TTL below 255,
 * RFC 3768 §7.1 / RFC 5798 §7.1). Meant for tests and the lab, like {@link NetNamespace}; the daemon
 * never uses it. Bound to the network namespace of the thread that called {@link #open}.
 */
public final class LabVrrpSender implements AutoCloseable {
    private static final String CAP = "CAP_NET_RAW";
    private final int fd;
    private final boolean ipv6;
    private final Memory destination;

    private LabVrrpSender(int fd, boolean ipv6, Memory destination) {
        this.fd = fd;
        this.ipv6 = ipv6;
        this.destination = destination;
    }

    /**
     * @param ifname the interface to send on
     * @param ipv6   IPv6 (ff02::12, the kernel picks the link-local source) or IPv4 (224.0.0.18)
     * @param ttl    the TTL or hop limit of every packet, 1..255
     */
    public static LabVrrpSender open(String ifname, boolean ipv6, int ttl) throws SyscallException {
        int ifindex = Syscalls.ifNameToIndex(ifname);
        if (ifindex <= 0) {
            throw Errno.exception("if_nametoindex(" + ifname + ")", Errno.ENODEV, null);
        }
        int fd = Syscalls.socket(ipv6 ? Syscalls.AF_INET6 : Syscalls.AF_INET, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC,
                PolledSocket.IPPROTO_VRRP, () -> "socket(raw, 112)", CAP);
        try {
            if (ipv6) {
                Syscalls.setsockoptInt(fd, Syscalls.IPPROTO_IPV6, Syscalls.IPV6_MULTICAST_IF, ifindex,
                        () -> "setsockopt(IPV6_MULTICAST_IF)", CAP);
                Syscalls.setsockoptInt(fd, Syscalls.IPPROTO_IPV6, Syscalls.IPV6_MULTICAST_HOPS, ttl,
                        () -> "setsockopt(IPV6_MULTICAST_HOPS, " + ttl + ")", CAP);
                return new LabVrrpSender(fd, true, Ipv6Sockets.sockaddrIn6(Ipv6Sockets.bytes("ff02::12"), ifindex));
            }
            Syscalls.setsockopt(fd, Syscalls.IPPROTO_IP, Syscalls.IP_MULTICAST_IF,
                    RawAdvertChannel.ipMreqn(new byte[4], ifindex), 12, () -> "setsockopt(IP_MULTICAST_IF)", CAP);
            Syscalls.setsockoptInt(fd, Syscalls.IPPROTO_IP, Syscalls.IP_MULTICAST_TTL, ttl,
                    () -> "setsockopt(IP_MULTICAST_TTL, " + ttl + ")", CAP);
            return new LabVrrpSender(fd, false, RawAdvertChannel.sockaddrIn(new byte[] {(byte) 224, 0, 0, 18}));
        } catch (SyscallException e) {
            Syscalls.closeQuietly(fd);
            throw e;
        }
    }

    /** Sends {@code payload} (all of it) as one datagram. */
    public void send(byte[] payload) throws SyscallException {
        ByteBuffer b = ByteBuffer.allocateDirect(payload.length);
        b.put(payload).flip();
        Syscalls.sendto(fd, b, 0, destination, ipv6 ? Ipv6Sockets.SOCKADDR_IN6_LENGTH : 16,
                () -> "sendto(lab VRRP, " + payload.length + " bytes)", CAP);
    }

    @Override
    public void close() {
        Syscalls.closeQuietly(fd);
    }
}
