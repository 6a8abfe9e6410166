package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceAddressTest {

    /** Captured from a lab node running keepalived as master (ip -o addr show dev eth0, iproute2 6.1). */
    private static final String MASTER_ETH0 = """
            2: eth0    inet 192.0.2.11/24 scope global eth0\\       valid_lft forever preferred_lft forever
            2: eth0    inet 192.0.2.100/32 scope global eth0\\       valid_lft forever preferred_lft forever
            2: eth0    inet6 fe80::847d:d6ff:feee:2a67/64 scope link \\       valid_lft forever preferred_lft forever
            """;

    @Test
    void parsesEveryAddressWithFamilyAndPrefix() {
        assertEquals(List.of(
                new InterfaceAddress("eth0", "inet", "192.0.2.11", 24),
                new InterfaceAddress("eth0", "inet", "192.0.2.100", 32),
                new InterfaceAddress("eth0", "inet6", "fe80::847d:d6ff:feee:2a67", 64)),
                InterfaceAddress.parseIpOneline(MASTER_ETH0));
    }

    @Test
    void readsTheDeviceFromTheSecondColumnNotTheLabelAtTheEnd() {
        String line = "3: eth1    inet 198.51.100.7/24 brd 198.51.100.255 scope global eth1:vip\\ valid_lft forever\n";
        assertEquals(List.of(new InterfaceAddress("eth1", "inet", "198.51.100.7", 24)),
                InterfaceAddress.parseIpOneline(line));
    }

    @Test
    void skipsLinesThatAreNotAddressesAndEmptyOutput() {
        assertEquals(List.of(), InterfaceAddress.parseIpOneline(""));
        assertEquals(List.of(), InterfaceAddress.parseIpOneline(
                "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n"));
    }

    @Test
    void rejectsAPrefixLongerThanTheFamilyAllows() {
        assertThrows(IllegalArgumentException.class, () -> new InterfaceAddress("eth0", "inet", "192.0.2.1", 33));
        assertThrows(IllegalArgumentException.class, () -> new InterfaceAddress("eth0", "ipx", "192.0.2.1", 24));
    }
}
