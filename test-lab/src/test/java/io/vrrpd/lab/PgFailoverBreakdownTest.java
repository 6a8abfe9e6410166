package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PgFailoverBreakdownTest {

    private static final Instant CRASH = Instant.parse("2026-11-30T12:00:10Z");

    private static VrrpAdvert advert(String source, Instant at) {
        return new VrrpAdvert(at, source, 255, 3, 51, source.endsWith("11") ? 101 : 100, 10,
                VrrpAdvert.ChecksumStatus.GOOD, List.of("192.0.2.100"), List.of());
    }

    private static String micros(Instant t) {
        return Long.toString(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
    }

    @Test
    void splitsTheOutageIntoDetectionPromotionVipAndReconnect() throws Exception {
        AdvertTrace trace = new AdvertTrace(List.of(advert("192.0.2.11", CRASH.minusMillis(190)),
                advert("192.0.2.11", CRASH.minusMillis(90)), advert("192.0.2.12", CRASH.plusMillis(1400))));
        var status = new ObjectMapper().readTree("""
                {"instances": [{"name": "VI_1", "hooks": [
                  {"hook": "postgres", "phase": "release", "took_seconds": 0.5, "finished_at": "2026-11-30T11:00:00Z"},
                  {"hook": "postgres", "phase": "takeover", "outcome": "OK", "detail": "promoted in 34 ms",
                   "took_seconds": 1.1, "finished_at": "2026-11-30T12:00:11.380Z"}]}]}
                """);
        String writer = String.join("\n", "error 7 " + micros(CRASH.minusSeconds(5)) + " 08006 old",
                "error 9 " + micros(CRASH.minusMillis(50)) + " 57P01 terminating connection", "error 10 12");
        PgFailoverBreakdown b = PgFailoverBreakdown.of(trace, "192.0.2.11", "192.0.2.12", status,
                Optional.of(CRASH.plusMillis(1400)), writer, CRASH, Optional.of(CRASH.plusMillis(1600)));
        assertEquals(Optional.of(Duration.ofMillis(370)), b.detection(), "n1's last advert to the hook's start");
        assertEquals(Optional.of(Duration.ofMillis(1100)), b.promotion());
        assertEquals(Optional.of(Duration.ofMillis(20)), b.vip());
        assertEquals(Optional.of(Duration.ofMillis(200)), b.reconnect());
        assertEquals(Optional.of(CRASH.minusMillis(50)), b.clientError());
        assertEquals("57P01 terminating connection", b.clientReason());
        String line = b.format(CRASH.minusMillis(100));
        assertTrue(line.contains("detection 370, promotion 1100, VIP 20, client reconnect 200"), line);
        assertTrue(line.contains("takeover hook: OK: promoted in 34 ms"), line);
    }

    @Test
    void sourcesThatSawNothingLeaveGaps() throws Exception {
        PgFailoverBreakdown b = PgFailoverBreakdown.of(new AdvertTrace(List.of()), "192.0.2.11", "192.0.2.12",
                new ObjectMapper().readTree("{}"), Optional.empty(), "", CRASH, Optional.empty());
        assertTrue(b.detection().isEmpty());
        assertTrue(b.reconnect().isEmpty());
        assertTrue(b.format(CRASH).contains("detection ?, promotion ?, VIP ?, client reconnect ?"), b.format(CRASH));
        assertEquals("no takeover hook result in status --json", b.hookOutcome());
    }

    @Test
    void daemonLogLinesFromAMomentOnwards() {
        LocalTime t = LocalTime.ofInstant(CRASH, ZoneId.systemDefault());
        String log = String.join("\n", t.minusSeconds(1) + ".000 INFO  vrrpd: before",
                t.plusNanos(1_000_000) + " INFO  vrrpd: (VI_1) BACKUP -> MASTER", "  continuation",
                t.plusSeconds(1) + ".000 INFO  vrrpd: after");
        assertEquals(List.of(t.plusNanos(1_000_000) + " INFO  vrrpd: (VI_1) BACKUP -> MASTER",
                t.plusSeconds(1) + ".000 INFO  vrrpd: after"), PgFailoverBreakdown.logLinesFrom(log, CRASH, 5));
        assertEquals(1, PgFailoverBreakdown.logLinesFrom(log, CRASH, 1).size());
    }
}
