package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A password mismatch splits the pair: vrrpd on node 1 with the seed's {@code auth_pass PASSWORD} and
 * keepalived 2.2.7 on node 2 with {@code WRONGPWD}, otherwise the seed. RFC 2338 §7.1 (simple text password)
 * has a receiver discard a packet whose authentication data differs, so each ignores the other and both
 * become master; both say why in their logs and vrrpd counts the drops.
 */
@LabTest
class AuthMismatchIT {

    private static final String VIP = Keepalived.SEED_VIP;
    /** keepalived 2.2.7, keepalived/vrrp/vrrp.c vrrp_check_packet, simple password branch. */
    private static final String KEEPALIVED_AUTH_FAILURE = "(VI_1) received an invalid passwd!";

    @Test
    void bothBecomeMasterAndBothLogAndVrrpdCountsTheAuthDataDrops(Lab lab) {
        Node n1 = lab.addNode();
        Node n2 = lab.addNode();
        // On node 1: it sees what vrrpd sends and everything vrrpd receives, also while node 2 is made deaf.
        Capture capture = Capture.start(n1, "capture");
        String primary = SeedConfig.databasePrimary();
        assertTrue(primary.contains("auth_pass PASSWORD"), "the seed's password moved: " + primary);
        String seed = Keepalived.seedDatabaseConfig("BACKUP", 100);
        String wrong = seed.replace("auth_pass PASSWORD", "auth_pass WRONGPWD");
        assertNotEquals(seed, wrong, "the keepalived config kept the seed's password");

        Vrrpd vrrpd = Vrrpd.start(n1, primary);
        vrrpd.awaitState("VI_1", "MASTER", Duration.ofSeconds(15));
        Keepalived keepalived = Keepalived.start(n2, wrong);
        // keepalived hears vrrpd's adverts but rejects every one, so it runs out its master-down interval.
        keepalived.awaitState("VI_1", "MASTER", Duration.ofSeconds(15));
        String rejected = keepalived.process().awaitLog(Pattern.quote(KEEPALIVED_AUTH_FAILURE),
                Duration.ofSeconds(5));
        String ignored = vrrpd.process().awaitLog(Pattern.quote("(VI_1) ignored advert from " + n2.address()
                + ": auth data mismatch [auth_data]"), Duration.ofSeconds(5));
        System.out.println("keepalived: " + rejected.strip() + "\nvrrpd: " + ignored.strip());

        // Both hold the VIP from now on: each ignores the other's adverts.
        for (int poll = 0; poll < 10; poll++) {
            assertTrue(n1.hasAddress(VIP), "vrrpd on node 1 lost the VIP, poll " + poll + ":\n"
                    + vrrpd.process().tail());
            assertTrue(n2.hasAddress(VIP), "keepalived on node 2 lost the VIP, poll " + poll + ":\n"
                    + keepalived.process().tail());
            Lab.sleep(Duration.ofMillis(300));
        }
        JsonNode first = vrrpd.instance("VI_1");
        assertEquals("MASTER", first.path("state").asText(), first.toString());
        long dropsBefore = authDataDrops(first);
        assertTrue(dropsBefore > 0, "no auth_data drops counted: " + first);

        // keepalived 2.2.7 re-arms its master advert timer after every packet it reads, even one it rejects
        // (vrrp_scheduler.c, vrrp_dispatcher_read -> vrrp_init_instance_sands), so while vrrpd advertises
        // every second keepalived as master stays nearly silent. Deafen node 2 to multicast for a while: then
        // keepalived advertises every second and vrrpd must count and ignore each of those adverts.
        n2.multicastFloodToNode(false);
        try {
            Lab.sleep(Duration.ofMillis(3500));
        } finally {
            n2.multicastFloodToNode(true);
        }
        JsonNode second = vrrpd.instance("VI_1");
        long dropsAfter = authDataDrops(second);
        assertTrue(dropsAfter >= dropsBefore + 2, "auth_data drops did not keep rising: " + dropsBefore + " -> "
                + dropsAfter + "; " + second);
        System.out.printf("vrrpd auth_data drops %d -> %d while keepalived advertised freely for 3.5 s%n",
                dropsBefore, dropsAfter);
        assertEquals("MASTER", second.path("state").asText(), second.toString());
        assertTrue(vrrpd.process().logText().lines().noneMatch(l -> l.contains("(VI_1) MASTER -> ")),
                "vrrpd left MASTER although it must ignore every advert:\n" + vrrpd.process().tail());
        assertTrue(keepalived.process().logText().lines().noneMatch(l -> l.contains("(VI_1) Entering BACKUP STATE")
                        && !l.contains("(init)")),
                "keepalived went back to BACKUP although it must ignore every advert:\n" + keepalived.process().tail());
        assertTrue(n1.hasAddress(VIP) && n2.hasAddress(VIP), "the split brain ended: n1 " + n1.addresses()
                + ", n2 " + n2.addresses());

        // Every advert keepalived sent reached vrrpd and was counted as an auth_data drop (one may be in flight
        // between the status query and the capture read).
        AdvertTrace wire = new AdvertTrace(capture.vrrpAdverts());
        capture.stop();
        List<VrrpAdvert> all = wire.all();
        long fromKeepalived = wire.from(n2.address()).size();
        assertTrue(Math.abs(fromKeepalived - dropsAfter) <= 1, "keepalived sent " + fromKeepalived
                + " adverts but vrrpd counted " + dropsAfter + " auth_data drops: " + second + "\n" + all);
        List<VrrpAdvert> fromVrrpd = wire.from(n1.address());
        assertTrue(fromVrrpd.size() >= 10, "vrrpd did not keep advertising as master: " + all);
        for (int i = 1; i < fromVrrpd.size(); i++) {
            Duration gap = Duration.between(fromVrrpd.get(i - 1).time(), fromVrrpd.get(i).time());
            assertTrue(gap.compareTo(Duration.ofMillis(1500)) < 0, "vrrpd paused its adverts for " + gap.toMillis()
                    + " ms before " + fromVrrpd.get(i));
        }
        assertTrue(fromVrrpd.stream().allMatch(a -> a.priority() == 101), "vrrpd advertised another priority: "
                + fromVrrpd);
        assertTrue(all.stream().allMatch(a -> a.checksum() == VrrpAdvert.ChecksumStatus.GOOD && !a.malformed()),
                "tshark flagged an advert: " + all);
        long rejectedByKeepalived = keepalived.process().logText().lines()
                .filter(l -> l.contains(KEEPALIVED_AUTH_FAILURE)).count();
        assertTrue(rejectedByKeepalived >= 5, "keepalived rejected only " + rejectedByKeepalived + " adverts");
    }

    private static long authDataDrops(JsonNode instance) {
        return instance.path("counters").path("drops").path("auth_data").asLong();
    }
}
