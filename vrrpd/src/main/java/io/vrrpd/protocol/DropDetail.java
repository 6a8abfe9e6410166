package io.vrrpd.protocol;

import static io.vrrpd.protocol.VrrpPacketLayout.u16;
import static io.vrrpd.protocol.VrrpPacketLayout.u8;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The log text of a drop that {@link AdvertValidator#check} decided, e.g. {@code "advert_int 2 s,
 * expected 1 s"}: the reason says which check failed, the datagram's fields (read in place) give the
 * values. It decides nothing. Where one reason stands for more than one check (VRID is VRID 0 or another
 * instance's VRID), the fields tell which one failed: the scan stops at the first failure, so every
 * check before it held. Never shows a password.
 */
final class DropDetail {
    private DropDetail() {
    }

    /**
     * @param ipv6        the family the datagram was checked as
     * @param expectation the instance's; null for a datagram no instance claims
     */
    static String of(DropReason reason, ByteBuffer d, boolean ipv6, Expectation expectation) {
        if (d == null) {
            return "no datagram";
        }
        int base = d.position();
        int length = d.remaining();
        // Past an IP_HEADER drop the IP header is whole; before it these reads stay inside the datagram.
        int headerLength = ipv6 ? Ipv6Header.LENGTH : length > 0 ? (u8(d, base) & 0x0f) * 4 : 0;
        int at = base + headerLength;
        int vrrpLength = length - headerLength;
        int version = vrrpLength > 0 ? VrrpPacketLayout.version(d, at) : 0;
        int addressLength = ipv6 ? VrrpPacketLayout.IPV6_ADDRESS_LENGTH : VrrpPacketLayout.IPV4_ADDRESS_LENGTH;
        int vipLength = version == VrrpPacketLayout.VERSION_2 ? VrrpPacketLayout.IPV4_ADDRESS_LENGTH : addressLength;
        return switch (reason) {
            case IP_HEADER -> ipHeader(d, base, length, ipv6);
            case LENGTH -> length(d, base, length, ipv6, at, vrrpLength, version, vipLength);
            case NOT_VRRP -> "IP protocol "
                    + u8(d, base + (ipv6 ? Ipv6Header.NEXT_HEADER_OFFSET : Ipv4Header.PROTOCOL_OFFSET)) + ", expected 112";
            case TTL -> (ipv6 ? "hop limit " : "TTL ")
                    + u8(d, base + (ipv6 ? Ipv6Header.HOP_LIMIT_OFFSET : Ipv4Header.TTL_OFFSET)) + ", expected 255";
            case VERSION -> version != VrrpPacketLayout.VERSION_2 && version != VrrpPacketLayout.VERSION_3
                    || version == VrrpPacketLayout.VERSION_2 && ipv6
                    ? "version " + version + (ipv6 ? " over IPv6, supported 3" : ", supported 2 and 3")
                    : "version " + version + ", expected " + expectation.version();
            case TYPE -> "type " + VrrpPacketLayout.type(d, at) + ", expected 1 (advertisement)";
            case CHECKSUM -> String.format(Locale.ROOT, "checksum 0x%04x does not verify",
                    u16(d, at + VrrpPacketLayout.CHECKSUM_OFFSET));
            case VRID -> vrid(u8(d, at + VrrpPacketLayout.VRID_OFFSET), expectation);
            case AUTH_TYPE -> authType(u8(d, at + VrrpPacketLayout.AUTH_TYPE_OFFSET), expectation);
            case AUTH_DATA -> "auth data mismatch";
            case ADDRESS_LIST -> "addresses " + received(d, at, vipLength) + ", expected " + expected(expectation);
            case ADVERT_INTERVAL -> interval(d, at, version, expectation);
        };
    }

    private static String ipHeader(ByteBuffer d, int base, int length, boolean ipv6) {
        int minimum = ipv6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
        String family = ipv6 ? "IPv6" : "IPv4";
        if (length < minimum) {
            return "datagram " + length + " bytes, shorter than an " + family + " header";
        }
        int version = u8(d, base) >>> 4;
        if (version != (ipv6 ? 6 : 4)) {
            return "IP version " + version + ", expected " + (ipv6 ? 6 : 4);
        }
        return "IHL " + (u8(d, base) & 0x0f) * 4 + " bytes, datagram " + length + " bytes";
    }

    private static String length(ByteBuffer d, int base, int length, boolean ipv6, int at, int vrrpLength,
                                 int version, int vipLength) {
        if (ipv6) {
            int payloadLength = u16(d, base + Ipv6Header.PAYLOAD_LENGTH_OFFSET);
            if (payloadLength != vrrpLength) {
                return "IPv6 payload length " + payloadLength + ", datagram carries " + vrrpLength + " bytes";
            }
        } else {
            int totalLength = u16(d, base + Ipv4Header.TOTAL_LENGTH_OFFSET);
            if (totalLength != length) {
                // RFC 3768 §7.1 asks for the length check; a mismatch is truncation or padding we cannot trust.
                return "IP total length " + totalLength + ", datagram " + length + " bytes";
            }
        }
        if (vrrpLength < VrrpPacketLayout.HEADER_LENGTH) {
            return "payload " + vrrpLength + " bytes, shorter than the " + VrrpPacketLayout.HEADER_LENGTH
                    + "-byte header";
        }
        int count = u8(d, at + VrrpPacketLayout.COUNT_IP_ADDRS_OFFSET);
        int need = version == VrrpPacketLayout.VERSION_2
                ? VrrpPacketLayout.v2Length(count)
                : VrrpPacketLayout.HEADER_LENGTH + count * vipLength;
        return "payload " + vrrpLength + " bytes, " + count + " address(es) need " + need;
    }

    private static String vrid(int vrid, Expectation expectation) {
        if (vrid == 0) {
            return "vrid 0 is not valid";
        }
        return expectation == null
                ? "vrid " + vrid + " is not configured on this interface"
                : "vrid " + vrid + ", expected " + expectation.vrid();
    }

    private static String authType(int code, Expectation expectation) {
        AuthType type = AuthType.fromCode(code);
        return type == null
                ? "unknown auth type " + code
                : "auth type " + describe(type) + ", expected " + describe(expectation.authType());
    }

    private static String interval(ByteBuffer d, int at, int version, Expectation expectation) {
        if (version != VrrpPacketLayout.VERSION_2) {
            // Only a zero interval drops a v3 advert: a backup adopts the master's (RFC 5798 §6.4.2).
            return "max_adver_int 0 cs";
        }
        int seconds = u8(d, at + VrrpPacketLayout.ADVER_INT_OFFSET);
        return seconds == 0
                ? "advert_int 0 s"
                : "advert_int " + seconds + " s, expected " + seconds(expectation.advertIntervalCentis()) + " s";
    }

    private static String describe(AuthType type) {
        return type.code() + " (" + type.name().toLowerCase(Locale.ROOT) + ")";
    }

    private static String seconds(int centis) {
        return centis % Advertisement.CENTIS_PER_SECOND == 0
                ? Integer.toString(centis / Advertisement.CENTIS_PER_SECOND)
                : String.format(Locale.ROOT, "%.2f", centis / 100.0);
    }

    /** The advert's addresses as one sorted set, duplicates and order aside, as the check compares them. */
    private static String received(ByteBuffer d, int at, int vipLength) {
        int count = u8(d, at + VrrpPacketLayout.COUNT_IP_ADDRS_OFFSET);
        Set<String> sorted = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            sorted.add(ReceivedFields.addressAt(d, at + VrrpPacketLayout.ADDRESSES_OFFSET + i * vipLength, vipLength)
                    .getHostAddress());
        }
        return "[" + String.join(",", sorted) + "]";
    }

    private static String expected(Expectation expectation) {
        Set<String> sorted = new TreeSet<>();
        for (InetAddress a : expectation.addresses()) {
            sorted.add(a.getHostAddress());
        }
        return "[" + String.join(",", sorted) + "]";
    }
}
