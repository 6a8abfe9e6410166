package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressMonitorTest {

    @Test
    void parsesAddedAndDeletedAddressesWithMicrosecondTimes() {
        String out = """
                [2026-11-25T16:44:52.718553] 2: eth0    inet 192.0.2.100/32 scope global eth0
                       valid_lft forever preferred_lft forever
                [2026-11-25T16:44:52.722178] Deleted 2: eth0    inet 192.0.2.100/32 scope global eth0
                       valid_lft forever preferred_lft forever
                """;
        List<AddressEvent> events = AddressMonitor.parse(out, ZoneOffset.UTC);
        assertEquals(List.of(
                new AddressEvent(Instant.parse("2026-11-25T16:44:52.718553Z"), true, "eth0", "192.0.2.100"),
                new AddressEvent(Instant.parse("2026-11-25T16:44:52.722178Z"), false, "eth0", "192.0.2.100")),
                events);
    }

    @Test
    void readsTheTimestampInTheGivenZone() {
        String out = "[2026-11-25T17:44:52.000001] 2: eth0    inet 192.0.2.100/32 scope global eth0\n";
        AddressEvent e = AddressMonitor.parse(out, ZoneId.of("Europe/Berlin")).get(0);
        assertEquals(Instant.parse("2026-11-25T16:44:52.000001Z"), e.time());
    }

    @Test
    void skipsLinesThatAreNoAddressEvent() {
        String out = """
                [2026-11-25T16:44:52.7185] 2: eth0    inet6 fe80::1/64 scope link
                [2026-11-25T16:44:52.71] 2: eth0    link/ether 02:00:00:00:00:01
                [2026-11-25T16:44:5
                """;
        List<AddressEvent> events = AddressMonitor.parse(out, ZoneOffset.UTC);
        assertEquals(1, events.size(), "only the inet6 line is an address; the cut-off line is dropped");
        assertEquals("fe80::1", events.get(0).address());
    }
}
