package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.net.linux.Capabilities.Needed;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private static String status(String capEff) {
        return "Name:\tjava\nUmask:\t0022\nCapInh:\t0000000000000000\nCapPrm:\t" + capEff + "\nCapEff:\t" + capEff
                + "\nCapBnd:\t000001ffffffffff\n";
    }

    @Test
    void rootHasBoth() {
        assertEquals(List.of(), Capabilities.missing(status("000001ffffffffff")));
    }

    @Test
    void exactlyNetAdminAndNetRawAreEnough() {
        // bits 12 and 13 (linux/capability.h): 0x3000
        assertEquals(List.of(), Capabilities.missing(status("0000000000003000")));
    }

    @Test
    void eachMissingOneIsNamed() {
        assertEquals(List.of(Needed.CAP_NET_ADMIN), Capabilities.missing(status("0000000000002000")));
        assertEquals(List.of(Needed.CAP_NET_RAW), Capabilities.missing(status("0000000000001000")));
        assertEquals(List.of(Needed.CAP_NET_ADMIN, Needed.CAP_NET_RAW), Capabilities.missing(status("0000000000000000")));
    }

    @Test
    void noCapEffLineMeansNoVerdict() {
        assertEquals(List.of(), Capabilities.missing("Name:\tjava\n"));
    }

    @Test
    void messageIsOneLineNamingTheCapabilityAndTheRemedy() {
        String m = Capabilities.message(List.of(Needed.CAP_NET_RAW));
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("missing capability CAP_NET_RAW (for the raw VRRP socket"), m);
        assertTrue(m.contains("AmbientCapabilities="), m);
        assertTrue(Capabilities.message(List.of(Needed.CAP_NET_ADMIN, Needed.CAP_NET_RAW))
                .startsWith("missing capabilities CAP_NET_ADMIN (to add and remove the virtual IPs), CAP_NET_RAW"));
    }
}
