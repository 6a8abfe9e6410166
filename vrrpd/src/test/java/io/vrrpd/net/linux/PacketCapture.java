package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import io.vrrpd.net.SyscallException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Frames of one EtherType as a peer sees them on one interface: an AF_PACKET/SOCK_RAW socket bound to
 * it (packet(7): the protocol in network order, the frame from its Ethernet header on). Opened in the
 * namespace of the calling thread, so open it inside {@link NetNamespace#call}.
 */
final class PacketCapture implements AutoCloseable {
    private final int fd;

    private PacketCapture(int fd) {
        this.fd = fd;
    }

    static PacketCapture open(String ifname, int ethertype) throws SyscallException {
        int protocol = Short.toUnsignedInt(Short.reverseBytes((short) ethertype));
        int fd = Syscalls.socket(Syscalls.AF_PACKET, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC | Syscalls.SOCK_NONBLOCK,
                protocol, () -> String.format("socket(AF_PACKET, 0x%04x)", ethertype), null);
        try {
            Memory sll = PacketArpAnnouncer.sockaddrLl(Syscalls.ifNameToIndex(ifname), ethertype, new byte[0]);
            Syscalls.bind(fd, sll, 20, () -> "bind(AF_PACKET, " + ifname + ")", null);
            return new PacketCapture(fd);
        } catch (SyscallException e) {
            Syscalls.closeQuietly(fd);
            throw e;
        }
    }

    /** The first frame {@code wanted} accepts (its limit set to the frame's length), or null after the timeout. */
    ByteBuffer await(Predicate<ByteBuffer> wanted, long timeoutMillis) throws SyscallException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Memory pfd = new Memory(8);
        while (System.nanoTime() < deadline) {
            ByteBuffer b = ByteBuffer.allocateDirect(1600);
            int n = Syscalls.recv(fd, b, 0, () -> "recv(AF_PACKET)");
            if (n < 0) {
                pfd.setInt(0, fd);
                pfd.setShort(4, Syscalls.POLLIN);
                pfd.setShort(6, (short) 0);
                Syscalls.pollFds(pfd, 1, 100);
                continue;
            }
            b.limit(n);
            if (wanted.test(b)) {
                return b;
            }
        }
        return null;
    }

    @Override
    public void close() {
        Syscalls.closeQuietly(fd);
    }
}
