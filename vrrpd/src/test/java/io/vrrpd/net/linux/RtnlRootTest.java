package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.net.AddressManager;
import io.vrrpd.net.ArpAnnouncer;
import io.vrrpd.net.InterfaceAddress;
import io.vrrpd.net.InterfaceInfo;
import io.vrrpd.net.LinkEvent;
import io.vrrpd.net.LinkMonitor;
import io.vrrpd.net.SyscallException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Root only: rtnetlink addresses, link events, interface lookup and gratuitous ARP in namespaces. */
@Tag("root")
class RtnlRootTest {
    @RegisterExtension
    static final NamespacePair.PerClass NS = new NamespacePair.PerClass();

    private static Inet4Address v4(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void addAndDeleteAreIdempotentAndVisibleToIp() throws Exception {
        InetAddress vip = v4("192.0.2.100");
        try (AddressManager am = NetNamespace.call(NS.get().a, RtnlAddressManager::open)) {
            am.add("va", vip, 24, "va:1", v4("192.0.2.255"));
            am.add("va", vip, 24, "va:1", v4("192.0.2.255"));
            String shown = NS.get().ip(NS.get().a, "-o", "-4", "addr", "show", "dev", "va");
            assertTrue(shown.contains("inet 192.0.2.100/24 brd 192.0.2.255 scope global secondary va:1"), shown);
            assertTrue(am.has("va", vip));
            List<InterfaceAddress> listed = am.list("va");
            assertEquals(v4("192.0.2.1"), listed.get(0).address(), "primary first");
            assertTrue(listed.contains(new InterfaceAddress(listed.get(0).ifindex(), vip, 24, "va:1", true)), listed.toString());

            am.delete("va", vip, 24);
            am.delete("va", vip, 24);
            assertFalse(NS.get().ip(NS.get().a, "-o", "addr", "show", "dev", "va").contains("192.0.2.100"));
            assertFalse(am.has("va", vip));
        }
    }

    @Test
    void ipv6AddressCanBeAddedAndRemoved() throws Exception {
        InetAddress vip = InetAddress.getByName("2001:db8::100");
        try (AddressManager am = NetNamespace.call(NS.get().a, RtnlAddressManager::open)) {
            am.add("va", vip, 64, null, null);
            assertTrue(NS.get().ip(NS.get().a, "-o", "-6", "addr", "show", "dev", "va").contains("2001:db8::100/64"));
            am.delete("va", vip, 64);
            assertFalse(am.has("va", vip));
        }
    }

    @Test
    void addOnMissingInterfaceNamesTheRequest() throws Exception {
        try (AddressManager am = NetNamespace.call(NS.get().a, RtnlAddressManager::open)) {
            SyscallException e = assertThrows(SyscallException.class, () -> am.add("nosuch0", v4("192.0.2.100"), 24, null, null));
            assertEquals("rtnetlink RTM_NEWADDR(192.0.2.100/24, nosuch0): No such device", e.getMessage());
            assertEquals("ENODEV", e.errnoName());
        }
    }

    @Test
    void kernelRejectionCarriesTheKernelsExplanation() throws Exception {
        try (AddressManager am = NetNamespace.call(NS.get().a, RtnlAddressManager::open)) {
            SyscallException e = assertThrows(SyscallException.class, () -> am.add("va", v4("192.0.2.100"), 33, null, null));
            assertEquals("EINVAL", e.errnoName());
            assertTrue(e.getMessage().startsWith("rtnetlink RTM_NEWADDR(192.0.2.100/33, va): Invalid argument (kernel: "),
                    e.getMessage());
        }
    }

    @Test
    void lookupReportsIfindexMacAndPrimaryAddress() throws Exception {
        try (RtnlInterfaceLookup lookup = NetNamespace.call(NS.get().b, RtnlInterfaceLookup::open)) {
            InterfaceInfo info = lookup.lookup("vb").orElseThrow();
            String shown = NS.get().ip(NS.get().b, "-o", "link", "show", "dev", "vb");
            assertTrue(shown.startsWith(info.ifindex() + ": vb@"), shown);
            assertTrue(shown.contains("link/ether " + info.macText()), shown);
            assertEquals(v4("192.0.2.2"), info.primaryIpv4().orElseThrow());
            assertTrue(info.state().usable());
            assertTrue(lookup.lookup("nosuch0").isEmpty());
        }
    }

    @Test
    void linkMonitorReportsDownUpAndAddressesChangedBehindOurBack() throws Exception {
        BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
        try (LinkMonitor monitor = NetNamespace.call(NS.get().b, RtnlLinkMonitor::open)) {
            monitor.start(events::add);
            assertTrue(monitor.query("vb").orElseThrow().usable());
            assertTrue(monitor.query("nosuch0").isEmpty());

            NS.get().ip(NS.get().b, "link", "set", "vb", "down");
            await(events, e -> e instanceof LinkEvent.LinkChanged c && c.state().name().equals("vb") && !c.state().up());
            assertFalse(monitor.query("vb").orElseThrow().up());

            NS.get().ip(NS.get().b, "link", "set", "vb", "up");
            await(events, e -> e instanceof LinkEvent.LinkChanged c && c.state().name().equals("vb") && c.state().usable());

            NS.get().ip(NS.get().b, "addr", "add", "192.0.2.50/32", "dev", "vb");
            LinkEvent added = await(events, e -> e instanceof LinkEvent.AddressAdded a
                    && a.address().address().getHostAddress().equals("192.0.2.50"));
            assertEquals(32, ((LinkEvent.AddressAdded) added).address().prefixLen());

            NS.get().ip(NS.get().b, "addr", "del", "192.0.2.50/32", "dev", "vb");
            LinkEvent removed = await(events, e -> e instanceof LinkEvent.AddressRemoved r
                    && r.address().address().getHostAddress().equals("192.0.2.50"));
            assertEquals(monitor.query("vb").orElseThrow().ifindex(), ((LinkEvent.AddressRemoved) removed).address().ifindex());
        }
    }

    private static LinkEvent await(BlockingQueue<LinkEvent> events, Predicate<LinkEvent> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            LinkEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && wanted.test(e)) {
                return e;
            }
        }
        throw new AssertionError("expected link event not seen within 3 s");
    }

    @Test
    void gratuitousArpIsSeenOnThePeerWithInterfaceMacAndVip() throws Exception {
        byte[] vip = {(byte) 192, 0, 2, 100};
        InterfaceInfo va;
        try (RtnlInterfaceLookup lookup = NetNamespace.call(NS.get().a, RtnlInterfaceLookup::open)) {
            va = lookup.lookup("va").orElseThrow();
        }
        try (PacketCapture capture = NetNamespace.call(NS.get().b, () -> PacketCapture.open("vb", 0x0806));
                ArpAnnouncer arp = NetNamespace.call(NS.get().a, PacketArpAnnouncer::open)) {
            arp.announce("va", v4("192.0.2.100"));
            ByteBuffer frame = capture.await(b -> b.limit() >= 42 && java.util.Arrays.equals(bytes(b, 28, 4), vip), 2_000);
            assertNotNull(frame, "no gratuitous ARP for 192.0.2.100 within 2 s");
            assertArrayEquals(new byte[] {-1, -1, -1, -1, -1, -1}, bytes(frame, 0, 6), "broadcast destination");
            assertArrayEquals(va.mac(), bytes(frame, 6, 6), "Ethernet source = interface MAC");
            assertEquals(0x0806, frame.getShort(12) & 0xffff);
            assertEquals(1, frame.getShort(20), "ARP request");
            assertArrayEquals(va.mac(), bytes(frame, 22, 6), "sender MAC");
            assertArrayEquals(vip, bytes(frame, 38, 4), "target IP = VIP");
        }
    }

    private static byte[] bytes(ByteBuffer b, int at, int len) {
        byte[] out = new byte[len];
        b.get(at, out);
        return out;
    }
}
