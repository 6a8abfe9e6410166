package io.vrrpd.protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The fields of an IPv4 header that the VRRP receive checks need, parsed from what a raw
 * {@code IPPROTO_VRRP} socket delivers (the datagram including its IP header).
 *
 * <p>Layout, RFC 791 §3.1:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The header checksum is not checked: the kernel drops datagrams whose header checksum fails before
 * a raw socket sees them.
 *
 * @param headerLength IHL times 4, 20..60
 * @param totalLength  the Total Length field, equal to the datagram's length
 * @param ttl          0..255
 * @param protocol     0..255
 * @param source       the sender
 * @param destination  224.0.0.18 for multicast adverts
 */
public record Ipv4Header(int headerLength, int totalLength, int ttl, int protocol,
                         Inet4Address source, Inet4Address destination) {

    public static final int VERSION_IHL_OFFSET = 0;
    public static final int TOTAL_LENGTH_OFFSET = 2;
    public static final int TTL_OFFSET = 8;
    public static final int PROTOCOL_OFFSET = 9;
    public static final int SOURCE_OFFSET = 12;
    public static final int DESTINATION_OFFSET = 16;
    /** Header without options. */
    public static final int MIN_LENGTH = 20;
    /** IHL is 4 bits of 32-bit words. */
    public static final int MAX_LENGTH = 60;

    public Ipv4Header {
        if (headerLength < MIN_LENGTH || headerLength > MAX_LENGTH || headerLength % 4 != 0) {
            throw new IllegalArgumentException("header length must be 20..60 in steps of 4 (was " + headerLength + ")");
        }
        if (totalLength < headerLength || totalLength > 0xffff) {
            throw new IllegalArgumentException("total length " + totalLength + " out of range");
        }
        if (ttl < 0 || ttl > 255 || protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("ttl and protocol are octets");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }

    /** Length of the payload after the header. */
    public int payloadLength() {
        return totalLength - headerLength;
    }

    /**
     * Parses the header at {@code datagram}'s position; the datagram runs to the limit. Never throws;
     * position and limit are left unchanged.
     */
    public static Outcome<Ipv4Header> parse(ByteBuffer datagram) {
        if (datagram == null) {
            return Outcome.dropped(DropReason.IP_HEADER, "no datagram");
        }
        int base = datagram.position();
        int length = datagram.remaining();
        if (length < MIN_LENGTH) {
            return Outcome.dropped(DropReason.IP_HEADER, "datagram " + length + " bytes, shorter than an IPv4 header");
        }
        int versionIhl = VrrpPacketLayout.u8(datagram, base + VERSION_IHL_OFFSET);
        int version = versionIhl >>> 4;
        if (version != 4) {
            return Outcome.dropped(DropReason.IP_HEADER, "IP version " + version + ", expected 4");
        }
        int headerLength = (versionIhl & 0x0f) * 4;
        if (headerLength < MIN_LENGTH || headerLength > length) {
            return Outcome.dropped(DropReason.IP_HEADER,
                    "IHL " + headerLength + " bytes, datagram " + length + " bytes");
        }
        int totalLength = VrrpPacketLayout.u16(datagram, base + TOTAL_LENGTH_OFFSET);
        if (totalLength != length) {
            // RFC 3768 §7.1 asks for the length check; a mismatch means truncation or padding we cannot trust.
            return Outcome.dropped(DropReason.LENGTH,
                    "IP total length " + totalLength + ", datagram " + length + " bytes");
        }
        return Outcome.ok(new Ipv4Header(headerLength, totalLength,
                VrrpPacketLayout.u8(datagram, base + TTL_OFFSET),
                VrrpPacketLayout.u8(datagram, base + PROTOCOL_OFFSET),
                address(datagram, base + SOURCE_OFFSET),
                address(datagram, base + DESTINATION_OFFSET)));
    }

    private static Inet4Address address(ByteBuffer buf, int index) {
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            octets[i] = buf.get(index + i);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException impossible) {
            // getByAddress only fails for lengths other than 4 and 16.
            throw new IllegalStateException(impossible);
        }
    }
}
