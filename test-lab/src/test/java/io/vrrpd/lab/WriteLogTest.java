package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriteLogTest {

    private static final String LOG = String.join("\n",
            "writer start 1000000 192.0.2.100",
            "ack 1 1000000",
            "ack 2 1010000",
            "error 3 1020000 08006 An I/O error occurred while sending to the backend.",
            "ack 4 5500000",
            "ack 5 5510000",
            "ack 6 55");

    @Test
    void parsesAcksAndCountsErrorsIgnoringTornLines() {
        WriteLog log = WriteLog.parse(LOG + "\nack 7");
        assertEquals(List.of(1L, 2L, 4L, 5L, 6L), log.acks().stream().map(WriteLog.Ack::id).toList());
        assertEquals(1, log.errors());
    }

    @Test
    void outageRunsFromTheLastAckBeforeTheEventToTheFirstAfter() {
        WriteLog log = WriteLog.parse("ack 1 1000000\nack 2 1010000\nack 4 5500000\nack 5 5510000");
        WriteLog.Outage o = log.outageAround(Instant.ofEpochSecond(1, 500_000_000)).orElseThrow();
        assertEquals(2, o.lastBefore().id());
        assertEquals(4, o.firstAfter().id());
        assertEquals(Duration.ofMillis(4490), o.duration());
        assertTrue(log.outageAround(Instant.ofEpochSecond(0)).isEmpty(), "no ack before the event");
        assertTrue(log.outageAround(Instant.ofEpochSecond(9)).isEmpty(), "no ack after the event");
        assertEquals(Duration.ofMillis(4490), log.longestGap());
    }

    @Test
    void plannedHandoverOutageIsTheLongestGapEndingAfterItsStart() {
        WriteLog log = WriteLog.parse("ack 1 1000000\nack 2 3000000\nack 3 3010000\nack 4 4500000\nack 5 4510000");
        WriteLog.Outage o = log.longestGapAfter(Instant.ofEpochSecond(3, 5_000_000)).orElseThrow();
        assertEquals(3, o.lastBefore().id(), "the 2 s gap before the start is not the handover's");
        assertEquals(Duration.ofMillis(1490), o.duration());
        assertTrue(log.longestGapAfter(Instant.ofEpochSecond(5)).isEmpty());
    }

    @Test
    void missingListsAcknowledgedIdsTheServerLacksButNotFailedOnes() {
        WriteLog log = WriteLog.parse(LOG);
        // 3 failed (outcome unknown): not a lost row whether or not the server has it.
        assertEquals(List.of(4L, 6L), log.missingFrom(Set.of(1L, 2L, 5L)));
        assertEquals(List.of(), log.missingFrom(List.of(1L, 2L, 3L, 4L, 5L, 6L)));
    }
}
