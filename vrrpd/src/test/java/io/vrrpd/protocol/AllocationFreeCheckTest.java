package io.vrrpd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link AdvertValidator#check}, the one decision procedure of the receive path, held to a reference: the
 * receive checks of RFC 3768 §7.1 and RFC 5798 §7.1 written the plain way in this test, over the allocating
 * parsers ({@link Ipv4Header#parse}, {@link Ipv6Header#parse}, {@link AdvertDecoder}) and java.util sets,
 * sharing no code with the validator's in-place scan. Good adverts of every kind and tens of thousands of
 * random corruptions of them (raw bit flips, payload edits with a repaired checksum so later checks are
 * reached, truncations), some read from an offset in a larger buffer, must get the reference's drop reason
 * and detail text from {@link AdvertValidator#validate} and {@link AdvertValidator#rejectUnrouted}, and the
 * reference's accepted advert from both {@code validate} and {@code check}.
 */
class AllocationFreeCheckTest {
    private static final InetAddress V4_SOURCE = ip("192.0.2.1");
    private static final InetAddress V4_GROUP = ip("224.0.0.18");
    private static final InetAddress V6_SOURCE = ip("fe80::1");
    private static final InetAddress V6_GROUP = ip("ff02::12");
    private static final List<InetAddress> V4_VIPS = List.of(ip("192.0.2.100"), ip("192.0.2.101"));
    private static final List<InetAddress> V6_VIPS = List.of(ip("2001:db8::100"), ip("2001:db8::101"));

    private record Case(Expectation expectation, boolean ipv6, List<byte[]> datagrams) {
    }

    @Test
    void checkAgreesWithTheReferenceOnGoodAndCorruptedDatagrams() {
        Random random = new Random(10);
        Random offsets = new Random(11);
        int compared = 0;
        EnumMap<DropReason, Integer> seen = new EnumMap<>(DropReason.class);
        int accepted = 0;
        for (Case c : cases()) {
            AdvertValidator validator = new AdvertValidator(c.expectation());
            for (byte[] good : c.datagrams()) {
                accepted += compare(validator, c, good, offsets.nextInt(3), seen);
                compared++;
                for (int i = 0; i < 3000; i++) {
                    accepted += compare(validator, c, corrupt(good, random), offsets.nextInt(3), seen);
                    compared++;
                }
            }
        }
        assertTrue(compared > 50_000, compared + " datagrams compared");
        // The corpus reaches every check, so a disagreement anywhere would show.
        assertTrue(accepted > 100, accepted + " accepted");
        assertEquals(DropReason.values().length, seen.size(), "drop reasons reached: " + seen);
    }

    @Test
    void theReferenceItselfDropsWhatTheRfcSaysToDrop() {
        // Guards the yardstick: a reference that accepted everything would agree with a broken check only
        // on accepts, and the corpus has drops of every reason, so pin a few by hand.
        Expectation e = Expectation.of(Advertisement.v2WithPassword(51, 100, 1, "secret", V4_VIPS));
        byte[] good = v4(Advertisement.v2WithPassword(51, 101, 1, "secret", V4_VIPS));
        assertTrue(reference(e, ByteBuffer.wrap(good), false).isOk());
        byte[] ttl = good.clone();
        ttl[8] = (byte) 254;
        assertEquals("TTL 254, expected 255", droppedDetail(reference(e, ByteBuffer.wrap(ttl), false)));
        byte[] password = v4(Advertisement.v2WithPassword(51, 101, 1, "other", V4_VIPS));
        assertEquals("auth data mismatch", droppedDetail(reference(e, ByteBuffer.wrap(password), false)));
    }

    @Test
    void aSenderKeepsOneAddressObject() {
        AdvertValidator v = new AdvertValidator(Expectation.of(Advertisement.v3(51, 100, 100, V4_VIPS)));
        ReceivedFields fields = new ReceivedFields();
        ByteBuffer d = ByteBuffer.wrap(v4(Advertisement.v3(51, 101, 100, V4_VIPS)));
        assertNull(v.check(d, fields));
        InetAddress first = fields.source();
        assertNull(v.check(d, fields));
        assertSame(first, fields.source());
        assertEquals(V4_SOURCE, first);
    }

    private static List<Case> cases() {
        List<InetAddress> reversed = List.of(V4_VIPS.get(1), V4_VIPS.get(0));
        List<InetAddress> other = List.of(ip("192.0.2.100"), ip("192.0.2.102"));
        List<InetAddress> duplicated = List.of(V4_VIPS.get(0), V4_VIPS.get(1), V4_VIPS.get(0));
        Expectation v2Pass = Expectation.of(Advertisement.v2WithPassword(51, 100, 1, "secret", V4_VIPS));
        Expectation v2None = Expectation.of(Advertisement.v2NoAuth(52, 100, 2, V4_VIPS));
        Expectation v3Ipv4 = Expectation.of(Advertisement.v3(53, 100, 100, V4_VIPS));
        Expectation v3Ipv6 = new Expectation(54, 3, AuthType.NONE, AuthData.ZERO, 100, Set.copyOf(V6_VIPS));
        return List.of(
                new Case(v2Pass, false, List.of(
                        v4(Advertisement.v2WithPassword(51, 101, 1, "secret", V4_VIPS)),
                        v4(Advertisement.v2WithPassword(51, 101, 1, "secret", reversed)),
                        v4(Advertisement.v2WithPassword(51, 101, 1, "secret", duplicated)),
                        v4(Advertisement.v2WithPassword(51, 255, 1, "secret", other)),
                        v4(Advertisement.v2WithPassword(51, 0, 1, "secret", V4_VIPS)),
                        v4(Advertisement.v2WithPassword(51, 101, 2, "secret", V4_VIPS)),
                        v4(Advertisement.v2WithPassword(51, 101, 1, "other", V4_VIPS)),
                        v4(Advertisement.v2NoAuth(51, 101, 1, V4_VIPS)))),
                new Case(v2None, false, List.of(
                        v4(Advertisement.v2NoAuth(52, 101, 2, V4_VIPS)),
                        v4(Advertisement.v2NoAuth(52, 101, 2, other)),
                        v4(Advertisement.v2NoAuth(53, 101, 2, V4_VIPS)),
                        v4(Advertisement.v3(52, 101, 200, V4_VIPS)))),
                new Case(v3Ipv4, false, List.of(
                        v4(Advertisement.v3(53, 101, 100, V4_VIPS)),
                        v4(Advertisement.v3(53, 101, 37, reversed)),
                        v4(Advertisement.v3(53, 255, 100, other)),
                        v4(Advertisement.v2NoAuth(53, 101, 1, V4_VIPS)))),
                new Case(v3Ipv6, true, List.of(
                        v6(Advertisement.v3(54, 101, 100, V6_VIPS)),
                        v6(Advertisement.v3(54, 101, 100, List.of(ip("2001:db8::101"), ip("2001:db8::100")))),
                        v6(Advertisement.v3(54, 255, 100, List.of(ip("2001:db8::100")))),
                        v6(Advertisement.v3(54, 101, 100, List.of(ip("2001:db8::100")))))));
    }

    /** Returns 1 when accepted; counts the drop reason otherwise. */
    private static int compare(AdvertValidator validator, Case c, byte[] datagram, int offset,
                               Map<DropReason, Integer> seen) {
        String what = "offset " + offset + " " + HexFormat.of().formatHex(datagram);
        Outcome<ReceivedAdvert> expected = reference(c.expectation(), at(datagram, offset), c.ipv6());
        ReceivedFields fields = new ReceivedFields();
        DropReason fast = validator.check(at(datagram, offset), fields);
        Outcome<ReceivedAdvert> validated = validator.validate(at(datagram, offset));
        int accepted = 0;
        if (expected instanceof Outcome.Dropped<ReceivedAdvert> d) {
            assertEquals(d.reason(), fast, what);
            assertEquals(d, validated, what);
            seen.merge(d.reason(), 1, Integer::sum);
        } else {
            accepted = 1;
            ReceivedAdvert r = ((Outcome.Ok<ReceivedAdvert>) expected).value();
            assertNull(fast, what);
            assertEquals(expected, validated, what);
            assertEquals(r.source(), fields.source(), what);
            assertEquals(r.advert().priority(), fields.priority(), what);
            assertEquals(r.advert().advertIntervalCentis(), fields.advertIntervalCentis(), what);
            assertEquals(r.addressListMatches(), fields.addressListMatches(), what);
        }
        boolean unroutedIpv6 = datagram.length > 0 && (datagram[0] & 0xf0) == 0x60;
        Outcome<ReceivedAdvert> unrouted = reference(null, at(datagram, offset), unroutedIpv6);
        assertEquals(unrouted, AdvertValidator.rejectUnrouted(at(datagram, offset)), what);
        assertEquals(((Outcome.Dropped<ReceivedAdvert>) unrouted).reason(),
                AdvertValidator.rejectUnrouted(at(datagram, offset), fields), what);
        return accepted;
    }

    /** The datagram from position {@code offset} of a buffer with a byte of slack at each end. */
    private static ByteBuffer at(byte[] datagram, int offset) {
        byte[] room = new byte[offset + datagram.length + 1];
        Arrays.fill(room, (byte) 0x5a);
        System.arraycopy(datagram, 0, room, offset, datagram.length);
        return ByteBuffer.wrap(room, offset, datagram.length);
    }

    /**
     * The reference: each receive check in the RFCs' order, on the decoded values.
     *
     * @param e    the instance's expectation; null for a datagram no instance claims
     * @param ipv6 the family the datagram must have
     */
    static Outcome<ReceivedAdvert> reference(Expectation e, ByteBuffer d, boolean ipv6) {
        int headerLength;
        int ttl;
        int protocol;
        InetAddress source;
        InetAddress destination;
        if (ipv6) {
            Outcome<Ipv6Header> parsed = Ipv6Header.parse(d);
            if (!(parsed instanceof Outcome.Ok<Ipv6Header> ok)) {
                return parsed.asDropped();
            }
            Ipv6Header h = ok.value();
            headerLength = Ipv6Header.LENGTH;
            ttl = h.hopLimit();
            protocol = h.nextHeader();
            source = h.source();
            destination = h.destination();
        } else {
            Outcome<Ipv4Header> parsed = Ipv4Header.parse(d);
            if (!(parsed instanceof Outcome.Ok<Ipv4Header> ok)) {
                return parsed.asDropped();
            }
            Ipv4Header h = ok.value();
            headerLength = h.headerLength();
            ttl = h.ttl();
            protocol = h.protocol();
            source = h.source();
            destination = h.destination();
        }
        if (protocol != 112) {
            return Outcome.dropped(DropReason.NOT_VRRP, "IP protocol " + protocol + ", expected 112");
        }
        if (ttl != 255) {
            return Outcome.dropped(DropReason.TTL, (ipv6 ? "hop limit " : "TTL ") + ttl + ", expected 255");
        }
        ByteBuffer payload = d.duplicate();
        payload.position(d.position() + headerLength);
        Outcome<Advertisement> decoded = AdvertDecoder.decode(payload, PseudoHeader.of(source, destination));
        if (!(decoded instanceof Outcome.Ok<Advertisement> ok)) {
            return decoded.asDropped();
        }
        Advertisement a = ok.value();
        if (e == null) {
            return Outcome.dropped(DropReason.VRID, "vrid " + a.vrid() + " is not configured on this interface");
        }
        if (a.vrid() != e.vrid()) {
            return Outcome.dropped(DropReason.VRID, "vrid " + a.vrid() + ", expected " + e.vrid());
        }
        if (a.version() != e.version()) {
            return Outcome.dropped(DropReason.VERSION, "version " + a.version() + ", expected " + e.version());
        }
        if (a.authType() != e.authType()) {
            return Outcome.dropped(DropReason.AUTH_TYPE,
                    "auth type " + authText(a.authType()) + ", expected " + authText(e.authType()));
        }
        if (a.authType() == AuthType.SIMPLE_TEXT && !a.authData().equals(e.authData())) {
            return Outcome.dropped(DropReason.AUTH_DATA, "auth data mismatch");
        }
        boolean sameList = new HashSet<>(a.addresses()).equals(e.addresses());
        if (!sameList && a.priority() != 255) {
            return Outcome.dropped(DropReason.ADDRESS_LIST,
                    "addresses " + listText(a.addresses()) + ", expected " + listText(e.addresses()));
        }
        if (a.version() == 2 && a.advertIntervalCentis() != e.advertIntervalCentis()) {
            return Outcome.dropped(DropReason.ADVERT_INTERVAL, "advert_int " + secondsText(a.advertIntervalCentis())
                    + " s, expected " + secondsText(e.advertIntervalCentis()) + " s");
        }
        return Outcome.ok(new ReceivedAdvert(a, source, sameList));
    }

    private static String authText(AuthType t) {
        return t.code() + " (" + t.name().toLowerCase(Locale.ROOT) + ")";
    }

    private static String listText(Collection<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).sorted().distinct()
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String secondsText(int centis) {
        return centis % 100 == 0 ? Integer.toString(centis / 100) : String.format(Locale.ROOT, "%.2f", centis / 100.0);
    }

    private static String droppedDetail(Outcome<ReceivedAdvert> o) {
        return ((Outcome.Dropped<ReceivedAdvert>) o).detail();
    }

    private static byte[] corrupt(byte[] good, Random random) {
        byte[] d = good.clone();
        int headerLength = (d[0] & 0xf0) == 0x60 ? Ipv6Header.LENGTH : Datagrams.IP_HEADER;
        switch (random.nextInt(4)) {
            case 0 -> d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                d[headerLength + random.nextInt(d.length - headerLength)] = (byte) random.nextInt(256);
                repairChecksum(d, headerLength);
            }
            case 2 -> {
                d[random.nextInt(headerLength)] = (byte) random.nextInt(256);
                repairChecksum(d, headerLength);
            }
            default -> d = Arrays.copyOf(d, random.nextInt(d.length + 8));
        }
        return d;
    }

    /** Makes the VRRP checksum right again, over the datagram's own pseudo-header, so later checks are reached. */
    private static void repairChecksum(byte[] d, int headerLength) {
        if (d.length < headerLength + VrrpPacketLayout.HEADER_LENGTH) {
            return;
        }
        int length = d.length - headerLength;
        d[headerLength + 6] = 0;
        d[headerLength + 7] = 0;
        ByteBuffer b = ByteBuffer.wrap(d);
        long initial = 0;
        if ((d[headerLength] & 0xf0) == 0x30) {
            int addressLength = headerLength == Ipv6Header.LENGTH ? 16 : 4;
            int sourceAt = headerLength == Ipv6Header.LENGTH ? Ipv6Header.SOURCE_OFFSET : Ipv4Header.SOURCE_OFFSET;
            initial = InternetChecksum.sum(b, sourceAt, 2 * addressLength, 0) + 112 + length;
        }
        int c = InternetChecksum.finish(InternetChecksum.sum(b, headerLength, length, initial));
        d[headerLength + 6] = (byte) (c >>> 8);
        d[headerLength + 7] = (byte) c;
    }

    private static byte[] v4(Advertisement a) {
        ByteBuffer payload = ByteBuffer.allocate(AdvertEncoder.encodedLength(a));
        new AdvertEncoder().encode(a, PseudoHeader.of(V4_SOURCE, V4_GROUP), payload);
        return Datagrams.withIpHeader(payload.array());
    }

    private static byte[] v6(Advertisement a) {
        ByteBuffer payload = ByteBuffer.allocate(AdvertEncoder.encodedLength(a));
        new AdvertEncoder().encode(a, PseudoHeader.of(V6_SOURCE, V6_GROUP), payload);
        payload.flip();
        ByteBuffer d = ByteBuffer.allocate(Ipv6Header.LENGTH + payload.remaining());
        Ipv6Header.write(d, payload.remaining(), 112, 255, V6_SOURCE.getAddress(), V6_GROUP.getAddress());
        d.put(payload);
        return d.array();
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
