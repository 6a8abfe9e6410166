package io.vrrpd.track;

import static io.vrrpd.track.RiseFall.Change.DOWN;
import static io.vrrpd.track.RiseFall.Change.NONE;
import static io.vrrpd.track.RiseFall.Change.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7 vrrp_scheduler.c vrrp_script_child_thread's counter, run by run. */
class RiseFallTest {

    private static List<RiseFall.Change> feed(RiseFall r, String runs) {
        List<RiseFall.Change> out = new ArrayList<>();
        for (char c : runs.toCharArray()) {
            out.add(r.record(c == '+'));
        }
        return out;
    }

    @Test
    void theFirstRunDecidesEitherWay() {
        assertEquals(List.of(UP), feed(new RiseFall(3, 3, false), "+"), "one success is enough at start");
        assertEquals(List.of(DOWN), feed(new RiseFall(3, 3, false), "-"));
    }

    @Test
    void fallFailuresInARowAreNeededToGoDown() {
        RiseFall r = new RiseFall(2, 3, false);
        assertEquals(List.of(UP, NONE, NONE, DOWN), feed(r, "+---"));
        assertEquals(0, r.result());
        assertFalse(r.good());
    }

    @Test
    void aSuccessWhileGoodRefillsTheFallCount() {
        RiseFall r = new RiseFall(2, 3, false);
        assertEquals(List.of(UP, NONE, NONE, NONE, NONE, NONE, DOWN), feed(r, "+--+---"));
    }

    @Test
    void riseSuccessesInARowAreNeededToComeBack() {
        RiseFall r = new RiseFall(3, 1, false);
        assertEquals(List.of(DOWN, NONE, NONE, UP), feed(r, "-+++"));
        assertEquals(3, r.result(), "at the top: rise + fall - 1");
        assertTrue(r.good());
    }

    @Test
    void aFailureWhileComingBackStartsOver() {
        RiseFall r = new RiseFall(3, 1, false);
        assertEquals(List.of(DOWN, NONE, NONE, NONE, NONE, NONE, UP), feed(r, "-++-+++"));
    }

    @Test
    void initFailStartsFailedAndNeedsRiseSuccesses() {
        RiseFall r = new RiseFall(2, 2, true);
        assertFalse(r.unknown());
        assertFalse(r.good());
        assertEquals(List.of(NONE, NONE, UP), feed(r, "-++"));
    }

    @Test
    void riseAndFallOfOneFlipOnEveryChange() {
        RiseFall r = new RiseFall(1, 1, false);
        assertEquals(List.of(UP, NONE, DOWN, NONE, UP), feed(r, "++--+"));
    }
}
