package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ControlDataTest {

    @Test
    void parsesPostgres15Output() throws IOException {
        String out;
        try (InputStream in = getClass().getResourceAsStream("/pg/pg_controldata-15-shut-down.txt")) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ControlData cd = ControlData.parse(out).orElseThrow();
        assertEquals("shut down", cd.clusterState());
        assertEquals(Lsn.parse("0/1500718"), cd.checkpoint());
        assertEquals(1, cd.timeline());
        assertEquals("7713922080455419844", Long.toUnsignedString(cd.systemId()));
        assertTrue(cd.cleanlyShutDown());
        assertFalse(cd.wasStandby());
    }

    @Test
    void rejectsOtherText() {
        assertTrue(ControlData.parse("pg_controldata: fatal: could not open file").isEmpty());
    }
}
