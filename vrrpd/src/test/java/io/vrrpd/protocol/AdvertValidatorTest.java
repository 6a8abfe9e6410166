package io.vrrpd.protocol;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import static io.vrrpd.protocol.KeepalivedFixtureTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour of the receive checks beyond one rule per test (see {@link DropReasonTest}). */
class AdvertValidatorTest {
    private static final List<java.net.InetAddress> VIPS = List.of(ip("192.0.2.100"), ip("192.0.2.101"));
    private static final AdvertValidator NO_AUTH =
            new AdvertValidator(Expectation.of(Advertisement.v2NoAuth(52, 100, 1, VIPS)));

    @Test
    void addressOwnerWithDifferentListIsAcceptedButFlaggedPerRfc3768Section7_1() {
        byte[] d = Datagrams.of(Advertisement.v2NoAuth(52, 255, 1, List.of(ip("192.0.2.100"))));
        ReceivedAdvert r = accepted(NO_AUTH.validate(ByteBuffer.wrap(d)));
        assertFalse(r.addressListMatches());
        assertEquals(255, r.advert().priority());
    }

    @Test
    void addressListOrderDoesNotMatter() {
        byte[] d = Datagrams.of(Advertisement.v2NoAuth(52, 100, 1, List.of(ip("192.0.2.101"), ip("192.0.2.100"))));
        assertTrue(accepted(NO_AUTH.validate(ByteBuffer.wrap(d))).addressListMatches());
    }

    @Test
    void ipAuthenticationHeaderIsNeverAcceptedEvenThoughItDecodes() {
        byte[] d = Datagrams.editPayload(Datagrams.of(Advertisement.v2NoAuth(52, 100, 1, VIPS)), p -> p[4] = 2);
        Outcome<Advertisement> decoded = AdvertDecoder.decode(ByteBuffer.wrap(Datagrams.payloadOf(d)));
        assertEquals(AuthType.IP_AH, ((Outcome.Ok<Advertisement>) decoded).value().authType());
        Outcome<ReceivedAdvert> o = NO_AUTH.validate(ByteBuffer.wrap(d));
        assertEquals(DropReason.AUTH_TYPE, ((Outcome.Dropped<ReceivedAdvert>) o).reason());
    }

    @Test
    void ipOptionsAreSkippedUsingTheHeaderLength() {
        byte[] plain = Datagrams.of(Advertisement.v2NoAuth(52, 100, 1, VIPS));
        byte[] withOptions = new byte[plain.length + 4];
        System.arraycopy(plain, 0, withOptions, 0, 20);
        withOptions[0] = 0x46;
        // Router Alert option (RFC 2113): 0x94 0x04 0x00 0x00.
        withOptions[20] = (byte) 0x94;
        withOptions[21] = 0x04;
        System.arraycopy(plain, 20, withOptions, 24, plain.length - 20);
        withOptions[2] = (byte) (withOptions.length >>> 8);
        withOptions[3] = (byte) withOptions.length;
        assertTrue(NO_AUTH.validate(ByteBuffer.wrap(withOptions)).isOk());
        assertEquals(52, AdvertValidator.peekVrid(ByteBuffer.wrap(withOptions)));
    }

    @Test
    void ipTotalLengthDifferentFromTheDatagramIsDroppedAsLength() {
        byte[] d = Datagrams.of(Advertisement.v2NoAuth(52, 100, 1, VIPS));
        d[3] += 4;
        Outcome<ReceivedAdvert> o = NO_AUTH.validate(ByteBuffer.wrap(d));
        assertEquals(DropReason.LENGTH, ((Outcome.Dropped<ReceivedAdvert>) o).reason());
        assertEquals("IP total length 48, datagram 44 bytes", ((Outcome.Dropped<ReceivedAdvert>) o).detail());
    }

    @Test
    void validationReadsFromThePositionAndLeavesTheBufferAlone() {
        byte[] d = Datagrams.of(Advertisement.v2NoAuth(52, 100, 1, VIPS));
        ByteBuffer buf = ByteBuffer.allocate(d.length + 10);
        buf.position(7);
        buf.put(d);
        buf.position(7).limit(7 + d.length);
        assertTrue(NO_AUTH.validate(buf).isOk());
        assertEquals(7, buf.position());
        assertEquals(7 + d.length, buf.limit());
    }

    @Test
    void unroutedWellFormedAdvertIsDroppedAsVridAndUnroutedGarbageByItsFirstFault() {
        byte[] d = Datagrams.of(Advertisement.v2NoAuth(77, 100, 1, VIPS));
        Outcome<ReceivedAdvert> o = AdvertValidator.rejectUnrouted(ByteBuffer.wrap(d));
        assertEquals(DropReason.VRID, ((Outcome.Dropped<ReceivedAdvert>) o).reason());
        assertEquals("vrid 77 is not configured on this interface", ((Outcome.Dropped<ReceivedAdvert>) o).detail());
        d[8] = 1;
        assertEquals(DropReason.TTL,
                ((Outcome.Dropped<ReceivedAdvert>) AdvertValidator.rejectUnrouted(ByteBuffer.wrap(d))).reason());
    }

    @Test
    void peekVridAnswersMinusOneForDatagramsTooShortToHoldOne() {
        assertEquals(-1, AdvertValidator.peekVrid(ByteBuffer.allocate(0)));
        assertEquals(-1, AdvertValidator.peekVrid(ByteBuffer.wrap(new byte[21])));
        byte[] noIhl = new byte[30];
        noIhl[0] = 0x40;
        assertEquals(-1, AdvertValidator.peekVrid(ByteBuffer.wrap(noIhl)));
    }

    @Test
    void expectationRejectsAuthenticationHeader() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Expectation(1, 2, AuthType.IP_AH, AuthData.ZERO, 100, Set.of()));
        assertTrue(e.getMessage().contains("IP AH"));
    }

    private static ReceivedAdvert accepted(Outcome<ReceivedAdvert> o) {
        assertInstanceOf(Outcome.Ok.class, o, o::toString);
        return ((Outcome.Ok<ReceivedAdvert>) o).value();
    }
}
