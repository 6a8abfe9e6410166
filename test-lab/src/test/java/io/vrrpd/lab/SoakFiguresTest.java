package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The soak benchmark's arithmetic: GC pauses read from -Xlog:gc, RSS growth after the baseline, false failovers. */
class SoakFiguresTest {

    @Test
    void readsPausesOfEveryCollectionKindAndSkipsStartup() {
        GcPauses p = GcPauses.parse(List.of(
                "[0.512s][info][gc] Using Serial",
                "[1.020s][info][gc] GC(0) Pause Young (Allocation Failure) 1M->0M(5M) 1.250ms",
                "[2.300s][info][gc] GC(1) Pause Full (Allocation Failure) 4M->3M(6M) 15.204ms",
                "[900.1s][info][gc] GC(2) Pause Young (Allocation Failure) 5M->4M(7M) 0.8ms",
                "[901.0s][info][gc,heap] not a pause line 2ms"));
        assertEquals(List.of(1.25, 15.204, 0.8), p.millis());
        assertEquals(List.of(0.8), p.after(2).millis());
        assertEquals(List.of(), p.after(9).millis());
        assertEquals("1 pauses, total 0.8 ms, p99 0.80 ms, max 0.80 ms", p.after(2).describe());
        assertEquals("no pauses", GcPauses.NONE.describe());
    }

    @Test
    void rssGrowthIsTheLargestValueAfterTheBaselineAgainstTheBaseline() {
        List<SoakSample> s = List.of(
                sample(0, 50_000), sample(120, 70_000), sample(300, 60_000), sample(600, 63_000), sample(900, 61_000));
        SoakResult r = result(s, 0, 0);
        // 70 MB at 2 min is start-up; from 5 min (60 MB) the largest is 63 MB: +5 %.
        assertEquals(5.0, r.masterRssGrowthPercent(Duration.ofMinutes(5)), 1e-9);
        assertEquals(0.0, r.masterRssGrowthPercent(Duration.ofMinutes(30)), 1e-9, "no sample after the baseline");
    }

    @Test
    void aFalseFailoverIsSeenOnTheWireOrInTheLog() {
        assertEquals(0, result(List.of(), 0, 0).falseFailovers());
        assertEquals(1, result(List.of(), 7, 0).falseFailovers());
        assertEquals(2, result(List.of(), 3, 2).falseFailovers());
    }

    private static SoakSample sample(long seconds, long rssKb) {
        return new SoakSample(Duration.ofSeconds(seconds), rssKb, rssKb, seconds, seconds, true);
    }

    private static SoakResult result(List<SoakSample> samples, long backupAdverts, long takeovers) {
        return new SoakResult(DaemonKind.VRRPD, Optional.empty(), 0, backupAdverts, takeovers, samples,
                GcPauses.NONE, GcPauses.NONE, Duration.ofMinutes(15));
    }
}
