package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LsnTest {
    @Test
    void parsesFormatsAndCompares() {
        Lsn a = Lsn.parse("16/B374D848");
        assertEquals("16/B374D848", a.toString());
        assertEquals(0x16B374D848L, a.value());
        assertTrue(Lsn.parse("FFFFFFFF/0").isAfter(Lsn.parse("1/0")), "unsigned");
        assertEquals(0x100000000L, Lsn.parse("1/0").minus(Lsn.parse("0/0")));
        assertEquals(-1, Lsn.parse("0/1").minus(Lsn.parse("0/2")));
    }

    @Test
    void rejectsNonPositions() {
        for (String bad : new String[] {"", "0", "/1", "1/", "x/1", "123456789/0", null}) {
            assertThrows(IllegalArgumentException.class, () -> Lsn.parse(bad), String.valueOf(bad));
        }
    }
}
