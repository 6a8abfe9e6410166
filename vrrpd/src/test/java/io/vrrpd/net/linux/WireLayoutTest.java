package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Layouts of the structs passed to the kernel, byte by byte. */
class WireLayoutTest {

    @Test
    void ipMreqnHasGroupInNetworkOrderAndIfindexInHostOrder() {
        Memory m = RawAdvertChannel.ipMreqn(new byte[] {(byte) 224, 0, 0, 18}, 0x0102);
        assertArrayEquals(new byte[] {(byte) 224, 0, 0, 18, 0, 0, 0, 0}, m.getByteArray(0, 8));
        int hostOrder = ByteBuffer.wrap(m.getByteArray(8, 4)).order(ByteOrder.nativeOrder()).getInt();
        assertEquals(0x0102, hostOrder);
    }

    @Test
    void sockaddrInHasFamilyInHostOrderAndAddressInNetworkOrder() {
        Memory m = RawAdvertChannel.sockaddrIn(new byte[] {(byte) 192, 0, 2, 2});
        assertEquals(2, ByteBuffer.wrap(m.getByteArray(0, 2)).order(ByteOrder.nativeOrder()).getShort());
        assertArrayEquals(new byte[] {0, 0, (byte) 192, 0, 2, 2}, m.getByteArray(2, 6));
    }

    @Test
    void sockaddrLlHasProtocolInNetworkOrderAndIfindexInHostOrder() {
        Memory m = PacketArpAnnouncer.sockaddrLl(7, 0x0806, new byte[] {-1, -1, -1, -1, -1, -1});
        assertArrayEquals(new byte[] {0x08, 0x06}, m.getByteArray(2, 2));
        assertEquals(7, ByteBuffer.wrap(m.getByteArray(4, 4)).order(ByteOrder.nativeOrder()).getInt());
        assertEquals(6, m.getByte(11));
        assertArrayEquals(new byte[] {-1, -1, -1, -1, -1, -1, 0, 0}, m.getByteArray(12, 8));
    }

    @Test
    void gratuitousArpIsARequestWithSenderAndTargetIpBothTheVip() throws Exception {
        byte[] mac = {2, 0, 0, 0, 0, 1};
        ByteBuffer f = ArpFrame.gratuitous(ByteBuffer.allocate(64), mac, (Inet4Address) InetAddress.getByName("192.0.2.100"));
        byte[] vip = {(byte) 192, 0, 2, 100};
        byte[] bcast = {-1, -1, -1, -1, -1, -1};
        assertEquals(42, f.remaining());
        byte[] expected = ByteBuffer.allocate(42)
                .put(bcast).put(mac).putShort((short) 0x0806)
                .putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1)
                .put(mac).put(vip).put(bcast).put(vip).array();
        byte[] actual = new byte[42];
        f.get(actual);
        assertArrayEquals(expected, actual);
    }

    @Test
    void gratuitousArpRefusesNonEthernetAddresses() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.getByName("192.0.2.100");
        assertThrows(IllegalArgumentException.class, () -> ArpFrame.gratuitous(ByteBuffer.allocate(64), new byte[0], vip));
    }

    @Test
    void abstractNotifySocketBecomesLeadingNulWithoutTerminator() {
        Memory m = new Memory(110);
        int len = UnixSystemdNotifier.sockaddrUn(m, "@vrrpd/notify");
        assertEquals(2 + 13, len);
        assertEquals(0, m.getByte(2));
        assertEquals('v', m.getByte(3));
    }

    @Test
    void pathNotifySocketIsNulTerminated() {
        Memory m = new Memory(110);
        assertEquals(2 + 21 + 1, UnixSystemdNotifier.sockaddrUn(m, "/run/systemd/notify.x"));
        assertEquals('/', m.getByte(2));
        assertEquals(0, m.getByte(2 + 21));
    }
}
