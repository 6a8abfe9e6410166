package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The IPv6 socket structures the VRRPv3 channel and the neighbour announcer share (ipv6(7), cmsg(3)). */
final class Ipv6Sockets {
    /** struct sockaddr_in6 { u16 family; u16 port; u32 flowinfo; u8 addr[16]; u32 scope_id; }. */
    static final int SOCKADDR_IN6_LENGTH = 28;

    private Ipv6Sockets() {
    }

    /**
     * A sockaddr_in6; the scope id (host order) is set only for link-scoped addresses (fe80::/10 and
     * ff02::/16), which the kernel cannot route without it.
     */
    static Memory sockaddrIn6(byte[] addr, int ifindex) {
        Memory m = new Memory(SOCKADDR_IN6_LENGTH);
        m.clear();
        m.setShort(0, (short) Syscalls.AF_INET6);
        m.write(8, addr, 0, 16);
        boolean linkLocal = (addr[0] & 0xff) == 0xfe && (addr[1] & 0xc0) == 0x80;
        boolean linkMulticast = (addr[0] & 0xff) == 0xff && (addr[1] & 0x0f) == 0x02;
        if (linkLocal || linkMulticast) {
            m.setInt(24, ifindex);
        }
        return m;
    }

    static byte[] bytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String text(byte[] addr) {
        try {
            return Inet6Address.getByAddress(null, addr, -1).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
