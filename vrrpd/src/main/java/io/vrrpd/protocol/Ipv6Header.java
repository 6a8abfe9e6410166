package io.vrrpd.protocol;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The fields of an IPv6 header that the VRRPv3 receive checks need (RFC 5798 §7.1: hop limit 255,
 * the pseudo-header addresses of the checksum).
 *
 * <p>Layout, RFC 8200 §3:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Source Address (128 bits)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Destination Address (128 bits)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * A raw IPv6 socket does not deliver the header (ipv6(7)); the channel rebuilds this fixed header from
 * recvmsg's source address, IPV6_PKTINFO and IPV6_HOPLIMIT, so the receive checks read both families
 * the same way. Extension headers are consumed by the kernel and never appear here.
 *
 * @param payloadLength the Payload Length field, equal to the bytes after this header
 * @param nextHeader    112 for VRRP
 * @param hopLimit      0..255
 * @param source        the sender (a link-local address for a conforming VRRPv3 router, §5.1.1.1)
 * @param destination   ff02::12 for multicast adverts
 */
public record Ipv6Header(int payloadLength, int nextHeader, int hopLimit, Inet6Address source,
                         Inet6Address destination) {

    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    public static final int NEXT_HEADER_OFFSET = 6;
    public static final int HOP_LIMIT_OFFSET = 7;
    public static final int SOURCE_OFFSET = 8;
    public static final int DESTINATION_OFFSET = 24;
    /** The fixed header. */
    public static final int LENGTH = 40;

    public Ipv6Header {
        if (payloadLength < 0 || payloadLength > 0xffff) {
            throw new IllegalArgumentException("payload length " + payloadLength + " out of range");
        }
        if (nextHeader < 0 || nextHeader > 255 || hopLimit < 0 || hopLimit > 255) {
            throw new IllegalArgumentException("next header and hop limit are octets");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }

    /**
     * Writes a fixed header (traffic class and flow label zero) at {@code b}'s position and advances it.
     */
    public static void write(ByteBuffer b, int payloadLength, int nextHeader, int hopLimit, byte[] source,
                             byte[] destination) {
        b.putInt(0x6000_0000);
        b.putShort((short) payloadLength);
        b.put((byte) nextHeader);
        b.put((byte) hopLimit);
        b.put(source, 0, 16);
        b.put(destination, 0, 16);
    }

    /**
     * Parses the header at {@code datagram}'s position; the datagram runs to the limit. Never throws;
     * position and limit are left unchanged.
     */
    public static Outcome<Ipv6Header> parse(ByteBuffer datagram) {
        if (datagram == null) {
            return Outcome.dropped(DropReason.IP_HEADER, "no datagram");
        }
        int base = datagram.position();
        int length = datagram.remaining();
        if (length < LENGTH) {
            return Outcome.dropped(DropReason.IP_HEADER, "datagram " + length + " bytes, shorter than an IPv6 header");
        }
        int version = VrrpPacketLayout.u8(datagram, base) >>> 4;
        if (version != 6) {
            return Outcome.dropped(DropReason.IP_HEADER, "IP version " + version + ", expected 6");
        }
        int payloadLength = VrrpPacketLayout.u16(datagram, base + PAYLOAD_LENGTH_OFFSET);
        if (payloadLength != length - LENGTH) {
            return Outcome.dropped(DropReason.LENGTH,
                    "IPv6 payload length " + payloadLength + ", datagram carries " + (length - LENGTH) + " bytes");
        }
        return Outcome.ok(new Ipv6Header(payloadLength, VrrpPacketLayout.u8(datagram, base + NEXT_HEADER_OFFSET),
                VrrpPacketLayout.u8(datagram, base + HOP_LIMIT_OFFSET), address(datagram, base + SOURCE_OFFSET),
                address(datagram, base + DESTINATION_OFFSET)));
    }

    private static Inet6Address address(ByteBuffer buf, int index) {
        byte[] octets = new byte[16];
        for (int i = 0; i < 16; i++) {
            octets[i] = buf.get(index + i);
        }
        try {
            return Inet6Address.getByAddress(null, octets, -1);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
