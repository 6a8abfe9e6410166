package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.net.InterfaceAddress;
import io.vrrpd.net.LinkEvent;
import io.vrrpd.net.LinkState;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RtnlCodecTest {
    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Builds the expected bytes field by field in host order, independently of the encoder. */
    private static ByteBuffer expected(int len) {
        return ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
    }

    @Test
    void newAddrCarriesLocalAddressBroadcastAndPaddedLabelWithAckAndExcl() throws Exception {
        ByteBuffer b = RtnlCodec.newAddr(buffer(), 7, 3, InetAddress.getByName("192.0.2.100"), 24, "va:1",
                InetAddress.getByName("192.0.2.255"));
        ByteBuffer e = expected(16 + 8 + 8 + 8 + 8 + 12);
        e.putInt(60).putShort((short) 20).putShort((short) (0x1 | 0x4 | 0x400 | 0x200)).putInt(7).putInt(0);
        e.put((byte) 2).put((byte) 24).put((byte) 0).put((byte) 0).putInt(3);
        e.putShort((short) 8).putShort((short) 2).put(new byte[] {(byte) 192, 0, 2, 100});
        e.putShort((short) 8).putShort((short) 1).put(new byte[] {(byte) 192, 0, 2, 100});
        e.putShort((short) 8).putShort((short) 4).put(new byte[] {(byte) 192, 0, 2, (byte) 255});
        e.putShort((short) 9).putShort((short) 3).put("va:1".getBytes()).put((byte) 0).put(new byte[3]);
        assertArrayEquals(e.array(), bytes(b));
    }

    @Test
    void ipv6AddSkipsDuplicateAddressDetection() throws Exception {
        ByteBuffer b = RtnlCodec.newAddr(buffer(), 1, 3, InetAddress.getByName("2001:db8::5"), 64, null, null);
        assertEquals(10, b.get(16)); // AF_INET6
        assertEquals(RtnlCodec.IFA_F_NODAD, b.get(18));
        assertEquals(16 + 8 + 20 + 20, b.getInt(0));
    }

    @Test
    void delAddrAsksForAnAckButNotCreate() throws Exception {
        ByteBuffer b = RtnlCodec.delAddr(buffer(), 9, 4, InetAddress.getByName("192.0.2.7"), 32);
        assertEquals(32, b.getInt(0));
        assertEquals(RtnlCodec.RTM_DELADDR, b.getShort(4));
        assertEquals(RtnlCodec.NLM_F_REQUEST | RtnlCodec.NLM_F_ACK, b.getShort(6));
        assertEquals(32, b.get(17));
        assertEquals(4, b.getInt(20));
    }

    @Test
    void getLinkNamesTheInterfaceInANulTerminatedAttribute() {
        ByteBuffer b = RtnlCodec.getLink(buffer(), 5, "eth0");
        assertEquals(16 + 16 + 12, b.getInt(0));
        assertEquals(9, b.getShort(32)); // rta_len = 4 + "eth0\0"
        assertEquals(RtnlCodec.IFLA_IFNAME, b.getShort(34));
        assertEquals('e', b.get(36));
        assertEquals(0, b.get(40));
    }

    /** An RTM_NEWADDR as the kernel sends it for 192.0.2.9/24 secondary, label eth0:vip on ifindex 6. */
    private static ByteBuffer kernelNewAddr(int type) {
        ByteBuffer b = buffer();
        b.putInt(0).putShort((short) type).putShort((short) 0).putInt(0).putInt(0);
        b.put((byte) 2).put((byte) 24).put((byte) RtnlCodec.IFA_F_SECONDARY).put((byte) 0).putInt(6);
        b.putShort((short) 8).putShort((short) 1).put(new byte[] {(byte) 192, 0, 2, 9});
        b.putShort((short) 8).putShort((short) 2).put(new byte[] {(byte) 192, 0, 2, 9});
        b.putShort((short) 12).putShort((short) 3).put("eth0:vip".getBytes()).put(new byte[4]);
        b.putInt(0, b.position());
        return b.flip();
    }

    @Test
    void decodesAKernelAddressNotification() throws Exception {
        RtnlCodec.Message m = RtnlCodec.next(kernelNewAddr(RtnlCodec.RTM_NEWADDR));
        InterfaceAddress a = RtnlCodec.decodeAddr(m.payload());
        assertEquals(new InterfaceAddress(6, InetAddress.getByName("192.0.2.9"), 24, "eth0:vip", true), a);
    }

    @Test
    void addressRemovalBecomesAnAddressRemovedEvent() throws Exception {
        LinkEvent e = RtnlLinkMonitor.toEvent(RtnlCodec.next(kernelNewAddr(RtnlCodec.RTM_DELADDR)));
        LinkEvent.AddressRemoved removed = assertInstanceOf(LinkEvent.AddressRemoved.class, e);
        assertEquals(InetAddress.getByName("192.0.2.9"), removed.address().address());
    }

    @Test
    void decodesLinkFlagsNameMacAndOperstate() {
        ByteBuffer b = buffer();
        b.putInt(0).putShort((short) RtnlCodec.RTM_NEWLINK).putShort((short) 0).putInt(0).putInt(0);
        b.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(4).putInt(RtnlCodec.IFF_UP).putInt(0);
        b.putShort((short) 8).putShort((short) 3).put("vb\0\0".getBytes());
        b.putShort((short) 10).putShort((short) 1).put(new byte[] {2, 0, 0, 0, 0, 7}).put(new byte[2]);
        b.putShort((short) 5).putShort((short) 16).put((byte) 3).put(new byte[3]);
        b.putInt(0, b.position());
        b.flip();
        LinkEvent e = RtnlLinkMonitor.toEvent(RtnlCodec.next(b));
        LinkState s = assertInstanceOf(LinkEvent.LinkChanged.class, e).state();
        assertEquals(new LinkState(4, "vb", true, false, "LOWERLAYERDOWN"), s);
        assertFalse(s.usable());
        b.rewind();
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 7}, RtnlCodec.decodeLink(RtnlCodec.next(b).payload()).mac());
    }

    @Test
    void iteratesSeveralMessagesInOneDatagramAndStopsAtTruncation() {
        ByteBuffer b = buffer();
        for (int seq = 1; seq <= 2; seq++) {
            b.putInt(20).putShort((short) RtnlCodec.NLMSG_ERROR).putShort((short) 0).putInt(seq).putInt(0);
            b.putInt(-17);
        }
        b.putInt(400).putShort((short) 1); // header claims more than the datagram holds
        b.flip();
        RtnlCodec.Message first = RtnlCodec.next(b);
        RtnlCodec.Message second = RtnlCodec.next(b);
        assertEquals(1, first.seq());
        assertEquals(2, second.seq());
        assertEquals(17, RtnlCodec.errorOf(second));
        assertNull(RtnlCodec.next(b));
    }

    @Test
    void extendedAckCarriesTheKernelsReason() {
        ByteBuffer b = buffer();
        b.putInt(0).putShort((short) RtnlCodec.NLMSG_ERROR)
                .putShort((short) (RtnlCodec.NLM_F_CAPPED | RtnlCodec.NLM_F_ACK_TLVS)).putInt(3).putInt(0);
        b.putInt(-22);
        b.putInt(44).putShort((short) RtnlCodec.RTM_NEWADDR).putShort((short) 0x605).putInt(3).putInt(0);
        b.putShort((short) 20).putShort((short) RtnlCodec.NLMSGERR_ATTR_MSG).put("Invalid prefix\0".getBytes())
                .put(new byte[1]);
        b.putInt(0, b.position());
        RtnlCodec.Ack ack = RtnlCodec.ackOf(RtnlCodec.next(b.flip()));
        assertEquals(new RtnlCodec.Ack(22, "Invalid prefix"), ack);
    }

    @Test
    void plainAckHasNoErrnoAndNoText() {
        ByteBuffer b = buffer();
        b.putInt(36).putShort((short) RtnlCodec.NLMSG_ERROR).putShort((short) 0).putInt(3).putInt(0);
        b.putInt(0).putInt(32).putShort((short) RtnlCodec.RTM_DELADDR).putShort((short) 5).putInt(3).putInt(0);
        assertEquals(RtnlCodec.Ack.OK, RtnlCodec.ackOf(RtnlCodec.next(b.flip())));
    }

    @Test
    void overrunBecomesAResyncEvent() {
        LinkEvent e = RtnlLinkMonitor.toEvent(new RtnlCodec.Message(RtnlCodec.NLMSG_OVERRUN, 0, 0, ByteBuffer.allocate(0)));
        assertTrue(e instanceof LinkEvent.Overrun);
    }
}
