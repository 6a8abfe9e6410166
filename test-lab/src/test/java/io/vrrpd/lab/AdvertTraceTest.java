package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-source look-ups a failover check makes on a capture's adverts. */
class AdvertTraceTest {

    private static final String N1 = "192.0.2.11";
    private static final String N2 = "192.0.2.12";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    // n1 at 0, 1, 2 s; n2 at 5.6, 6.6 s; n1 again at 9 s.
    private final AdvertTrace trace = new AdvertTrace(List.of(advert(0, N1), advert(1000, N1), advert(2000, N1),
            advert(5600, N2), advert(6600, N2), advert(9000, N1)));

    @Test
    void fromKeepsOnlyThatSourceInCaptureOrder() {
        assertEquals(List.of(0L, 1000L, 2000L, 9000L), millis(trace.from(N1)));
        assertEquals(List.of(5600L, 6600L), millis(trace.from(N2)));
        assertEquals(List.of(), trace.from("192.0.2.13"));
    }

    @Test
    void firstFromIsStrictlyAfterTheMoment() {
        assertEquals(5600L, millis(trace.firstFrom(N2)));
        assertEquals(9000L, millis(trace.firstFrom(N1, T0.plusMillis(2000))));
        assertEquals(1000L, millis(trace.firstFrom(N1, T0.plusMillis(999))));
        assertTrue(trace.firstFrom(N2, T0.plusMillis(6600)).isEmpty());
    }

    @Test
    void lastFromIsStrictlyBeforeTheMoment() {
        assertEquals(2000L, millis(trace.lastFrom(N1, T0.plusMillis(3000))));
        assertEquals(1000L, millis(trace.lastFrom(N1, T0.plusMillis(2000))));
        assertEquals(9000L, millis(trace.lastFrom(N1)));
        assertEquals(6600L, millis(trace.lastFrom(N2)));
        assertTrue(trace.lastFrom(N2, T0.plusMillis(5600)).isEmpty());
    }

    @Test
    void theTraceIsACopy() {
        List<VrrpAdvert> source = new ArrayList<>(List.of(advert(0, N1)));
        AdvertTrace copy = new AdvertTrace(source);
        source.add(advert(1000, N2));
        assertEquals(1, copy.all().size());
        assertThrows(UnsupportedOperationException.class, () -> copy.all().add(advert(2000, N1)));
        assertEquals(source.subList(0, 1).toString(), copy.toString());
    }

    private static long millis(Optional<VrrpAdvert> a) {
        return a.orElseThrow().time().toEpochMilli() - T0.toEpochMilli();
    }

    private static List<Long> millis(List<VrrpAdvert> adverts) {
        return adverts.stream().map(a -> a.time().toEpochMilli() - T0.toEpochMilli()).toList();
    }

    private static VrrpAdvert advert(long ms, String source) {
        return new VrrpAdvert(T0.plusMillis(ms), source, 255, 2, 51, 100, 1, VrrpAdvert.ChecksumStatus.GOOD,
                List.of(Keepalived.SEED_VIP), List.of());
    }
}
