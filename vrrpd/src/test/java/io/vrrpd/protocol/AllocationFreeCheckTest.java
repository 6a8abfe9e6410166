package io.vrrpd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link AdvertValidator#check} (the receive path's allocation-free form) must answer exactly as
 * {@link AdvertValidator#validate} (the specification): the same drop reason, or the same accepted fields.
 * Good adverts of every kind and tens of thousands of random corruptions of them (raw bit flips, payload
 * edits with a repaired checksum so later checks are reached, truncations) are fed to both.
 */
class AllocationFreeCheckTest {
    private static final InetAddress V4_SOURCE = ip("192.0.2.1");
    private static final InetAddress V4_GROUP = ip("224.0.0.18");
    private static final InetAddress V6_SOURCE = ip("fe80::1");
    private static final InetAddress V6_GROUP = ip("ff02::12");
    private static final List<InetAddress> V4_VIPS = List.of(ip("192.0.2.100"), ip("192.0.2.101"));
    private static final List<InetAddress> V6_VIPS = List.of(ip("2001:db8::100"), ip("2001:db8::101"));

    private record Case(AdvertValidator validator, List<byte[]> datagrams) {
    }

    @Test
    void checkAgreesWithValidateOnGoodAndCorruptedDatagrams() {
        Random random = new Random(10);
        int compared = 0;
        java.util.EnumMap<DropReason, Integer> seen = new java.util.EnumMap<>(DropReason.class);
        int accepted = 0;
        for (Case c : cases()) {
            for (byte[] good : c.datagrams()) {
                accepted += compare(c.validator(), good, seen);
                compared++;
                for (int i = 0; i < 3000; i++) {
                    accepted += compare(c.validator(), corrupt(good, random), seen);
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
        AdvertValidator v2Pass = new AdvertValidator(Expectation.of(Advertisement.v2WithPassword(51, 100, 1, "secret", V4_VIPS)));
        AdvertValidator v2None = new AdvertValidator(Expectation.of(Advertisement.v2NoAuth(52, 100, 2, V4_VIPS)));
        AdvertValidator v3Ipv4 = new AdvertValidator(Expectation.of(Advertisement.v3(53, 100, 100, V4_VIPS)));
        AdvertValidator v3Ipv6 = new AdvertValidator(new Expectation(54, 3, AuthType.NONE, AuthData.ZERO, 100,
                Set.copyOf(V6_VIPS)));
        return List.of(
                new Case(v2Pass, List.of(
                        v4(Advertisement.v2WithPassword(51, 101, 1, "secret", V4_VIPS)),
                        v4(Advertisement.v2WithPassword(51, 101, 1, "secret", reversed)),
                        v4(Advertisement.v2WithPassword(51, 101, 1, "secret", duplicated)),
                        v4(Advertisement.v2WithPassword(51, 255, 1, "secret", other)),
                        v4(Advertisement.v2WithPassword(51, 0, 1, "secret", V4_VIPS)),
                        v4(Advertisement.v2WithPassword(51, 101, 2, "secret", V4_VIPS)),
                        v4(Advertisement.v2WithPassword(51, 101, 1, "other", V4_VIPS)),
                        v4(Advertisement.v2NoAuth(51, 101, 1, V4_VIPS)))),
                new Case(v2None, List.of(
                        v4(Advertisement.v2NoAuth(52, 101, 2, V4_VIPS)),
                        v4(Advertisement.v2NoAuth(52, 101, 2, other)),
                        v4(Advertisement.v2NoAuth(53, 101, 2, V4_VIPS)),
                        v4(Advertisement.v3(52, 101, 200, V4_VIPS)))),
                new Case(v3Ipv4, List.of(
                        v4(Advertisement.v3(53, 101, 100, V4_VIPS)),
                        v4(Advertisement.v3(53, 101, 37, reversed)),
                        v4(Advertisement.v3(53, 255, 100, other)),
                        v4(Advertisement.v2NoAuth(53, 101, 1, V4_VIPS)))),
                new Case(v3Ipv6, List.of(
                        v6(Advertisement.v3(54, 101, 100, V6_VIPS)),
                        v6(Advertisement.v3(54, 101, 100, List.of(ip("2001:db8::101"), ip("2001:db8::100")))),
                        v6(Advertisement.v3(54, 255, 100, List.of(ip("2001:db8::100")))),
                        v6(Advertisement.v3(54, 101, 100, List.of(ip("2001:db8::100")))))));
    }

    /** Returns 1 when accepted; counts the drop reason otherwise. */
    private static int compare(AdvertValidator validator, byte[] datagram, java.util.Map<DropReason, Integer> seen) {
        String what = Arrays.toString(datagram);
        ReceivedFields fields = new ReceivedFields();
        DropReason fast = validator.check(ByteBuffer.wrap(datagram), fields);
        Outcome<ReceivedAdvert> spec = validator.validate(ByteBuffer.wrap(datagram));
        int accepted = 0;
        if (spec instanceof Outcome.Dropped<ReceivedAdvert> d) {
            assertEquals(d.reason(), fast, what);
            seen.merge(d.reason(), 1, Integer::sum);
        } else {
            accepted = 1;
            ReceivedAdvert r = ((Outcome.Ok<ReceivedAdvert>) spec).value();
            assertNull(fast, what);
            assertEquals(r.source(), fields.source(), what);
            assertEquals(r.advert().priority(), fields.priority(), what);
            assertEquals(r.advert().advertIntervalCentis(), fields.advertIntervalCentis(), what);
            assertEquals(r.addressListMatches(), fields.addressListMatches(), what);
        }
        Outcome<ReceivedAdvert> unrouted = AdvertValidator.rejectUnrouted(ByteBuffer.wrap(datagram));
        assertEquals(((Outcome.Dropped<ReceivedAdvert>) unrouted).reason(),
                AdvertValidator.rejectUnrouted(ByteBuffer.wrap(datagram), fields), what);
        return accepted;
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
