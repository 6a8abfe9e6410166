package io.vrrpd.net.linux;

import io.vrrpd.net.InterfaceAddress;
import io.vrrpd.net.LinkState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * rtnetlink message layouts (netlink(7), rtnetlink(7)): bytes in, values out, no sockets.
 *
 * <pre>
 * struct nlmsghdr  (16)  u32 len | u16 type | u16 flags | u32 seq | u32 pid     host byte order
 * struct ifaddrmsg  (8)  u8 family | u8 prefixlen | u8 flags | u8 scope | u32 index
 * struct ifinfomsg (16)  u8 family | u8 pad | u16 type | s32 index | u32 flags | u32 change
 * struct rtattr     (4)  u16 len | u16 type | payload, padded to 4
 * struct nlmsgerr       s32 error (-errno, 0 = ACK) | the offending nlmsghdr ...
 * </pre>
 * Header fields are in host order (the buffers passed in must be {@link ByteOrder#nativeOrder()});
 * addresses inside attributes are in network order, i.e. plain {@link InetAddress#getAddress()} bytes.
 */
final class RtnlCodec {
    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    static final int NLM_F_CAPPED = 0x100;
    static final int NLM_F_ACK_TLVS = 0x200;
    static final int NLMSGERR_ATTR_MSG = 1;
    static final int NLM_F_DUMP = 0x300;

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;

    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV6_IFADDR = 0x100;

    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_BROADCAST = 4;
    static final int IFA_F_SECONDARY = 0x01;
    static final int IFA_F_NODAD = 0x02;
    static final int RT_SCOPE_UNIVERSE = 0;

    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_OPERSTATE = 16;
    static final int IFF_UP = 0x1;
    static final int IFF_RUNNING = 0x40;

    /** IF_OPER_* of RFC 2863 as the kernel numbers them (Documentation/networking/operstates.rst). */
    private static final String[] OPER_STATES = {
        "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"};

    private RtnlCodec() {
    }

    /** One message of a datagram: header fields plus its payload (after the header) as a slice. */
    record Message(int type, int flags, int seq, ByteBuffer payload) {
    }

    /** A decoded RTM_NEWLINK/RTM_DELLINK: the state plus the hardware address. */
    record Link(LinkState state, byte[] mac) {
    }

    static int align(int n) {
        return (n + 3) & ~3;
    }

    /** RTM_NEWADDR (create, exclusive, ACK requested) for {@code addr/prefixLen} on {@code ifindex}. */
    static ByteBuffer newAddr(ByteBuffer b, int seq, int ifindex, InetAddress addr, int prefixLen, String label,
            InetAddress broadcast) {
        int start = beginMessage(b, RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
        // IPv6 VIPs skip duplicate address detection, as keepalived does: the address must be
        // usable at once and the peer no longer holds it.
        boolean v6 = !(addr instanceof Inet4Address);
        ifaddrmsg(b, addr, prefixLen, v6 ? IFA_F_NODAD : 0, ifindex);
        attr(b, IFA_LOCAL, addr.getAddress());
        attr(b, IFA_ADDRESS, addr.getAddress());
        if (broadcast != null) {
            attr(b, IFA_BROADCAST, broadcast.getAddress());
        }
        if (label != null && !label.isEmpty()) {
            attr(b, IFA_LABEL, cString(label));
        }
        return endMessage(b, start);
    }

    /** RTM_DELADDR (ACK requested) for {@code addr/prefixLen} on {@code ifindex}. */
    static ByteBuffer delAddr(ByteBuffer b, int seq, int ifindex, InetAddress addr, int prefixLen) {
        int start = beginMessage(b, RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifaddrmsg(b, addr, prefixLen, 0, ifindex);
        attr(b, IFA_LOCAL, addr.getAddress());
        return endMessage(b, start);
    }

    /** RTM_GETADDR dump of every address of every interface (family AF_UNSPEC). */
    static ByteBuffer dumpAddrs(ByteBuffer b, int seq) {
        int start = beginMessage(b, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq);
        b.put(new byte[8]);
        return endMessage(b, start);
    }

    /** RTM_GETLINK for one interface by name (IFLA_IFNAME); the kernel answers ENODEV if absent. */
    static ByteBuffer getLink(ByteBuffer b, int seq, String name) {
        int start = beginMessage(b, RTM_GETLINK, NLM_F_REQUEST, seq);
        b.put(new byte[16]);
        attr(b, IFLA_IFNAME, cString(name));
        return endMessage(b, start);
    }

    private static int beginMessage(ByteBuffer b, int type, int flags, int seq) {
        b.clear();
        int start = b.position();
        b.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return start;
    }

    private static ByteBuffer endMessage(ByteBuffer b, int start) {
        b.putInt(start, b.position() - start);
        return b.flip();
    }

    private static void ifaddrmsg(ByteBuffer b, InetAddress addr, int prefixLen, int flags, int ifindex) {
        b.put((byte) (addr instanceof Inet4Address ? Syscalls.AF_INET : Syscalls.AF_INET6));
        b.put((byte) prefixLen).put((byte) flags).put((byte) RT_SCOPE_UNIVERSE).putInt(ifindex);
    }

    private static void attr(ByteBuffer b, int type, byte[] value) {
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        for (int pad = align(value.length) - value.length; pad > 0; pad--) {
            b.put((byte) 0);
        }
    }

    private static byte[] cString(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[raw.length + 1];
        System.arraycopy(raw, 0, z, 0, raw.length);
        return z;
    }

    /**
     * Reads the next message at {@code b}'s position and advances past it (aligned); null when
     * fewer bytes than a header remain or the length field is inconsistent (a truncated datagram).
     */
    static Message next(ByteBuffer b) {
        if (b.remaining() < NLMSG_HDRLEN) {
            return null;
        }
        int at = b.position();
        int len = b.getInt(at);
        if (len < NLMSG_HDRLEN || len > b.remaining()) {
            return null;
        }
        int type = b.getShort(at + 4) & 0xffff;
        int flags = b.getShort(at + 6) & 0xffff;
        int seq = b.getInt(at + 8);
        ByteBuffer payload = b.duplicate().position(at + NLMSG_HDRLEN).limit(at + len).slice().order(b.order());
        b.position(Math.min(b.limit(), at + align(len)));
        return new Message(type, flags, seq, payload);
    }

    /** The kernel's final answer to a request: errno 0 for success, plus any extended-ack text. */
    record Ack(int errno, String kernelMessage) {
        static final Ack OK = new Ack(0, null);
    }

    /** The error of an NLMSG_ERROR payload as a positive errno; 0 for an ACK. */
    static int errorOf(Message m) {
        return -m.payload().getInt(0);
    }

    /**
     * Decodes an NLMSG_ERROR (netlink(7), "extended ACK"): s32 error, the echoed request header
     * (only the header when NLM_F_CAPPED, else the whole request), then with NLM_F_ACK_TLVS the
     * attributes, of which NLMSGERR_ATTR_MSG is the kernel's human-readable reason.
     */
    static Ack ackOf(Message m) {
        ByteBuffer p = m.payload();
        int errno = -p.getInt(0);
        String text = null;
        if ((m.flags() & NLM_F_ACK_TLVS) != 0 && p.limit() >= 4 + NLMSG_HDRLEN) {
            int echoed = (m.flags() & NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN : p.getInt(4);
            for (int at = 4 + align(echoed); at + 4 <= p.limit(); ) {
                int len = p.getShort(at) & 0xffff;
                int type = p.getShort(at + 2) & 0xffff;
                if (len < 4 || at + len > p.limit()) {
                    break;
                }
                if (type == NLMSGERR_ATTR_MSG) {
                    text = string(p, at + 4, len - 4);
                }
                at += align(len);
            }
        }
        return errno == 0 && text == null ? Ack.OK : new Ack(errno, text);
    }

    /** Decodes an RTM_NEWADDR/RTM_DELADDR payload; null for families other than IPv4/IPv6. */
    static InterfaceAddress decodeAddr(ByteBuffer p) {
        int family = p.get(0) & 0xff;
        if (family != Syscalls.AF_INET && family != Syscalls.AF_INET6) {
            return null;
        }
        int prefixLen = p.get(1) & 0xff;
        int flags = p.get(2) & 0xff;
        int ifindex = p.getInt(4);
        byte[] local = null;
        byte[] address = null;
        String label = "";
        for (int at = 8; at + 4 <= p.limit(); ) {
            int len = p.getShort(at) & 0xffff;
            int type = p.getShort(at + 2) & 0xffff;
            if (len < 4 || at + len > p.limit()) {
                break;
            }
            switch (type) {
                case IFA_LOCAL -> local = bytes(p, at + 4, len - 4);
                case IFA_ADDRESS -> address = bytes(p, at + 4, len - 4);
                case IFA_LABEL -> label = string(p, at + 4, len - 4);
                default -> { }
            }
            at += align(len);
        }
        // For IPv4 IFA_LOCAL is the interface's own address and IFA_ADDRESS the peer on
        // point-to-point links; IPv6 sends IFA_ADDRESS only (rtnetlink(7)).
        byte[] own = local != null ? local : address;
        if (own == null) {
            return null;
        }
        try {
            return new InterfaceAddress(ifindex, InetAddress.getByAddress(own), prefixLen, label,
                    (flags & IFA_F_SECONDARY) != 0);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Decodes an RTM_NEWLINK/RTM_DELLINK payload. */
    static Link decodeLink(ByteBuffer p) {
        int ifindex = p.getInt(4);
        int flags = p.getInt(8);
        String name = "";
        byte[] mac = new byte[0];
        String oper = "UNKNOWN";
        for (int at = 16; at + 4 <= p.limit(); ) {
            int len = p.getShort(at) & 0xffff;
            int type = p.getShort(at + 2) & 0xffff;
            if (len < 4 || at + len > p.limit()) {
                break;
            }
            switch (type) {
                case IFLA_IFNAME -> name = string(p, at + 4, len - 4);
                case IFLA_ADDRESS -> mac = bytes(p, at + 4, len - 4);
                case IFLA_OPERSTATE -> {
                    int v = p.get(at + 4) & 0xff;
                    oper = v < OPER_STATES.length ? OPER_STATES[v] : "UNKNOWN";
                }
                default -> { }
            }
            at += align(len);
        }
        LinkState state = new LinkState(ifindex, name, (flags & IFF_UP) != 0, (flags & IFF_RUNNING) != 0, oper);
        return new Link(state, mac);
    }

    private static byte[] bytes(ByteBuffer p, int at, int len) {
        byte[] out = new byte[len];
        p.get(at, out);
        return out;
    }

    private static String string(ByteBuffer p, int at, int len) {
        byte[] raw = bytes(p, at, len);
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        return new String(raw, 0, n, StandardCharsets.UTF_8);
    }
}
