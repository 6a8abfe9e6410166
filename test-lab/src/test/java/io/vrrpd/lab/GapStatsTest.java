package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapStatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        GapStats s = GapStats.of(List.of(ms(3700), ms(3610), ms(3650)));
        assertEquals(new GapStats(3, ms(3650), ms(3610), ms(3700)), s);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(ms(3620), GapStats.of(List.of(ms(3630), ms(3600), ms(3700), ms(3610))).median());
    }

    @Test
    void refusesAnEmptyList() {
        assertThrows(IllegalArgumentException.class, () -> GapStats.of(List.of()));
    }

    @Test
    void printsSecondsWithThreeDecimals() {
        assertEquals("3.609", GapStats.seconds(Duration.ofNanos(3_609_375_000L)));
        assertEquals("0.610", GapStats.seconds(Duration.ofNanos(609_500_000L)));
    }

    @Test
    void expectedGapsAreTheMasterDownIntervalAndTheSkewTime() {
        assertEquals(Duration.ofNanos(3_609_375_000L), new BenchCase(DaemonKind.VRRPD, Signal.KILL).expected());
        assertEquals(Duration.ofNanos(609_375_000L), new BenchCase(DaemonKind.KEEPALIVED, Signal.TERM).expected());
        assertThrows(IllegalArgumentException.class, () -> new BenchCase(DaemonKind.VRRPD, Signal.STOP));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
