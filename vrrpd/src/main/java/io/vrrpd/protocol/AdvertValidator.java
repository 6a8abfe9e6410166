package io.vrrpd.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The receive checks of RFC 3768 §7.1 for one instance, applied to a datagram as a raw socket delivers
 * it (IPv4 header plus VRRP payload), in the RFC's order: TTL, version, length, checksum, VRID, auth
 * type, auth data, address list, advert interval. VRRPv3 (RFC 5798 §7.1) runs the same checks minus
 * authentication and the interval match, over IPv4 or over IPv6 (a datagram starting with the fixed
 * IPv6 header, {@link Ipv6Header}; its hop limit is checked as the TTL is).
 *
 * <p>{@link #check} is the one place the decision is made, in place and without allocating, for the
 * receive path (issue 10). {@link #validate} and {@link #rejectUnrouted(ByteBuffer)} run it and then
 * only word its answer: the accepted advert as a record, or the drop with a detail text for a log line
 * ({@link DropDetail}). Two implementations of one security check would drift apart; one cannot.
 *
 * <p>Demultiplexing comes first and is the caller's: read the VRID with {@link #peekVrid(ByteBuffer)}
 * and hand the datagram to the validator of the instance with that VRID on the receiving interface.
 * A datagram whose VRID matches no instance is dropped with {@link DropReason#VRID} (§7.1: "MUST
 * verify that the VRID is configured on the receiving interface"); {@link #rejectUnrouted(ByteBuffer)}
 * gives the drop to count for it, naming an earlier failure (TTL, checksum, ...) when there is one.
 *
 * <p>Address list (§7.1): a list that differs from the configured one is dropped unless the sender is
 * the address owner (priority 255), in which case the advert is accepted and flagged. keepalived 2.2.7
 * drops on any mismatch, owner or not (vrrp.c, vrrp_check_packet); vrrpd follows the RFC.
 *
 * <p>Immutable and thread-safe; never throws on any datagram.
 */
public final class AdvertValidator {
    private final Expectation expectation;
    /** The family of the configured addresses: a socket of that family delivered the datagram. */
    private final boolean ipv6;
    /** The configured addresses' octets, for {@link #check}'s comparison without InetAddress objects. */
    private final byte[][] expectedOctets;

    public AdvertValidator(Expectation expectation) {
        this.expectation = Objects.requireNonNull(expectation, "expectation");
        this.ipv6 = expectation.addresses().stream().anyMatch(a -> a instanceof Inet6Address);
        this.expectedOctets = expectation.addresses().stream().map(InetAddress::getAddress).toArray(byte[][]::new);
    }

    /** The expectation this validator checks against. */
    public Expectation expectation() {
        return expectation;
    }

    /**
     * {@link #check}'s answer in words: the accepted advert, or the drop with its {@link #describeDrop}
     * detail. Allocates: for tests, tools and fixtures, not the receive path. Checks the datagram from
     * {@code datagram}'s position to its limit; position and limit are left unchanged.
     */
    public Outcome<ReceivedAdvert> validate(ByteBuffer datagram) {
        ReceivedFields fields = new ReceivedFields();
        DropReason drop = check(datagram, fields);
        return drop != null
                ? Outcome.dropped(drop, describeDrop(drop, datagram))
                : Outcome.ok(fields.toReceivedAdvert(datagram));
    }

    /**
     * The receive checks, without allocating, for the receive path (issue 10), read straight from the
     * datagram. Returns null when the advert passes, its fields then in {@code into}; else the reason,
     * which {@link #describeDrop} words for a log line. Position and limit are left unchanged.
     */
    public DropReason check(ByteBuffer datagram, ReceivedFields into) {
        DropReason generic = scan(datagram, ipv6, into);
        if (generic != null) {
            return generic;
        }
        if (into.vrid != expectation.vrid()) {
            return DropReason.VRID;
        }
        if (into.version != expectation.version()) {
            return DropReason.VERSION;
        }
        if (into.authType != expectation.authType()) {
            return DropReason.AUTH_TYPE;
        }
        int addressesEnd = into.addressesAt + into.count * into.vipLength;
        if (into.authType == AuthType.SIMPLE_TEXT && !authDataMatches(datagram, addressesEnd)) {
            return DropReason.AUTH_DATA;
        }
        into.addressListMatches = sameAddresses(datagram, into.addressesAt, into.count, into.vipLength);
        if (!into.addressListMatches && into.priority != VrrpPacketLayout.PRIORITY_OWNER) {
            return DropReason.ADDRESS_LIST;
        }
        // RFC 3768 §7.1 (v2 only): the interval MUST match. RFC 5798 §6.4.2: a v3 backup adopts it instead.
        if (into.version == VrrpPacketLayout.VERSION_2
                && into.advertIntervalCentis != expectation.advertIntervalCentis()) {
            return DropReason.ADVERT_INTERVAL;
        }
        return null;
    }

    /**
     * A short text for a log line about {@code reason}, which {@link #check} returned for
     * {@code datagram}, e.g. {@code "advert_int 2 s, expected 1 s"}; never a password. Decides nothing;
     * allocates. Position and limit are left unchanged.
     */
    public String describeDrop(DropReason reason, ByteBuffer datagram) {
        return DropDetail.of(Objects.requireNonNull(reason, "reason"), datagram, ipv6, expectation);
    }

    /**
     * {@link #rejectUnrouted(ByteBuffer)}'s reason without allocating: other routers' adverts on a shared
     * segment arrive every interval for as long as the daemon runs.
     *
     * @param scratch overwritten
     */
    public static DropReason rejectUnrouted(ByteBuffer datagram, ReceivedFields scratch) {
        DropReason generic = scan(datagram, versionNibbleIs6(datagram), scratch);
        return generic != null ? generic : DropReason.VRID;
    }

    /** No instance claims the datagram, so its own first nibble says which family to check it as. */
    private static boolean versionNibbleIs6(ByteBuffer datagram) {
        return datagram != null && datagram.remaining() > 0 && (datagram.get(datagram.position()) & 0xff) >>> 4 == 6;
    }

    /**
     * The checks that need no configuration: the IP header, protocol and TTL, then what the packet must
     * satisfy on its own (as {@link AdvertDecoder#decode(ByteBuffer, PseudoHeader)} checks it); the fields
     * go to {@code into}.
     */
    private static DropReason scan(ByteBuffer datagram, boolean ipv6, ReceivedFields into) {
        if (datagram == null) {
            return DropReason.IP_HEADER;
        }
        int base = datagram.position();
        int length = datagram.remaining();
        int headerLength;
        int addressLength;
        int ttl;
        int protocol;
        int sourceAt;
        int destinationAt;
        if (ipv6) {
            if (length < Ipv6Header.LENGTH || VrrpPacketLayout.u8(datagram, base) >>> 4 != 6) {
                return DropReason.IP_HEADER;
            }
            if (VrrpPacketLayout.u16(datagram, base + Ipv6Header.PAYLOAD_LENGTH_OFFSET) != length - Ipv6Header.LENGTH) {
                return DropReason.LENGTH;
            }
            headerLength = Ipv6Header.LENGTH;
            addressLength = VrrpPacketLayout.IPV6_ADDRESS_LENGTH;
            ttl = VrrpPacketLayout.u8(datagram, base + Ipv6Header.HOP_LIMIT_OFFSET);
            protocol = VrrpPacketLayout.u8(datagram, base + Ipv6Header.NEXT_HEADER_OFFSET);
            sourceAt = base + Ipv6Header.SOURCE_OFFSET;
            destinationAt = base + Ipv6Header.DESTINATION_OFFSET;
        } else {
            int versionIhl = length < Ipv4Header.MIN_LENGTH ? 0 : VrrpPacketLayout.u8(datagram, base);
            headerLength = (versionIhl & 0x0f) * 4;
            if (versionIhl >>> 4 != 4 || headerLength < Ipv4Header.MIN_LENGTH || headerLength > length) {
                return DropReason.IP_HEADER;
            }
            if (VrrpPacketLayout.u16(datagram, base + Ipv4Header.TOTAL_LENGTH_OFFSET) != length) {
                return DropReason.LENGTH;
            }
            addressLength = VrrpPacketLayout.IPV4_ADDRESS_LENGTH;
            ttl = VrrpPacketLayout.u8(datagram, base + Ipv4Header.TTL_OFFSET);
            protocol = VrrpPacketLayout.u8(datagram, base + Ipv4Header.PROTOCOL_OFFSET);
            sourceAt = base + Ipv4Header.SOURCE_OFFSET;
            destinationAt = base + Ipv4Header.DESTINATION_OFFSET;
        }
        if (protocol != VrrpPacketLayout.IP_PROTOCOL_VRRP) {
            return DropReason.NOT_VRRP;
        }
        if (ttl != VrrpPacketLayout.REQUIRED_TTL) {
            return DropReason.TTL;
        }
        int at = base + headerLength;
        int vrrpLength = length - headerLength;
        if (vrrpLength < VrrpPacketLayout.HEADER_LENGTH) {
            return DropReason.LENGTH;
        }
        int version = VrrpPacketLayout.version(datagram, at);
        if (version != VrrpPacketLayout.VERSION_2 && version != VrrpPacketLayout.VERSION_3
                || version == VrrpPacketLayout.VERSION_2 && ipv6) {
            return DropReason.VERSION;
        }
        if (VrrpPacketLayout.type(datagram, at) != VrrpPacketLayout.TYPE_ADVERTISEMENT) {
            return DropReason.TYPE;
        }
        int count = VrrpPacketLayout.u8(datagram, at + VrrpPacketLayout.COUNT_IP_ADDRS_OFFSET);
        boolean v2 = version == VrrpPacketLayout.VERSION_2;
        int vipLength = v2 ? VrrpPacketLayout.IPV4_ADDRESS_LENGTH : addressLength;
        int expectedLength = v2 ? VrrpPacketLayout.v2Length(count) : VrrpPacketLayout.HEADER_LENGTH + count * vipLength;
        if (vrrpLength != expectedLength) {
            return DropReason.LENGTH;
        }
        long initial = v2 ? 0 : pseudoHeaderSum(datagram, sourceAt, destinationAt, addressLength, vrrpLength);
        // Summing a message that includes its correct checksum gives 0 (RFC 1071 §1).
        if (InternetChecksum.finish(InternetChecksum.sum(datagram, at, vrrpLength, initial)) != 0) {
            return DropReason.CHECKSUM;
        }
        int vrid = VrrpPacketLayout.u8(datagram, at + VrrpPacketLayout.VRID_OFFSET);
        if (vrid == 0) {
            return DropReason.VRID;
        }
        AuthType authType = AuthType.NONE;
        int intervalCentis;
        if (v2) {
            authType = AuthType.fromCode(VrrpPacketLayout.u8(datagram, at + VrrpPacketLayout.AUTH_TYPE_OFFSET));
            if (authType == null) {
                return DropReason.AUTH_TYPE;
            }
            intervalCentis = VrrpPacketLayout.u8(datagram, at + VrrpPacketLayout.ADVER_INT_OFFSET)
                    * Advertisement.CENTIS_PER_SECOND;
        } else {
            // The 4 reserved bits are ignored on receipt (RFC 5798 §5.2.6).
            intervalCentis = VrrpPacketLayout.u16(datagram, at + VrrpPacketLayout.V3_MAX_ADVER_INT_OFFSET)
                    & VrrpPacketLayout.V3_MAX_ADVER_INT_MASK;
        }
        if (intervalCentis == 0) {
            return DropReason.ADVERT_INTERVAL;
        }
        into.fill(datagram, sourceAt, addressLength);
        into.version = version;
        into.vrid = vrid;
        into.priority = VrrpPacketLayout.u8(datagram, at + VrrpPacketLayout.PRIORITY_OFFSET);
        into.authType = authType;
        into.advertIntervalCentis = intervalCentis;
        into.count = count;
        into.vipLength = vipLength;
        into.addressesAt = at + VrrpPacketLayout.ADDRESSES_OFFSET;
        into.addressListMatches = true;
        return null;
    }

    /** {@link PseudoHeader#sum} for the datagram's own addresses, read in place. */
    private static long pseudoHeaderSum(ByteBuffer d, int sourceAt, int destinationAt, int addressLength,
                                        int vrrpLength) {
        long sum = InternetChecksum.sum(d, sourceAt, addressLength, 0);
        sum = InternetChecksum.sum(d, destinationAt, addressLength, sum);
        return sum + VrrpPacketLayout.IP_PROTOCOL_VRRP + (vrrpLength >>> 16) + (vrrpLength & 0xffff);
    }

    /** All 8 octets compared, in constant time like {@link AuthData#matches} (RFC 3768 §7.1, §5.3.6.2). */
    private boolean authDataMatches(ByteBuffer d, int at) {
        AuthData expected = expectation.authData();
        int diff = 0;
        for (int i = 0; i < AuthData.LENGTH; i++) {
            diff |= d.get(at + i) ^ expected.get(i);
        }
        return diff == 0;
    }

    /** The received list and the configured one hold the same addresses, as sets (duplicates and order aside). */
    private boolean sameAddresses(ByteBuffer d, int at, int count, int addressLength) {
        for (int i = 0; i < count; i++) {
            if (indexOfExpected(d, at + i * addressLength, addressLength) < 0) {
                return false;
            }
        }
        for (byte[] expected : expectedOctets) {
            boolean found = false;
            for (int i = 0; i < count && !found; i++) {
                found = expected.length == addressLength && equalOctets(d, at + i * addressLength, expected);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private int indexOfExpected(ByteBuffer d, int at, int addressLength) {
        for (int j = 0; j < expectedOctets.length; j++) {
            if (expectedOctets[j].length == addressLength && equalOctets(d, at, expectedOctets[j])) {
                return j;
            }
        }
        return -1;
    }

    private static boolean equalOctets(ByteBuffer d, int at, byte[] octets) {
        for (int k = 0; k < octets.length; k++) {
            if (d.get(at + k) != octets[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The VRID of a datagram, read without decoding, for demultiplexing to an instance; -1 when the
     * datagram is too short to hold one. Allocation free; nothing else is checked.
     */
    public static int peekVrid(ByteBuffer datagram) {
        if (datagram == null || datagram.remaining() < 1) {
            return -1;
        }
        int base = datagram.position();
        int first = datagram.get(base) & 0xff;
        int headerLength = first >>> 4 == 6 ? Ipv6Header.LENGTH : (first & 0x0f) * 4;
        int at = headerLength + VrrpPacketLayout.VRID_OFFSET;
        if (headerLength < Ipv4Header.MIN_LENGTH || at >= datagram.remaining()) {
            return -1;
        }
        return datagram.get(base + at) & 0xff;
    }

    /**
     * The VRRP version nibble of a datagram, read like {@link #peekVrid}; -1 when too short.
     */
    public static int peekVersion(ByteBuffer datagram) {
        if (datagram == null || datagram.remaining() < 1) {
            return -1;
        }
        int base = datagram.position();
        int first = datagram.get(base) & 0xff;
        int headerLength = first >>> 4 == 6 ? Ipv6Header.LENGTH : (first & 0x0f) * 4;
        if (headerLength < Ipv4Header.MIN_LENGTH || headerLength >= datagram.remaining()) {
            return -1;
        }
        return (datagram.get(base + headerLength) & 0xff) >>> 4;
    }

    /**
     * The drop for a datagram that no instance on the interface claims: the first generic check it fails,
     * or {@link DropReason#VRID} when it is a well-formed advert for a VRID not configured here; with its
     * detail text. Allocates.
     */
    public static Outcome<ReceivedAdvert> rejectUnrouted(ByteBuffer datagram) {
        DropReason drop = rejectUnrouted(datagram, new ReceivedFields());
        return Outcome.dropped(drop, DropDetail.of(drop, datagram, versionNibbleIs6(datagram), null));
    }
}
