package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsharkFieldsTest {

    @Test
    void parsesAKeepalivedAdvertFromTshark40Output() {
        // Columns of TsharkFields.VRRP_FIELDS, as tshark 4.0.17 printed them for a keepalived 2.2.7 advert.
        String out = "1795624072.424296000\t192.0.2.11\t255\t2\t51\t101\t1\t\t1\t192.0.2.100\t\n";
        VrrpAdvert a = TsharkFields.parseVrrp(out).get(0);
        assertEquals(Instant.ofEpochSecond(1795624072L, 424_296_000), a.time());
        assertEquals("192.0.2.11", a.source());
        assertEquals(255, a.ttl());
        assertEquals(2, a.version());
        assertEquals(51, a.vrid());
        assertEquals(101, a.priority());
        assertEquals(1, a.advertInterval());
        assertEquals(VrrpAdvert.ChecksumStatus.GOOD, a.checksum());
        assertEquals(List.of("192.0.2.100"), a.addresses());
        assertEquals(List.of(), a.expertMessages());
        assertFalse(a.malformed());
    }

    @Test
    void aBadChecksumWithExpertInfoIsMalformedAndKeepsEveryMessageAndAddress() {
        String out = "1.5\t192.0.2.12\t255\t2\t51\t0\t1\t\t0\t192.0.2.100|192.0.2.101\tBad checksum [should be 0x1234]|Malformed Packet\n";
        VrrpAdvert a = TsharkFields.parseVrrp(out).get(0);
        assertEquals(Instant.ofEpochSecond(1, 500_000_000), a.time());
        assertEquals(0, a.priority());
        assertEquals(VrrpAdvert.ChecksumStatus.BAD, a.checksum());
        assertEquals(List.of("192.0.2.100", "192.0.2.101"), a.addresses());
        assertEquals(List.of("Bad checksum [should be 0x1234]", "Malformed Packet"), a.expertMessages());
        assertTrue(a.malformed());
    }

    @Test
    void takesTheV3IntervalInCentisecondsWhenTheV2ColumnIsEmpty() {
        String out = "2.0\t192.0.2.11\t255\t3\t7\t200\t\t100\t1\t192.0.2.50\t\n";
        VrrpAdvert a = TsharkFields.parseVrrp(out).get(0);
        assertEquals(3, a.version());
        assertEquals(100, a.advertInterval());
    }

    @Test
    void aTruncatedLineGivesEmptyTrailingColumnsNotAnException() {
        VrrpAdvert a = TsharkFields.parseVrrp("3.0\t192.0.2.11\t255\t2\t51\t100\n").get(0);
        assertEquals(VrrpAdvert.ChecksumStatus.UNKNOWN, a.checksum());
        assertEquals(List.of(), a.addresses());
        assertFalse(a.malformed());
    }

    @Test
    void parsesGratuitousArpsAndTellsThemFromOrdinaryRequests() {
        String out = """
                1795624072.424744000\t1\t192.0.2.100\t86:7D:D6:EE:2A:67\t192.0.2.100\t1
                1795624073.000000000\t1\t192.0.2.11\t86:7d:d6:ee:2a:67\t192.0.2.12\t0
                """;
        List<ArpFrame> rows = TsharkFields.parseArp(out);
        assertEquals(2, rows.size());
        assertEquals("86:7d:d6:ee:2a:67", rows.get(0).senderMac());
        assertTrue(rows.get(0).announces("192.0.2.100"));
        assertFalse(rows.get(1).announces("192.0.2.11"), "a request to another host is not an announcement");
        assertFalse(rows.get(0).announces("192.0.2.101"));
        assertEquals(1, rows.get(1).opcode());
    }

    @Test
    void anIpv6AdvertTakesSourceHopLimitAndAddressesFromTheIpv6Columns() {
        // As tshark 4.0 printed keepalived 2.2.7's VRRPv3 advert over IPv6: the ip.* and vrrp.ip_addr columns are empty.
        String out = "5.0\t\t\t3\t61\t101\t\t100\t1\t\t\tfe80::ec49:2aff:fe91:9a96\t255\t2001:db8::100\n";
        VrrpAdvert a = TsharkFields.parseVrrp(out).get(0);
        assertEquals("fe80::ec49:2aff:fe91:9a96", a.source());
        assertEquals(255, a.ttl());
        assertEquals(List.of("2001:db8::100"), a.addresses());
        assertEquals(VrrpAdvert.ChecksumStatus.GOOD, a.checksum());
    }

    @Test
    void parsesAnUnsolicitedNeighbourAdvertisement() {
        String out = "6.0\tfe80::1\tff02::1\t255\t2001:db8::100\t1\t0\t02:AB:00:00:00:0C\t1\n";
        NeighbourAdvert na = TsharkFields.parseNeighbourAdverts(out).get(0);
        assertEquals("2001:db8::100", na.target());
        assertEquals(255, na.hopLimit());
        assertTrue(na.override());
        assertTrue(na.unsolicited());
        assertEquals("02:ab:00:00:00:0c", na.senderMac());
        assertEquals(VrrpAdvert.ChecksumStatus.GOOD, na.checksum());
    }
}
