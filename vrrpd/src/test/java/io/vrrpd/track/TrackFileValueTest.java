package io.vrrpd.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7 trackers/track_file.c: strtol(buf, NULL, 0), then value x weight. */
class TrackFileValueTest {

    @Test
    void readsLikeStrtolBaseZero() {
        assertEquals(OptionalLong.of(5), TrackFileValue.parse("5\n"));
        assertEquals(OptionalLong.of(-3), TrackFileValue.parse("  -3 trailing words"));
        assertEquals(OptionalLong.of(16), TrackFileValue.parse("0x10"));
        assertEquals(OptionalLong.of(8), TrackFileValue.parse("010"));
        assertEquals(OptionalLong.of(0), TrackFileValue.parse(""));
        assertEquals(OptionalLong.of(0), TrackFileValue.parse("maintenance"));
        assertTrue(TrackFileValue.parse("99999999999").isEmpty(), "out of 32-bit range: ignored");
    }

    @Test
    void valueTimesWeightClampedAndMinus254IsFault() {
        assertEquals(-20, TrackFileValue.status(2, -10, false));
        assertEquals(20, TrackFileValue.status(2, -10, true));
        assertEquals(253, TrackFileValue.status(100, 10, false));
        assertEquals(TrackFileValue.FAULT, TrackFileValue.status(100, -10, false));
    }

    @Test
    void weightZeroMeansNonZeroIsFault() {
        assertEquals(TrackFileValue.FAULT, TrackFileValue.status(1, 0, false));
        assertEquals(0, TrackFileValue.status(0, 0, false));
        assertEquals(TrackFileValue.FAULT, TrackFileValue.status(0, 0, true));
    }

    @Test
    void aFaultingFileAddsNothingAndFaults() {
        TrackedItem f = new TrackedItem(TrackedItem.Kind.FILE, "maint", new Weighting(-100, false), null);
        f.setFileValue(1, "/x has value 1");
        assertEquals(-100, f.contribution());
        f.setFileValue(3, "/x has value 3");
        assertEquals(0, f.contribution());
        assertTrue(f.fault().isPresent());
    }
}
