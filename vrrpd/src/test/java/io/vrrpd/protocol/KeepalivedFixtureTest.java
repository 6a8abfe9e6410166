package io.vrrpd.protocol;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the codec against adverts captured from keepalived 2.2.7 (see fixtures/README.md): we decode
 * what it sends and encode, byte for byte, what it would send.
 */
class KeepalivedFixtureTest {
    private static final String PASS = "keepalived-pass-vrid51.pcap";
    private static final String PRIO0 = "keepalived-pass-vrid51-prio0.pcap";
    private static final String NOAUTH = "keepalived-noauth-2vips.pcap";
    private static final String V3 = "keepalived-v3-vrid53.pcap";

    @Test
    void seedDatabaseInstanceAdvertsDecodeToTheConfiguredValues() {
        List<byte[]> datagrams = PcapReader.ipv4Datagrams(PASS);
        assertTrue(datagrams.size() >= 3, "expected several adverts, got " + datagrams.size());
        for (byte[] d : datagrams) {
            Advertisement a = decodePayload(d);
            assertEquals(2, a.version());
            assertEquals(51, a.vrid());
            assertEquals(101, a.priority());
            assertEquals(AuthType.SIMPLE_TEXT, a.authType());
            assertEquals(AuthData.ofPassword("PASSWORD"), a.authData());
            assertEquals(100, a.advertIntervalCentis());
            assertEquals(List.of(ip("192.0.2.100")), a.addresses());
        }
    }

    @Test
    void stoppingMasterSendsPriorityZeroWithOtherwiseIdenticalFields() {
        List<byte[]> datagrams = PcapReader.ipv4Datagrams(PRIO0);
        assertEquals(1, datagrams.size());
        Advertisement a = decodePayload(datagrams.get(0));
        assertEquals(0, a.priority());
        assertEquals(Advertisement.v2WithPassword(51, 101, 1, "PASSWORD", List.of(ip("192.0.2.100"))).withPriority(0), a);
    }

    @Test
    void noAuthAdvertCarriesBothVirtualAddressesInConfiguredOrder() {
        for (byte[] d : PcapReader.ipv4Datagrams(NOAUTH)) {
            Advertisement a = decodePayload(d);
            assertEquals(52, a.vrid());
            assertEquals(150, a.priority());
            assertEquals(AuthType.NONE, a.authType());
            assertEquals(AuthData.ZERO, a.authData());
            assertEquals(List.of(ip("192.0.2.100"), ip("192.0.2.101")), a.addresses());
        }
    }

    @Test
    void ourEncodingEqualsKeepalivedsBytesForEveryCapturedAdvert() {
        List<Advertisement> expected = List.of(
                Advertisement.v2WithPassword(51, 101, 1, "PASSWORD", List.of(ip("192.0.2.100"))),
                Advertisement.v2WithPassword(51, 0, 1, "PASSWORD", List.of(ip("192.0.2.100"))),
                Advertisement.v2NoAuth(52, 150, 1, List.of(ip("192.0.2.100"), ip("192.0.2.101"))));
        List<String> files = List.of(PASS, PRIO0, NOAUTH);
        AdvertEncoder encoder = new AdvertEncoder();
        int compared = 0;
        for (int i = 0; i < files.size(); i++) {
            for (byte[] d : PcapReader.ipv4Datagrams(files.get(i))) {
                byte[] captured = Datagrams.payloadOf(d);
                ByteBuffer out = ByteBuffer.allocate(64);
                int n = encoder.encode(expected.get(i), out);
                byte[] ours = new byte[n];
                out.flip().get(ours);
                assertArrayEquals(captured, ours, files.get(i));
                // Re-encoding the decoded advert must give the same bytes as well.
                ByteBuffer again = ByteBuffer.allocate(64);
                encoder.encode(decodePayload(d), again);
                assertArrayEquals(captured, java.util.Arrays.copyOf(again.array(), again.position()), files.get(i));
                compared++;
            }
        }
        assertTrue(compared >= 5, "compared only " + compared + " adverts");
    }

