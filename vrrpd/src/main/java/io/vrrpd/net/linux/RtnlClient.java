package io.vrrpd.net.linux;

import io.vrrpd.net.InterfaceAddress;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Request/reply rtnetlink operations shared by the address manager, the interface lookup and
 * the link monitor's queries. Thread-safe: the socket serialises exchanges.
 */
final class RtnlClient implements AutoCloseable {
    private final NetlinkSocket socket;

    private RtnlClient(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a request socket in the calling thread's network namespace. */
    static RtnlClient open() throws SyscallException {
        return new RtnlClient(NetlinkSocket.open(0));
    }

    /** The link called {@code name}; empty on ENODEV. */
    Optional<RtnlCodec.Link> link(String name) throws IOException {
        List<RtnlCodec.Link> found = new ArrayList<>(1);
        RtnlCodec.Ack ack;
        synchronized (socket) {
            int seq = socket.nextSeq();
            ByteBuffer req = RtnlCodec.getLink(socket.requestBuffer(), seq, name);
            ack = socket.exchange(req, seq, m -> {
                if (m.type() == RtnlCodec.RTM_NEWLINK) {
                    found.add(RtnlCodec.decodeLink(m.payload()));
                }
            }, "RTM_GETLINK " + name);
        }
        if (ack.errno() == Errno.ENODEV) {
            return Optional.empty();
        }
        if (ack.errno() != 0) {
            throw Errno.exception("rtnetlink RTM_GETLINK(" + name + ")", ack.errno(), null, ack.kernelMessage());
        }
        return found.stream().findFirst();
    }

    /** ifindex of {@code name}, or a SyscallException (ENODEV) naming the operation. */
    int ifindex(String name, String operation) throws IOException {
        return link(name).map(l -> l.state().ifindex())
                .orElseThrow(() -> Errno.exception(operation, Errno.ENODEV, null));
    }

    /** All addresses of interface {@code ifindex}, kernel order (IPv4 primaries before secondaries). */
    List<InterfaceAddress> addresses(int ifindex) throws IOException {
        List<InterfaceAddress> out = new ArrayList<>();
        RtnlCodec.Ack ack;
        synchronized (socket) {
            int seq = socket.nextSeq();
            ByteBuffer req = RtnlCodec.dumpAddrs(socket.requestBuffer(), seq);
            ack = socket.exchange(req, seq, m -> {
                if (m.type() == RtnlCodec.RTM_NEWADDR) {
                    InterfaceAddress a = RtnlCodec.decodeAddr(m.payload());
                    if (a != null && a.ifindex() == ifindex) {
                        out.add(a);
                    }
                }
            }, "RTM_GETADDR dump");
        }
        if (ack.errno() != 0) {
            throw Errno.exception("rtnetlink RTM_GETADDR(dump)", ack.errno(), null, ack.kernelMessage());
        }
        return out;
    }

    /** Sends RTM_NEWADDR; returns the kernel's answer (errno 0 = added). */
    RtnlCodec.Ack addAddress(int ifindex, InetAddress addr, int prefixLen, String label, InetAddress brd, String what)
            throws IOException {
        synchronized (socket) {
            int seq = socket.nextSeq();
            ByteBuffer req = RtnlCodec.newAddr(socket.requestBuffer(), seq, ifindex, addr, prefixLen, label, brd);
            return socket.exchange(req, seq, m -> { }, what);
        }
    }

    /** Sends RTM_DELADDR; returns the kernel's answer (errno 0 = deleted). */
    RtnlCodec.Ack deleteAddress(int ifindex, InetAddress addr, int prefixLen, String what) throws IOException {
        synchronized (socket) {
            int seq = socket.nextSeq();
            ByteBuffer req = RtnlCodec.delAddr(socket.requestBuffer(), seq, ifindex, addr, prefixLen);
            return socket.exchange(req, seq, m -> { }, what);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
