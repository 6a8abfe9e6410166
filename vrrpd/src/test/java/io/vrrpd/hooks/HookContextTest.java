package io.vrrpd.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookContextTest {

    @Test
    void copiesTheVipListSoLaterChangesDoNotLeakIn() {
        List<String> vips = new ArrayList<>(List.of("192.0.2.10/24"));
        HookContext ctx = new HookContext("VI_1", "BACKUP", "MASTER", "", 100, vips, null, 0);
        vips.add("192.0.2.20/24");

        assertEquals(List.of("192.0.2.10/24"), ctx.virtualIps());
    }

    @Test
    void rejectsPriorityOutsideTheVrrpRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HookContext("VI_1", "BACKUP", "MASTER", "", 256, List.of(), null, 0));
        assertEquals("priority must be 0..255 (was 256)", e.getMessage());
    }

    @Test
    void rejectsABlankInstanceName() {
        assertThrows(IllegalArgumentException.class,
                () -> new HookContext(" ", "BACKUP", "MASTER", "", 100, List.of(), null, 0));
    }

    @Test
    void onlyFailedAndTimedOutResultsFailATakeover() {
        HookResult ok = result(HookOutcome.OK);
        HookResult skipped = result(HookOutcome.SKIPPED);

        assertTrue(HookResult.allSucceeded(List.of(ok, skipped)));
        assertFalse(HookResult.allSucceeded(List.of(ok, result(HookOutcome.TIMED_OUT))));
        assertFalse(HookResult.allSucceeded(List.of(result(HookOutcome.FAILED), skipped)));
    }

    private static HookResult result(HookOutcome outcome) {
        return new HookResult("VI_1", 1, "h", HookPhase.TAKEOVER, outcome, "", "", Duration.ZERO, Instant.EPOCH);
    }
}
