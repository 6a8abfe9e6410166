package io.vrrpd.protocol;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The receive checks of RFC 3768 §7.1 for one instance, applied to a datagram as a raw socket delivers
 * it (IPv4 header plus VRRP payload), in the RFC's order: TTL, version, length, checksum, VRID, auth
 * type, auth data, address list, advert interval. VRRPv3 (RFC 5798 §7.1) runs the same checks minus
 * authentication and the interval match, over IPv4 or over IPv6 (a datagram starting with the fixed
 * IPv6 header, {@link Ipv6Header}; its hop limit is checked as the TTL is).
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
        this.ipv6 = expectation.addresses().stream().anyMatch(a -> a instanceof java.net.Inet6Address);
        this.expectedOctets = expectation.addresses().stream().map(InetAddress::getAddress).toArray(byte[][]::new);
    }

    /** The expectation this validator checks against. */
    public Expectation expectation() {
        return expectation;
    }

    /**
     * Checks the datagram from {@code datagram}'s position to its limit. Position and limit are left
     * unchanged.
     */
    public Outcome<ReceivedAdvert> validate(ByteBuffer datagram) {
        Outcome<Received> generic = checkPacket(datagram, ipv6);
        if (!(generic instanceof Outcome.Ok)) {
            return generic.asDropped();
        }
        Received received = ((Outcome.Ok<Received>) generic).value();
        Advertisement advert = received.advert;
        if (advert.vrid() != expectation.vrid()) {
            return Outcome.dropped(DropReason.VRID, "vrid " + advert.vrid() + ", expected " + expectation.vrid());
        }
        if (advert.version() != expectation.version()) {
            return Outcome.dropped(DropReason.VERSION,
                    "version " + advert.version() + ", expected " + expectation.version());
        }
        if (advert.authType() != expectation.authType()) {
            return Outcome.dropped(DropReason.AUTH_TYPE,
                    "auth type " + describe(advert.authType()) + ", expected " + describe(expectation.authType()));
        }
        if (advert.authType() == AuthType.SIMPLE_TEXT && !advert.authData().matches(expectation.authData())) {
            // Compares all 8 octets in constant time (RFC 3768 §7.1, §5.3.6.2).
            return Outcome.dropped(DropReason.AUTH_DATA, "auth data mismatch");
        }
        boolean addressesMatch = new HashSet<>(advert.addresses()).equals(expectation.addresses());
        if (!addressesMatch && advert.priority() != VrrpPacketLayout.PRIORITY_OWNER) {
            return Outcome.dropped(DropReason.ADDRESS_LIST, "addresses " + list(advert.addresses())
                    + ", expected " + list(List.copyOf(expectation.addresses())));
        }
        // RFC 3768 §7.1 (v2 only): the interval MUST match. RFC 5798 §6.4.2: a v3 backup adopts it instead.
        if (advert.version() == VrrpPacketLayout.VERSION_2
                && advert.advertIntervalCentis() != expectation.advertIntervalCentis()) {
            return Outcome.dropped(DropReason.ADVERT_INTERVAL,
                    "advert_int " + seconds(advert.advertIntervalCentis())
                            + " s, expected " + seconds(expectation.advertIntervalCentis()) + " s");
        }
        return Outcome.ok(new ReceivedAdvert(advert, received.header.source, addressesMatch));
    }

    /**
     * {@link #validate} without allocating, for the receive path (issue 10): the same checks in the same
     * order, read straight from the datagram. Returns null when the advert passes, its fields then in
     * {@code into}; else the reason {@link #validate} would give, whose {@link Outcome.Dropped#detail()} a
     * caller that logs the drop asks {@link #validate} for. Position and limit are left unchanged.
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
        if (into.version == VrrpPacketLayout.VERSION_2
                && into.advertIntervalCentis != expectation.advertIntervalCentis()) {
            return DropReason.ADVERT_INTERVAL;
        }
        return null;
    }

    /**
     * {@link #rejectUnrouted(ByteBuffer)}'s reason without allocating: other routers' adverts on a shared
     * segment arrive every interval for as long as the daemon runs.
     *
     * @param scratch overwritten
     */
    public static DropReason rejectUnrouted(ByteBuffer datagram, ReceivedFields scratch) {
        boolean ipv6 = datagram != null && datagram.remaining() > 0
                && (datagram.get(datagram.position()) & 0xff) >>> 4 == 6;
        DropReason generic = scan(datagram, ipv6, scratch);
        return generic != null ? generic : DropReason.VRID;
    }

    /**
     * {@link #checkPacket} without allocating: the IP header, protocol and TTL, then what
     * {@link AdvertDecoder#decode(ByteBuffer, PseudoHeader)} checks; the fields go to {@code into}.
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

    /** All 8 octets compared, in constant time like {@link AuthData#matches}. */
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
     * or {@link DropReason#VRID} when it is a well-formed advert for a VRID not configured here.
     */
    public static Outcome<ReceivedAdvert> rejectUnrouted(ByteBuffer datagram) {
        Outcome<Received> generic = checkPacket(datagram, null);
        if (!(generic instanceof Outcome.Ok)) {
            return generic.asDropped();
        }
        int vrid = ((Outcome.Ok<Received>) generic).value().advert.vrid();
        return Outcome.dropped(DropReason.VRID, "vrid " + vrid + " is not configured on this interface");
    }

    /**
     * IP header, protocol, TTL (hop limit), then what the decoder checks.
     *
     * @param ipv6 the family the datagram must have; null takes it from the version nibble
     */
    private static Outcome<Received> checkPacket(ByteBuffer datagram, Boolean ipv6) {
        Outcome<IpFields> parsed = IpFields.parse(datagram, ipv6);
        if (!(parsed instanceof Outcome.Ok)) {
            return parsed.asDropped();
        }
        IpFields header = ((Outcome.Ok<IpFields>) parsed).value();
        String ttlName = header.source instanceof java.net.Inet4Address ? "TTL " : "hop limit ";
        if (header.protocol != VrrpPacketLayout.IP_PROTOCOL_VRRP) {
            return Outcome.dropped(DropReason.NOT_VRRP, "IP protocol " + header.protocol + ", expected 112");
        }
        if (header.ttl != VrrpPacketLayout.REQUIRED_TTL) {
            // Below 255 the packet crossed a router: VRRP is link-local (RFC 3768 §5.2.3, RFC 5798 §5.1.1.3).
            return Outcome.dropped(DropReason.TTL, ttlName + header.ttl + ", expected 255");
        }
        ByteBuffer payload = datagram.duplicate();
        payload.position(datagram.position() + header.headerLength);
        Outcome<Advertisement> decoded =
                AdvertDecoder.decode(payload, PseudoHeader.of(header.source, header.destination));
        if (!(decoded instanceof Outcome.Ok)) {
            return decoded.asDropped();
        }
        return Outcome.ok(new Received(header, ((Outcome.Ok<Advertisement>) decoded).value()));
    }

    private static String describe(AuthType type) {
        return type.code() + " (" + type.name().toLowerCase(Locale.ROOT) + ")";
    }

    private static String seconds(int centis) {
        return centis % Advertisement.CENTIS_PER_SECOND == 0
                ? Integer.toString(centis / Advertisement.CENTIS_PER_SECOND)
                : String.format(Locale.ROOT, "%.2f", centis / 100.0);
    }

    private static String list(List<InetAddress> addresses) {
        Set<String> sorted = addresses.stream().map(InetAddress::getHostAddress)
                .collect(Collectors.toCollection(TreeSet::new));
        return "[" + String.join(",", sorted) + "]";
    }

    /** The IP header fields the checks need, from an IPv4 or an IPv6 datagram. */
    private static final class IpFields {
        final int headerLength;
        final int ttl;
        final int protocol;
        final InetAddress source;
        final InetAddress destination;

        private IpFields(int headerLength, int ttl, int protocol, InetAddress source, InetAddress destination) {
            this.headerLength = headerLength;
            this.ttl = ttl;
            this.protocol = protocol;
            this.source = source;
            this.destination = destination;
        }

        static Outcome<IpFields> parse(ByteBuffer datagram, Boolean ipv6) {
            boolean isV6 = ipv6 != null ? ipv6 : datagram != null && datagram.remaining() > 0
                    && (datagram.get(datagram.position()) & 0xff) >>> 4 == 6;
            if (isV6) {
                Outcome<Ipv6Header> v6 = Ipv6Header.parse(datagram);
                if (!(v6 instanceof Outcome.Ok<Ipv6Header> ok)) {
                    return v6.asDropped();
                }
                Ipv6Header h = ok.value();
                return Outcome.ok(new IpFields(Ipv6Header.LENGTH, h.hopLimit(), h.nextHeader(), h.source(),
                        h.destination()));
            }
            Outcome<Ipv4Header> v4 = Ipv4Header.parse(datagram);
            if (!(v4 instanceof Outcome.Ok<Ipv4Header> ok4)) {
                return v4.asDropped();
            }
            Ipv4Header h = ok4.value();
            return Outcome.ok(new IpFields(h.headerLength(), h.ttl(), h.protocol(), h.source(), h.destination()));
        }
    }

    /** Header and advert of a datagram that passed the generic checks. */
    private static final class Received {
        final IpFields header;
        final Advertisement advert;

        Received(IpFields header, Advertisement advert) {
            this.header = header;
            this.advert = advert;
        }
    }
}
