package io.vrrpd.protocol;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import static io.vrrpd.protocol.KeepalivedFixtureTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per {@link DropReason}: each builds a datagram that breaks only that rule of RFC 3768 §7.1
 * (everything else, checksum included, is valid) and checks the reason and the log detail.
 */
class DropReasonTest {
    private static final Advertisement SEED =
            Advertisement.v2WithPassword(51, 101, 1, "PASSWORD", List.of(ip("192.0.2.100")));
    private static final AdvertValidator VALIDATOR = new AdvertValidator(Expectation.of(SEED));

    @Test
    void validSeedDatagramIsAcceptedSoEachCaseBelowBreaksOnlyOneRule() {
        assertTrue(VALIDATOR.validate(ByteBuffer.wrap(Datagrams.of(SEED))).isOk());
    }

    @Test
    void ipHeaderWithVersion6IsDroppedAsIpHeader() {
        assertDrop(seedWithIpOctet(Ipv4Header.VERSION_IHL_OFFSET, 0x65),
                DropReason.IP_HEADER, "IP version 6, expected 4");
    }

    @Test
    void udpDatagramIsDroppedAsNotVrrp() {
        assertDrop(seedWithIpOctet(Ipv4Header.PROTOCOL_OFFSET, 17),
                DropReason.NOT_VRRP, "IP protocol 17, expected 112");
    }

    @Test
    void ttlBelow255IsDroppedBecauseThePacketCrossedARouter() {
        assertDrop(seedWithIpOctet(Ipv4Header.TTL_OFFSET, 254), DropReason.TTL, "TTL 254, expected 255");
    }

    @Test
    void validVersion3AdvertIsDroppedByAVersion2Instance() {
        byte[] d = Datagrams.of(Advertisement.v3(51, 101, 100, List.of(ip("192.0.2.100"))));
        assertDrop(d, DropReason.VERSION, "version 3, expected 2");
    }

    @Test
    void typeOtherThanAdvertisementIsDroppedAsType() {
        assertDrop(seedWithVrrpOctet(VrrpPacketLayout.VERSION_TYPE_OFFSET, 0x22),
                DropReason.TYPE, "type 2, expected 1 (advertisement)");
    }

    @Test
    void addressCountBeyondThePacketIsDroppedAsLength() {
        assertDrop(seedWithVrrpOctet(VrrpPacketLayout.COUNT_IP_ADDRS_OFFSET, 2),
                DropReason.LENGTH, "payload 20 bytes, 2 address(es) need 24");
    }

    @Test
    void corruptedChecksumIsDroppedAsChecksum() {
        byte[] d = Datagrams.of(SEED);
        d[Datagrams.IP_HEADER + VrrpPacketLayout.CHECKSUM_OFFSET + 1] ^= 0x01;
        assertDrop(d, DropReason.CHECKSUM, "does not verify");
    }

    @Test
    void advertForAnotherVridIsDroppedAsVrid() {
        assertDrop(seedWithVrrpOctet(VrrpPacketLayout.VRID_OFFSET, 52), DropReason.VRID, "vrid 52, expected 51");
    }

    @Test
    void advertWithoutAuthenticationIsDroppedWhenPassIsConfigured() {
        byte[] d = Datagrams.of(Advertisement.v2NoAuth(51, 101, 1, List.of(ip("192.0.2.100"))));
        assertDrop(d, DropReason.AUTH_TYPE, "auth type 0 (none), expected 1 (simple_text)");
    }

    @Test
    void wrongPasswordIsDroppedAsAuthDataWithoutShowingEitherPassword() {
        Outcome.Dropped<ReceivedAdvert> drop = assertDrop(seedWith(1, "PASSWORX", "192.0.2.100"),
                DropReason.AUTH_DATA, "auth data mismatch");
        assertTrue(!drop.detail().contains("PASSWOR"), drop.detail());
    }

    @Test
    void differentVirtualAddressFromNonOwnerIsDroppedAsAddressList() {
        assertDrop(seedWith(1, "PASSWORD", "192.0.2.99"),
                DropReason.ADDRESS_LIST, "addresses [192.0.2.99], expected [192.0.2.100]");
    }

    @Test
    void differentAdvertIntervalIsDroppedAsAdvertInterval() {
        assertDrop(seedWith(2, "PASSWORD", "192.0.2.100"), DropReason.ADVERT_INTERVAL, "advert_int 2 s, expected 1 s");
    }

    /** The seed datagram with one octet of its IPv4 header changed (the VRRP checksum does not cover it). */
    private static byte[] seedWithIpOctet(int offset, int value) {
        byte[] d = Datagrams.of(SEED);
        d[offset] = (byte) value;
        return d;
    }

    /** The seed datagram with one octet of its VRRP payload changed and the VRRP checksum made valid again. */
    private static byte[] seedWithVrrpOctet(int offset, int value) {
        return Datagrams.editPayload(Datagrams.of(SEED), p -> p[offset] = (byte) value);
    }

    /** The seed advert (VRID 51, priority 101, simple-text authentication) with these fields instead. */
    private static byte[] seedWith(int advertIntSeconds, String password, String virtualIp) {
        return Datagrams.of(Advertisement.v2WithPassword(51, 101, advertIntSeconds, password, List.of(ip(virtualIp))));
    }

    private static Outcome.Dropped<ReceivedAdvert> assertDrop(byte[] datagram, DropReason reason, String detailPart) {
        Outcome<ReceivedAdvert> o = VALIDATOR.validate(ByteBuffer.wrap(datagram));
        @SuppressWarnings("unchecked")
        Outcome.Dropped<ReceivedAdvert> drop = assertInstanceOf(Outcome.Dropped.class, o, o::toString);
        assertEquals(reason, drop.reason(), drop::detail);
        assertTrue(drop.detail().contains(detailPart), () -> "detail was: " + drop.detail());
        return drop;
    }

    @Test
    void counterNamesAreStableLowerCaseAndDistinct() {
        assertEquals("auth_data", DropReason.AUTH_DATA.counterName());
        assertEquals("advert_interval", DropReason.ADVERT_INTERVAL.counterName());
        Set<String> names = new java.util.HashSet<>();
        for (DropReason r : DropReason.values()) {
            assertTrue(r.counterName().matches("[a-z_]+"), r.counterName());
            assertTrue(names.add(r.counterName()), "duplicate " + r.counterName());
        }
    }
}
