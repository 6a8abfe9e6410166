package io.vrrpd.protocol;

import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import static io.vrrpd.protocol.KeepalivedFixtureTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VRRPv3 (RFC 5798): centisecond intervals, no authentication, pseudo-header checksum, IPv6. */
class Vrrpv3CodecTest {
    private static final PseudoHeader V6 = PseudoHeader.of(ip("2001:db8::1"), ip("ff02::12"));

    @Test
    void ipv6AdvertRoundTripsWithSixteenOctetAddresses() {
        Advertisement a = Advertisement.v3(7, 200, 35, List.of(ip("2001:db8::100"), ip("2001:db8::101")));
        ByteBuffer out = ByteBuffer.allocate(64);
        int n = new AdvertEncoder().encode(a, V6, out);
        assertEquals(8 + 2 * 16, n);
        assertEquals(0x00, out.get(4));
        assertEquals(35, out.get(5));
        Outcome<Advertisement> decoded = AdvertDecoder.decode(out.flip(), V6);
        assertEquals(a, ((Outcome.Ok<Advertisement>) assertInstanceOf(Outcome.Ok.class, decoded, decoded::toString)).value());
    }

    @Test
    void ipv4MappedAddressesStayIpv6WhenDecoded() throws Exception {
        Advertisement a = Advertisement.v3(7, 100, 100, List.of(
                java.net.Inet6Address.getByAddress(null, new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 192, 0, 2, 1}, -1)));
        ByteBuffer out = ByteBuffer.allocate(24);
        new AdvertEncoder().encode(a, V6, out);
        Outcome<Advertisement> decoded = AdvertDecoder.decode(out.flip(), V6);
        assertInstanceOf(Inet6Address.class, ((Outcome.Ok<Advertisement>) decoded).value().addresses().get(0));
    }

    @Test
    void maxAdverIntUsesTwelveBitsAndIgnoresTheReservedBitsOnReceipt() {
        Advertisement a = Advertisement.v3(9, 100, 4095, List.of(ip("192.0.2.100")));
        byte[] d = Datagrams.of(a);
        assertEquals(0x0f, d[20 + 4]);
        assertEquals((byte) 0xff, d[20 + 5]);
        byte[] reservedSet = Datagrams.editPayload(d, p -> p[4] |= (byte) 0xf0);
        Outcome<Advertisement> decoded = AdvertDecoder.decode(ByteBuffer.wrap(Datagrams.payloadOf(reservedSet)),
                Datagrams.PSEUDO_HEADER);
        assertEquals(4095, ((Outcome.Ok<Advertisement>) decoded).value().advertIntervalCentis());
    }

    @Test
    void v3BackupAcceptsAMasterWithAnotherIntervalBecauseItAdoptsIt() {
        // RFC 5798 §6.4.2: the backup sets Master_Adver_Interval from the advert; only v2 must match.
        AdvertValidator v = new AdvertValidator(new Expectation(9, 3, AuthType.NONE, AuthData.ZERO, 100,
                Set.of(ip("192.0.2.100"))));
        byte[] d = Datagrams.of(Advertisement.v3(9, 100, 250, List.of(ip("192.0.2.100"))));
        Outcome<ReceivedAdvert> o = v.validate(ByteBuffer.wrap(d));
        assertEquals(250, ((Outcome.Ok<ReceivedAdvert>) assertInstanceOf(Outcome.Ok.class, o, o::toString))
                .value().advert().advertIntervalCentis());
    }

    @Test
    void v2OverIpv6AndUnknownVersionsAreDroppedAsVersion() {
        byte[] v2 = Datagrams.payloadOf(Datagrams.of(Advertisement.v2NoAuth(9, 100, 1, List.of(ip("192.0.2.100")))));
        Outcome<Advertisement> overV6 = AdvertDecoder.decode(ByteBuffer.wrap(v2), V6);
        assertEquals(DropReason.VERSION, ((Outcome.Dropped<Advertisement>) overV6).reason());
        v2[0] = 0x41;
        Outcome<Advertisement> v4 = AdvertDecoder.decode(ByteBuffer.wrap(v2), Datagrams.PSEUDO_HEADER);
        assertEquals("version 4, supported 2 and 3", ((Outcome.Dropped<Advertisement>) v4).detail());
    }

    @Test
    void v3RejectsAuthenticationMixedFamiliesAndOutOfRangeIntervals() {
        assertThrows(IllegalArgumentException.class, () -> new Advertisement(3, 1, 100, AuthType.SIMPLE_TEXT,
                AuthData.ofPassword("x"), 100, List.of(ip("192.0.2.1"))));
        assertThrows(IllegalArgumentException.class,
                () -> Advertisement.v3(1, 100, 100, List.of(ip("192.0.2.1"), ip("2001:db8::1"))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Advertisement.v3(1, 100, 4096, List.of()))
                .getMessage().contains("was 4096"));
        assertThrows(IllegalArgumentException.class, () -> Advertisement.v3(1, 100, 0, List.of()));
    }

    @Test
    void v3EncodeNeedsAPseudoHeaderOfTheAddressFamily() {
        Advertisement v4 = Advertisement.v3(1, 100, 100, List.of(ip("192.0.2.1")));
        AdvertEncoder encoder = new AdvertEncoder();
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(v4, ByteBuffer.allocate(64)));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(v4, V6, ByteBuffer.allocate(64)));
        assertThrows(IllegalArgumentException.class, () -> PseudoHeader.of(ip("192.0.2.1"), ip("ff02::12")));
    }
}
