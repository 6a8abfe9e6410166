package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertJitterTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final String MASTER = "192.0.2.11";
    private static final String BACKUP = "192.0.2.12";
    private static final Duration ONE_S = Duration.ofSeconds(1);
    private static final AdvertJitter.Window ALL = new AdvertJitter.Window(ms(-1), ms(1_000_000));

    @Test
    void deviationIsTheDistanceFromAdvertIntInEitherDirection() {
        AdvertJitter j = AdvertJitter.of(List.of(us(1_000_300), us(999_800), us(1_000_100)), ONE_S).orElseThrow();
        assertEquals(3, j.count());
        assertEquals(us(1_000_100), j.medianInterval());
        assertEquals(us(200), j.medianDeviation());
        assertEquals(us(300), j.p99Deviation());
        assertEquals(us(300), j.maxDeviation());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        AdvertJitter j = AdvertJitter.of(List.of(us(1_000_400), us(1_000_100), us(1_000_200), us(1_000_900)), ONE_S)
                .orElseThrow();
        assertEquals(us(1_000_300), j.medianInterval());
        assertEquals(us(300), j.medianDeviation());
        assertEquals(us(900), j.maxDeviation());
    }

    @Test
    void p99IsTheNearestRankSoOneOutlierInTwoHundredIsNotIt() {
        List<Duration> intervals = new ArrayList<>();
        for (int i = 1; i <= 199; i++) {
            intervals.add(us(1_000_000 + i));
        }
        intervals.add(us(1_050_000));
        Collections.shuffle(intervals, new java.util.Random(7));
        AdvertJitter j = AdvertJitter.of(intervals, ONE_S).orElseThrow();
        // Rank ceil(0.99 * 200) = 198 of the sorted deviations 1..199 us, 50 ms.
        assertEquals(us(198), j.p99Deviation());
        assertEquals(us(50_000), j.maxDeviation());
        assertEquals(200, j.count());
    }

    @Test
    void p99OfFewerThanHundredIsTheMaximum() {
        List<Duration> sorted = List.of(us(1), us(2), us(3), us(40));
        assertEquals(us(40), AdvertJitter.percentile(sorted, 99));
        assertEquals(us(2), AdvertJitter.percentile(sorted, 50));
        assertThrows(IllegalArgumentException.class, () -> AdvertJitter.percentile(List.of(), 99));
    }

    @Test
    void noIntervalsGivesNoStatistics() {
        assertTrue(AdvertJitter.of(List.of(), ONE_S).isEmpty());
    }

    @Test
    void keepsConsecutiveAdvertsOfTheMasterInCaptureOrder() {
        List<VrrpAdvert> adverts = new ArrayList<>(List.of(advert(ms(2001), MASTER, 101), advert(ms(0), MASTER, 101),
                advert(ms(1003), MASTER, 101)));
        assertEquals(List.of(Duration.ofMillis(1003), Duration.ofMillis(998)),
                AdvertJitter.stableIntervals(adverts, MASTER, List.of(ALL)));
    }

    @Test
    void anAdvertFromAnotherSenderBreaksTheChain() {
        // The master dies after 1000, the backup takes over at 4609, the master preempts back at 6000.
        List<VrrpAdvert> adverts = List.of(advert(ms(0), MASTER, 101), advert(ms(1000), MASTER, 101),
                advert(ms(4609), BACKUP, 100), advert(ms(6000), MASTER, 101), advert(ms(7002), MASTER, 101));
        assertEquals(List.of(Duration.ofMillis(1000), Duration.ofMillis(1002)),
                AdvertJitter.stableIntervals(adverts, MASTER, List.of(ALL)));
    }

    @Test
    void aPriorityZeroAdvertEndsTheChain() {
        // Clean stop at 1300 (priority 0), restart and first advert at 3000.
        List<VrrpAdvert> adverts = List.of(advert(ms(0), MASTER, 101), advert(ms(1000), MASTER, 101),
                advert(ms(1300), MASTER, 0), advert(ms(3000), MASTER, 101), advert(ms(4000), MASTER, 101));
        assertEquals(List.of(Duration.ofMillis(1000), Duration.ofMillis(1000)),
                AdvertJitter.stableIntervals(adverts, MASTER, List.of(ALL)));
    }

    @Test
    void bothEndsMustLieInTheSameWindow() {
        List<VrrpAdvert> adverts = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            adverts.add(advert(ms(i * 1000L), MASTER, 101));
        }
        // Windows [0, 2000] and [3000, 5500]: 0-1000, 1000-2000, 3000-4000, 4000-5000; 2000-3000 spans a gap
        // between windows (a restart in the benchmark) and 5000-6000 ends outside.
        List<AdvertJitter.Window> windows = List.of(new AdvertJitter.Window(ms(0), ms(2000)),
                new AdvertJitter.Window(ms(3000), ms(5500)));
        assertEquals(4, AdvertJitter.stableIntervals(adverts, MASTER, windows).size());
        assertEquals(List.of(), AdvertJitter.stableIntervals(adverts, MASTER, List.of()));
    }

    @Test
    void aWindowMayNotEndBeforeItStarts() {
        assertThrows(IllegalArgumentException.class, () -> new AdvertJitter.Window(ms(10), ms(9)));
    }

    @Test
    void millisHasTwoDecimals() {
        assertEquals("0.35", AdvertJitter.millis(us(350)));
        assertEquals("12.00", AdvertJitter.millis(Duration.ofMillis(12)));
    }

    private static Duration us(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    private static Instant ms(long millis) {
        return T0.plusMillis(millis);
    }

    private static VrrpAdvert advert(Instant t, String source, int priority) {
        return new VrrpAdvert(t, source, 255, 2, 51, priority, 1, VrrpAdvert.ChecksumStatus.GOOD,
                List.of("192.0.2.100"), List.of());
    }
}