    @Test
    void ourVrrpv3EncodingEqualsKeepalivedsIncludingThePseudoHeaderChecksum() {
        Advertisement expected = Advertisement.v3(53, 120, 100, List.of(ip("192.0.2.100")));
        List<byte[]> datagrams = PcapReader.ipv4Datagrams(V3);
        assertTrue(datagrams.size() >= 2, "expected several adverts, got " + datagrams.size());
        PseudoHeader ph = PseudoHeader.of(ip("192.0.2.1"), ip("224.0.0.18"));
        for (byte[] d : datagrams) {
            byte[] captured = Datagrams.payloadOf(d);
            Outcome<Advertisement> decoded = AdvertDecoder.decode(ByteBuffer.wrap(captured), ph);
            assertEquals(expected, ((Outcome.Ok<Advertisement>) assertInstanceOf(Outcome.Ok.class, decoded, decoded::toString)).value());
            ByteBuffer out = ByteBuffer.allocate(captured.length);
            new AdvertEncoder().encode(expected, ph, out);
            assertArrayEquals(captured, out.array());
        }
    }

    @Test
    void vrrpv3AdvertIsAcceptedByAV3InstanceAndFailsTheChecksumWithAnotherSource() {
        byte[] d = PcapReader.ipv4Datagrams(V3).get(0);
        AdvertValidator v3 = new AdvertValidator(new Expectation(53, 3, AuthType.NONE, AuthData.ZERO, 100,
                Set.of(ip("192.0.2.100"))));
        assertTrue(v3.validate(ByteBuffer.wrap(d)).isOk());
        Outcome<Advertisement> wrongSource = AdvertDecoder.decode(ByteBuffer.wrap(Datagrams.payloadOf(d)),
                PseudoHeader.of(ip("192.0.2.2"), ip("224.0.0.18")));
        assertEquals(DropReason.CHECKSUM, ((Outcome.Dropped<Advertisement>) wrongSource).reason());
        Outcome<Advertisement> noPseudoHeader = AdvertDecoder.decode(ByteBuffer.wrap(Datagrams.payloadOf(d)));
        assertEquals(DropReason.VERSION, ((Outcome.Dropped<Advertisement>) noPseudoHeader).reason());
    }

    @Test
    void capturedIpHeaderHasTtl255Protocol112AndTheVrrpGroup() {
        for (String file : List.of(PASS, PRIO0, NOAUTH, V3)) {
            for (byte[] d : PcapReader.ipv4Datagrams(file)) {
                Outcome<Ipv4Header> parsed = Ipv4Header.parse(ByteBuffer.wrap(d));
                Ipv4Header h = ((Outcome.Ok<Ipv4Header>) assertInstanceOf(Outcome.Ok.class, parsed, file)).value();
                assertEquals(255, h.ttl());
                assertEquals(112, h.protocol());
                assertEquals(ip(VrrpPacketLayout.IPV4_MULTICAST_GROUP), h.destination());
                assertEquals(ip("192.0.2.1"), h.source());
                assertEquals(20, h.headerLength());
                assertEquals(d.length, h.totalLength());
            }
        }
    }

    @Test
    void validatorConfiguredLikeTheSeedAcceptsKeepalivedAndNamesTheSender() {
        AdvertValidator validator = new AdvertValidator(new Expectation(51, 2, AuthType.SIMPLE_TEXT,
                AuthData.ofPassword("PASSWORD"), 100, Set.of(ip("192.0.2.100"))));
        for (String file : List.of(PASS, PRIO0)) {
            for (byte[] d : PcapReader.ipv4Datagrams(file)) {
                Outcome<ReceivedAdvert> o = validator.validate(ByteBuffer.wrap(d));
                ReceivedAdvert r = ((Outcome.Ok<ReceivedAdvert>) assertInstanceOf(Outcome.Ok.class, o, o::toString)).value();
                assertEquals(ip("192.0.2.1"), r.source());
                assertTrue(r.addressListMatches());
            }
        }
        Outcome<ReceivedAdvert> other = validator.validate(ByteBuffer.wrap(PcapReader.ipv4Datagrams(NOAUTH).get(0)));
        assertFalse(other.isOk());
        assertEquals(DropReason.VRID, ((Outcome.Dropped<ReceivedAdvert>) other).reason());
    }

    @Test
    void peekVridDemultiplexesCapturedDatagrams() {
        assertEquals(51, AdvertValidator.peekVrid(ByteBuffer.wrap(PcapReader.ipv4Datagrams(PASS).get(0))));
        assertEquals(52, AdvertValidator.peekVrid(ByteBuffer.wrap(PcapReader.ipv4Datagrams(NOAUTH).get(0))));
    }

    private static Advertisement decodePayload(byte[] datagram) {
        Outcome<Advertisement> o = AdvertDecoder.decode(ByteBuffer.wrap(Datagrams.payloadOf(datagram)));
        assertInstanceOf(Outcome.Ok.class, o, o::toString);
        return ((Outcome.Ok<Advertisement>) o).value();
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
