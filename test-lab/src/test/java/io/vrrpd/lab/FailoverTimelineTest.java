package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverTimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final String MASTER = "192.0.2.11";
    private static final String BACKUP = "192.0.2.12";
    private static final String BACKUP_MAC = "02:00:00:00:00:12";
    private static final String VIP = "192.0.2.100";

    @Test
    void afterACrashCountsFromTheMastersLastAdvert() {
        List<VrrpAdvert> adverts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            adverts.add(advert(ms(i * 1000), MASTER, 101));
        }
        adverts.add(advert(ms(4000 + 3609), BACKUP, 100));
        adverts.add(advert(ms(4000 + 4609), BACKUP, 100));
        FailoverMeasurement m = FailoverTimeline.measure(adverts, List.of(garp(ms(7620))),
                        List.of(added(ms(7615))), ms(4300), Signal.KILL, MASTER, BACKUP, BACKUP_MAC, VIP)
                .measurement().orElseThrow();
        assertEquals(Duration.ofMillis(3609), m.advertGap());
        assertEquals(Duration.ofMillis(3615), m.vipGap());
        assertEquals(Duration.ofMillis(3620), m.garpGap());
        assertEquals(Duration.ofMillis(3315), m.signalToVip());
    }

    @Test
    void afterAStopCountsFromThePriorityZeroAdvert() {
        List<VrrpAdvert> adverts = List.of(advert(ms(0), MASTER, 101), advert(ms(1000), MASTER, 101),
                advert(ms(1300), MASTER, 0), advert(ms(1300 + 609), BACKUP, 100));
        FailoverMeasurement m = FailoverTimeline.measure(adverts, List.of(garp(ms(1912))),
                        List.of(added(ms(1911))), ms(1290), Signal.TERM, MASTER, BACKUP, BACKUP_MAC, VIP)
                .measurement().orElseThrow();
        assertEquals(Duration.ofMillis(609), m.advertGap());
        assertEquals(Duration.ofMillis(612), m.garpGap());
    }

    @Test
    void ignoresEventsOfEarlierTrialsAndOtherSenders() {
        // An earlier failover (backup adverts, VIP, GARP at 100 ms) and the old master's own GARP.
        List<VrrpAdvert> adverts = List.of(advert(ms(100), BACKUP, 100), advert(ms(5000), MASTER, 101),
                advert(ms(8609), BACKUP, 100));
        ArpFrame otherMac = new ArpFrame(ms(8610), 1, VIP, "02:00:00:00:00:11", VIP, true);
        FailoverMeasurement m = FailoverTimeline.measure(adverts, List.of(garp(ms(100)), otherMac, garp(ms(8615))),
                        List.of(added(ms(100)), added(ms(8612))), ms(5500), Signal.KILL, MASTER, BACKUP,
                        BACKUP_MAC, VIP)
                .measurement().orElseThrow();
        assertEquals(Duration.ofMillis(3609), m.advertGap());
        assertEquals(Duration.ofMillis(3612), m.vipGap());
        assertEquals(Duration.ofMillis(3615), m.garpGap());
    }

    @Test
    void saysWhatIsMissingWhenTheTakeoverIsIncomplete() {
        List<VrrpAdvert> adverts = List.of(advert(ms(0), MASTER, 101), advert(ms(3609), BACKUP, 100));
        FailoverTimeline.Result noGarp = FailoverTimeline.measure(adverts, List.of(), List.of(added(ms(3610))),
                ms(100), Signal.KILL, MASTER, BACKUP, BACKUP_MAC, VIP);
        assertFalse(noGarp.complete());
        assertTrue(noGarp.problem().contains("gratuitous ARP"), noGarp.problem());
        FailoverTimeline.Result noGoodbye = FailoverTimeline.measure(adverts, List.of(garp(ms(3611))),
                List.of(added(ms(3610))), ms(100), Signal.TERM, MASTER, BACKUP, BACKUP_MAC, VIP);
        assertTrue(noGoodbye.problem().contains("priority-0"), noGoodbye.problem());
    }

    private static Instant ms(long millis) {
        return T0.plusMillis(millis);
    }

    private static VrrpAdvert advert(Instant t, String source, int priority) {
        return new VrrpAdvert(t, source, 255, 2, 51, priority, 1, VrrpAdvert.ChecksumStatus.GOOD, List.of(VIP),
                List.of());
    }

    private static ArpFrame garp(Instant t) {
        return new ArpFrame(t, 1, VIP, BACKUP_MAC, VIP, true);
    }

    private static AddressEvent added(Instant t) {
        return new AddressEvent(t, true, "eth0", VIP);
    }
}
