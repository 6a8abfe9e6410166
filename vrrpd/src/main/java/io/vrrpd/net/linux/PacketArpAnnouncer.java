package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import io.vrrpd.net.ArpAnnouncer;
import io.vrrpd.net.InterfaceInfo;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * {@link ArpAnnouncer} over one AF_PACKET/SOCK_RAW socket (packet(7)). The socket is opened with
 * protocol 0, so it receives nothing and needs no draining; each frame names its interface in
 * sockaddr_ll. The MAC and ifindex are looked up per call so a renamed or re-created
 * interface is handled.
 *
 * <p>Bound to the network namespace of the thread that called {@link #open}. Thread-safe.
 */
public final class PacketArpAnnouncer implements ArpAnnouncer {
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private final AnnouncerSocket socket;
    private final ByteBuffer frame = ByteBuffer.allocateDirect(64);

    private PacketArpAnnouncer(AnnouncerSocket socket) {
        this.socket = socket;
    }

    /** Opens the packet socket. */
    public static PacketArpAnnouncer open() throws SyscallException {
        return new PacketArpAnnouncer(AnnouncerSocket.open(Syscalls.AF_PACKET, 0, "socket(AF_PACKET, SOCK_RAW, 0)",
                fd -> { }));
    }

    /**
     * struct sockaddr_ll { u16 family; u16 protocol (network order); int ifindex (host order);
     * u16 hatype; u8 pkttype; u8 halen; u8 addr[8]; } (20 bytes).
     */
    static Memory sockaddrLl(int ifindex, int ethertype, byte[] dstMac) {
        Memory m = new Memory(20);
        m.clear();
        m.setShort(0, (short) Syscalls.AF_PACKET);
        m.setByte(2, (byte) (ethertype >> 8));
        m.setByte(3, (byte) ethertype);
        m.setInt(4, ifindex);
        m.setByte(11, (byte) dstMac.length);
        m.write(12, dstMac, 0, dstMac.length);
        return m;
    }

    @Override
    public synchronized void announce(String ifname, Inet4Address vip) throws IOException {
        String what = "sendto(AF_PACKET, gratuitous ARP " + vip.getHostAddress() + ", " + ifname + ")";
        InterfaceInfo info = socket.ethernet(ifname, what);
        ArpFrame.gratuitous(frame, info.mac(), vip);
        socket.send(frame, sockaddrLl(info.ifindex(), ArpFrame.ETH_P_ARP, BROADCAST), 20, what);
    }

    @Override
    public synchronized void close() {
        socket.close();
    }
}
