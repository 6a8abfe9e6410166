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
    private static final String CAP = "CAP_NET_RAW";
    private final int fd;
    private final RtnlInterfaceLookup lookup;
    private final ByteBuffer frame = ByteBuffer.allocateDirect(64);
    private boolean closed;

    private PacketArpAnnouncer(int fd, RtnlInterfaceLookup lookup) {
        this.fd = fd;
        this.lookup = lookup;
    }

    /** Opens the packet socket. */
    public static PacketArpAnnouncer open() throws SyscallException {
        int fd = Syscalls.socket(Syscalls.AF_PACKET, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC, 0,
                () -> "socket(AF_PACKET, SOCK_RAW, 0)", CAP);
        try {
            return new PacketArpAnnouncer(fd, RtnlInterfaceLookup.open());
        } catch (SyscallException e) {
            Syscalls.closeQuietly(fd);
            throw e;
        }
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
        if (closed) {
            throw new java.nio.channels.ClosedChannelException();
        }
        String what = "sendto(AF_PACKET, gratuitous ARP " + vip.getHostAddress() + ", " + ifname + ")";
        InterfaceInfo info = lookup.lookup(ifname).orElseThrow(() -> Errno.exception(what, Errno.ENODEV, null));
        byte[] mac = info.mac();
        if (mac.length != 6) {
            throw Errno.exception(what + " [no Ethernet MAC]", Errno.EINVAL, null);
        }
        ArpFrame.gratuitous(frame, mac, vip);
        Memory to = sockaddrLl(info.ifindex(), ArpFrame.ETH_P_ARP, new byte[] {-1, -1, -1, -1, -1, -1});
        Syscalls.sendto(fd, frame, 0, to, 20, () -> what, CAP);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Syscalls.closeQuietly(fd);
            lookup.close();
        }
    }
}
