package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vrrpd.net.ArpAnnouncer;
import io.vrrpd.net.InterfaceInfo;
import io.vrrpd.net.NeighbourAnnouncer;
import io.vrrpd.net.SyscallException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Root only: the unsolicited neighbour advertisement as the peer sees it on the wire, and the failures
 * both announcers share (no such interface, announcing after close). The gratuitous ARP on the wire is
 * in {@link RtnlRootTest}.
 */
@Tag("root")
class AnnouncerRootTest {
    private static final int ETH_P_IPV6 = 0x86DD;
    /** Ethernet 14 + IPv6 40: where the ICMPv6 message starts in a captured frame without extension headers. */
    private static final int ICMP_AT = 54;
    @RegisterExtension
    static final NamespacePair.PerClass NS = new NamespacePair.PerClass();

    @Test
    void neighbourAdvertisementIsSeenOnThePeerToAllNodesWithHopLimit255AndTheInterfaceMac() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.getByName("2001:db8::100");
        InterfaceInfo va;
        try (RtnlInterfaceLookup lookup = NetNamespace.call(NS.get().a, RtnlInterfaceLookup::open)) {
            va = lookup.lookup("va").orElseThrow();
        }
        awaitLinkLocal(NS.get().a, "va");
        try (PacketCapture capture = NetNamespace.call(NS.get().b, () -> PacketCapture.open("vb", ETH_P_IPV6));
                NeighbourAnnouncer na = NetNamespace.call(NS.get().a, IcmpNeighbourAnnouncer::open)) {
            na.announce("va", vip);
            // MLD reports and DAD solicitations pass by too: wait for type 136 about this target.
            ByteBuffer frame = capture.await(b -> b.limit() >= ICMP_AT + 32 && b.get(14 + 6) == Syscalls.IPPROTO_ICMPV6
                    && (b.get(ICMP_AT) & 0xff) == 136 && Arrays.equals(bytes(b, ICMP_AT + 8, 16), vip.getAddress()), 2_000);
            assertNotNull(frame, "no neighbour advertisement for 2001:db8::100 within 2 s");
            assertArrayEquals(new byte[] {0x33, 0x33, 0, 0, 0, 1}, bytes(frame, 0, 6), "Ethernet destination ff02::1");
            assertArrayEquals(va.mac(), bytes(frame, 6, 6), "Ethernet source = interface MAC");
            assertEquals(255, frame.get(14 + 7) & 0xff, "hop limit (RFC 4861 §7.1.2)");
            assertEquals(0x20000000, frame.getInt(ICMP_AT + 4), "Override set");
            assertEquals(2, frame.get(ICMP_AT + 24), "target link-layer address option");
            assertArrayEquals(va.mac(), bytes(frame, ICMP_AT + 26, 6), "option carries the interface MAC");
        }
    }

    @Test
    void unknownInterfaceIsANamedErrorForBothFamilies() throws Exception {
        try (ArpAnnouncer arp = NetNamespace.call(NS.get().a, PacketArpAnnouncer::open);
                NeighbourAnnouncer na = NetNamespace.call(NS.get().a, IcmpNeighbourAnnouncer::open)) {
            SyscallException e4 = assertThrows(SyscallException.class,
                    () -> arp.announce("nosuch0", (Inet4Address) InetAddress.getByName("192.0.2.100")));
            assertEquals("sendto(AF_PACKET, gratuitous ARP 192.0.2.100, nosuch0): No such device", e4.getMessage());
            SyscallException e6 = assertThrows(SyscallException.class,
                    () -> na.announce("nosuch0", (Inet6Address) InetAddress.getByName("2001:db8::100")));
            assertEquals("sendto(ICMPv6 neighbour advertisement 2001:db8:0:0:0:0:0:100, ff02::1%nosuch0): No such device",
                    e6.getMessage());
        }
    }

    @Test
    void announcingAfterCloseIsAClosedChannel() throws Exception {
        ArpAnnouncer arp = NetNamespace.call(NS.get().a, PacketArpAnnouncer::open);
        NeighbourAnnouncer na = NetNamespace.call(NS.get().a, IcmpNeighbourAnnouncer::open);
        arp.close();
        na.close();
        arp.close();
        assertThrows(ClosedChannelException.class,
                () -> arp.announce("va", (Inet4Address) InetAddress.getByName("192.0.2.100")));
        assertThrows(ClosedChannelException.class,
                () -> na.announce("va", (Inet6Address) InetAddress.getByName("2001:db8::100")));
    }

    /**
     * Waits until {@code ifname} has a link-local address out of DAD: the kernel picks no tentative source
     * (RFC 4862 §5.4), and without a source the NA is not sent at all.
     */
    private static void awaitLinkLocal(String ns, String ifname) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String out = NS.get().ip(ns, "-6", "addr", "show", "dev", ifname, "scope", "link");
            if (out.contains("inet6 fe80:") && !out.contains("tentative")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(ifname + " has no link-local address out of DAD after 5 s");
    }

    private static byte[] bytes(ByteBuffer b, int at, int len) {
        byte[] out = new byte[len];
        b.get(at, out);
        return out;
    }
}
