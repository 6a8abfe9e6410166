package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabNameTest {

    @Test
    void roundTripsThroughItsNamespaceName() {
        LabName n = new LabName(4242, 3, "n2");
        assertEquals("vrl4242-3-n2", n.toString());
        assertEquals("vrl4242-3", n.labId());
        assertEquals(Optional.of(n), LabName.parse("vrl4242-3-n2"));
    }

    @Test
    void ignoresNamespacesThatAreNotTheLabs() {
        assertEquals(Optional.empty(), LabName.parse("vrl-sw"));
        assertEquals(Optional.empty(), LabName.parse("prod-vrl4242-1-sw"));
        assertEquals(Optional.empty(), LabName.parse("vrl4242-1-eth0"));
        assertEquals(Optional.empty(), LabName.parse("vrl0-1-sw"), "pid 0 is no lab");
    }

    @Test
    void readsNamesFromIpNetnsListWithAndWithoutIds() {
        String out = """
                vrl77-1-n2 (id: 2)
                vrl77-1-sw (id: 0)
                blue
                vrl78-2-n1
                """;
        assertEquals(List.of(new LabName(77, 1, "n2"), new LabName(77, 1, "sw"), new LabName(78, 2, "n1")),
                StaleLabSweeper.parseNetnsList(out));
    }

    @Test
    void rejectsAnUnknownRole() {
        assertThrows(IllegalArgumentException.class, () -> new LabName(1, 1, "router"));
    }
}
