package io.vrrpd.net.linux;

import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The unsolicited neighbour advertisement's bytes (RFC 4861 §4.4); the kernel adds the checksum. */
class NeighbourAdvertisementTest {

    @Test
    void carriesTargetOverrideFlagAndTargetLinkLayerOption() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.getByName("2001:db8::100");
        byte[] mac = {0x02, 0x00, 0x00, 0x00, 0x00, 0x0c};
        ByteBuffer b = IcmpNeighbourAnnouncer.neighbourAdvertisement(ByteBuffer.allocate(64), mac, vip);
        assertEquals(32, b.remaining());
        assertEquals(136, b.get(0) & 0xff, "type: neighbour advertisement");
        assertEquals(0, b.get(1), "code");
        assertEquals(0, b.getShort(2), "checksum left to the kernel");
        assertEquals(0x20000000, b.getInt(4), "Override set, Router and Solicited clear (§7.2.6)");
        byte[] target = new byte[16];
        b.duplicate().position(8).get(target);
        assertArrayEquals(vip.getAddress(), target);
        assertEquals(2, b.get(24), "option: target link-layer address");
        assertEquals(1, b.get(25), "option length in units of 8 octets");
        byte[] ll = new byte[6];
        b.duplicate().position(26).get(ll);
        assertArrayEquals(mac, ll);
    }

    @Test
    void linkScopedDestinationsCarryTheScopeIdAndGlobalOnesDoNot() {
        assertEquals(7, Ipv6Sockets.sockaddrIn6(Ipv6Sockets.bytes("ff02::12"), 7).getInt(24));
        assertEquals(7, Ipv6Sockets.sockaddrIn6(Ipv6Sockets.bytes("fe80::1"), 7).getInt(24));
        assertEquals(0, Ipv6Sockets.sockaddrIn6(Ipv6Sockets.bytes("2001:db8::1"), 7).getInt(24));
        assertEquals(10, Ipv6Sockets.sockaddrIn6(Ipv6Sockets.bytes("2001:db8::1"), 7).getShort(0));
    }
}
