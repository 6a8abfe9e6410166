package io.vrrpd.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** keepalived 2.2.7 vrrp_track.c process_script_update_priority, case by case. */
class WeightingTest {

    @Test
    void negativeWeightIsSubtractedWhileFailing() {
        Weighting w = new Weighting(-10, false);
        assertEquals(0, w.contribution(true));
        assertEquals(-10, w.contribution(false));
        assertFalse(w.faultsInstead());
    }

    @Test
    void positiveWeightIsAddedWhileSucceeding() {
        Weighting w = new Weighting(10, false);
        assertEquals(10, w.contribution(true));
        assertEquals(0, w.contribution(false));
    }

    @Test
    void reverseTurnsTheDirection() {
        assertEquals(-10, new Weighting(10, true).contribution(true));
        assertEquals(0, new Weighting(10, true).contribution(false));
        assertEquals(0, new Weighting(-10, true).contribution(true));
        assertEquals(10, new Weighting(-10, true).contribution(false));
    }

    @Test
    void weightZeroFaultsOnFailureOrWithReverseOnSuccess() {
        assertTrue(new Weighting(0, false).faults(false));
        assertFalse(new Weighting(0, false).faults(true));
        assertTrue(new Weighting(0, true).faults(true));
        assertFalse(new Weighting(0, true).faults(false));
        assertEquals(0, new Weighting(0, false).contribution(false));
        assertFalse(new Weighting(-10, false).faults(false), "a weighted item never faults");
    }

    @Test
    void effectivePriorityIsClampedAndTheOwnerNeverMoves() {
        assertEquals(91, EffectivePriority.of(101, -10));
        assertEquals(1, EffectivePriority.of(100, -200));
        assertEquals(254, EffectivePriority.of(250, 50));
        assertEquals(255, EffectivePriority.of(255, -100));
    }

    @Test
    void instanceTrackingAddsEveryWeightInForce() {
        TrackedItem down = new TrackedItem(TrackedItem.Kind.SCRIPT, "chk", new Weighting(-10, false), null);
        TrackedItem up = new TrackedItem(TrackedItem.Kind.INTERFACE, "eth1", new Weighting(5, false), null);
        TrackedItem gate = new TrackedItem(TrackedItem.Kind.SCRIPT, "gate", new Weighting(0, false), null);
        InstanceTracking t = new InstanceTracking(101, java.util.List.of(down, up, gate));
        assertEquals(101, t.effectivePriority(), "nothing known yet: nothing applies");
        down.setResult(false, "exit 1");
        up.setResult(true, "up");
        assertEquals(96, t.effectivePriority());
        assertTrue(t.faults().isEmpty());
        gate.setResult(false, "failed (exited with status 1)");
        assertEquals(java.util.Map.of("track:vrrp_script:gate", "vrrp_script gate: failed (exited with status 1)"),
                t.faults());
        gate.setResult(true, "succeeded");
        assertTrue(t.faults().isEmpty());
    }
}
