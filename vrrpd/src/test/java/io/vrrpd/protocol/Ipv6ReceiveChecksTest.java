package io.vrrpd.protocol;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import static io.vrrpd.protocol.KeepalivedFixtureTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * RFC 5798 §7.1 over IPv6: the datagram as the IPv6 channel hands it over (a rebuilt fixed header
 * plus the VRRP payload), one test per hostile variant the lab also sends.
 */
class Ipv6ReceiveChecksTest {
    private static final InetAddress SRC = ip("fe80::1");
    private static final InetAddress GROUP = ip("ff02::12");
    private static final Advertisement ADVERT = Advertisement.v3(51, 101, 10, List.of(ip("2001:db8::100")));
    private static final AdvertValidator VALIDATOR = new AdvertValidator(new Expectation(51, 3, AuthType.NONE,
            AuthData.ZERO, 10, Set.of(ip("2001:db8::100"))));

    static byte[] datagram(Advertisement a, int hopLimit) {
        ByteBuffer payload = ByteBuffer.allocate(8 + 16 * a.addresses().size());
        new AdvertEncoder().encode(a, PseudoHeader.of(SRC, GROUP), payload);
        payload.flip();
        ByteBuffer d = ByteBuffer.allocate(Ipv6Header.LENGTH + payload.remaining());
        Ipv6Header.write(d, payload.remaining(), 112, hopLimit, SRC.getAddress(), GROUP.getAddress());
        d.put(payload);
        return d.array();
    }

    private static Outcome<ReceivedAdvert> validate(byte[] d) {
        return VALIDATOR.validate(ByteBuffer.wrap(d));
    }

    private static DropReason dropOf(Outcome<ReceivedAdvert> o) {
        return ((Outcome.Dropped<ReceivedAdvert>) assertInstanceOf(Outcome.Dropped.class, o, o::toString)).reason();
    }

    @Test
    void aGoodAdvertIsAcceptedWithItsLinkLocalSource() {
        Outcome<ReceivedAdvert> o = validate(datagram(ADVERT, 255));
        ReceivedAdvert r = ((Outcome.Ok<ReceivedAdvert>) assertInstanceOf(Outcome.Ok.class, o, o::toString)).value();
        assertEquals(SRC, r.source());
        assertEquals(10, r.advert().advertIntervalCentis());
        assertEquals(51, AdvertValidator.peekVrid(ByteBuffer.wrap(datagram(ADVERT, 255))));
    }

    @Test
    void aHopLimitBelow255IsDroppedAsTtl() {
        Outcome<ReceivedAdvert> o = validate(datagram(ADVERT, 254));
        assertEquals(DropReason.TTL, dropOf(o));
        assertEquals("hop limit 254, expected 255", ((Outcome.Dropped<ReceivedAdvert>) o).detail());
    }

    @Test
    void aFlippedChecksumIsDropped() {
        byte[] d = datagram(ADVERT, 255);
        d[Ipv6Header.LENGTH + 6] ^= 0x01;
        assertEquals(DropReason.CHECKSUM, dropOf(validate(d)));
    }

    @Test
    void aVersion2PayloadOverIpv6IsDroppedAsVersion() {
        byte[] d = datagram(ADVERT, 255);
        d[Ipv6Header.LENGTH] = 0x21;
        assertEquals(DropReason.VERSION, dropOf(validate(d)));
    }

    @Test
    void aTruncatedAdvertIsDroppedAsLength() {
        byte[] d = datagram(ADVERT, 255);
        byte[] cut = java.util.Arrays.copyOf(d, d.length - 4);
        cut[5] = (byte) (cut.length - Ipv6Header.LENGTH);
        assertEquals(DropReason.LENGTH, dropOf(validate(cut)));
    }

    @Test
    void aPayloadLengthThatDisagreesWithTheDatagramIsDroppedAsLength() {
        byte[] d = datagram(ADVERT, 255);
        d[5] += 1;
        assertEquals(DropReason.LENGTH, dropOf(validate(d)));
    }

    @Test
    void aShortIpv6HeaderIsAnIpHeaderDrop() {
        byte[] d = java.util.Arrays.copyOf(datagram(ADVERT, 255), 30);
        assertEquals(DropReason.IP_HEADER, dropOf(validate(d)));
        assertEquals(DropReason.IP_HEADER, dropOf(AdvertValidator.rejectUnrouted(ByteBuffer.wrap(d))));
    }

    @Test
    void theChecksumCoversTheDestinationSoAnotherDestinationFails() {
        byte[] d = datagram(ADVERT, 255);
        d[Ipv6Header.DESTINATION_OFFSET + 15] = 0x13;
        assertEquals(DropReason.CHECKSUM, dropOf(validate(d)));
    }
}
