package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The soak benchmark's arithmetic: GC pauses read from -Xlog:gc, RSS growth after the baseline, false failovers,
 * machine-wide freezes and the timing outside them.
 */
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

    @Test
    void aFreezeIsWhereEveryCpusGapsOverlap() {
        List<AdvertJitter.Window> cpu0 = FreezeProbe.gaps("gap 1000000000 1200000000\n"
                + "garbage line\ngap 5000000000 5100000000\ngap 9 x\n");
        List<AdvertJitter.Window> cpu1 = FreezeProbe.gaps("gap 1100000000 1300000000\ngap 7000000000 7100000000\n");
        assertEquals(2, cpu0.size());
        Freezes f = Freezes.across(List.of(cpu0, cpu1));
        // Only 1.1-1.2 s is a gap on both CPUs; 5.0 s (CPU 0 alone) and 7.0 s (CPU 1 alone) are not.
        assertEquals(List.of(window(1_100, 1_200)), f.windows());
        assertEquals(Duration.ofMillis(100), f.longest());
        assertEquals(Duration.ofMillis(100), f.total());
        assertTrue(f.touch(window(150, 1_150)), "an interval ending inside the freeze");
        assertTrue(f.touch(window(1_150, 2_150)), "an interval starting inside it");
        assertFalse(f.touch(window(1_200, 2_200)), "an interval that starts as the freeze ends");
        assertFalse(f.touch(window(5_000, 6_000)));
        assertEquals(Freezes.NONE, Freezes.across(List.of()));
        assertEquals(List.of(window(1_000, 1_200), window(5_000, 5_100)), Freezes.across(List.of(cpu0)).windows());
    }

    @Test
    void timingOutsideFreezesLeavesOutTheIntervalsAFreezeTouched() {
        SoakResult r = new SoakResult(DaemonKind.VRRPD, Optional.empty(),
                List.of(window(0, 1_000), window(1_000, 2_180), window(2_180, 3_000), window(3_000, 4_010)),
                0, 0, List.of(), GcPauses.NONE, GcPauses.NONE, Duration.ofMinutes(1));
        Freezes f = new Freezes(List.of(window(2_000, 2_180)));
        assertEquals(2, r.touchedBy(f));
        assertEquals(Duration.ofMillis(10), r.jitterOutside(f, Duration.ofSeconds(1)).orElseThrow().maxDeviation());
        assertEquals(Duration.ofMillis(180), r.jitterOutside(Freezes.NONE, Duration.ofSeconds(1)).orElseThrow()
                .maxDeviation());
        assertEquals("late 3 (p99 180.00 ms, max 180.00 ms), early 1 (p99 180.00 ms, max 180.00 ms)",
                r.lateAndEarly(Duration.ofSeconds(1)));
    }

    @Test
    void readsTheOnlineCpuList() {
        assertEquals(List.of(0, 1), SoakBenchmark.cpuList("0-1\n"));
        assertEquals(List.of(0, 2, 3, 4, 7), SoakBenchmark.cpuList("0,2-4,7"));
    }

    private static AdvertJitter.Window window(long fromMillis, long toMillis) {
        return new AdvertJitter.Window(Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis));
    }

    private static SoakSample sample(long seconds, long rssKb) {
        return new SoakSample(Duration.ofSeconds(seconds), rssKb, rssKb, seconds, seconds, true);
    }

    private static SoakResult result(List<SoakSample> samples, long backupAdverts, long takeovers) {
        return new SoakResult(DaemonKind.VRRPD, Optional.empty(), List.of(), backupAdverts, takeovers, samples,
                GcPauses.NONE, GcPauses.NONE, Duration.ofMinutes(15));
    }
}
