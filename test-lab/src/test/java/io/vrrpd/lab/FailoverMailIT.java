package io.vrrpd.lab;

import static io.vrrpd.lab.SeedPair.INSTANCE;
import static io.vrrpd.lab.SeedPair.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Failover mail with the seed's keepalived.conf: its {@code notification_email_from}, {@code smtp_server
 * 192.0.2.25} and {@code router_id} unchanged, a recipient in its (empty) {@code notification_email} block
 * and {@code smtp_alert} added. A real SMTP server (GreenMail, its own JVM) listens on 192.0.2.25 in a third
 * namespace on the lab bridge. A takeover mails keepalived's subject from the configured sender to the
 * configured recipient; then, with that server black-holing (stopped: connections hang, no greeting), a
 * planned handover still completes within the skew time + 0.3 s on the wire.
 */
@LabTest
class FailoverMailIT {
    private static final String SMTP_SERVER = "192.0.2.25";
    private static final String RECIPIENT = "oncall@example.org";
    /** Skew_Time of priority 101 with a 1 s interval: (256 - 101) / 256 s (RFC 3768 §6.1). */
    private static final Duration SKEW_101 = Duration.ofMillis(605);

    /** The seed file with a recipient and smtp_alert; every other line as the seed has it. */
    private static String withMail(String seed) {
        String conf = seed.replaceFirst("notification_email \\{\\s*}", "notification_email {\n" + RECIPIENT + "\n}")
                .replaceFirst("router_id CCC_DB_MONITOR", "router_id CCC_DB_MONITOR\nsmtp_alert");
        assertTrue(conf.contains(RECIPIENT) && conf.contains("smtp_alert") && conf.contains("smtp_server " + SMTP_SERVER),
                "the seed's mail keys changed:\n" + seed);
        return conf;
    }

    @Test
    void aTakeoverMailsKeepalivedsSubjectAndABlackHolingRelayDelaysNoHandover() {
        try (Lab lab = Lab.create()) {
            Node n1 = lab.addNode();
            Node n2 = lab.addNode();
            Node mailHost = lab.addNode();
            SmtpSink smtp = SmtpSink.start(mailHost, SMTP_SERVER);
            Capture capture = Capture.start(n2, "capture");
            Vrrpd v1 = Vrrpd.start(n1, "keepalived.conf", withMail(SeedConfig.databasePrimary()));
            v1.awaitState(INSTANCE, "MASTER", SeedPair.START_TIMEOUT);
            Vrrpd v2 = Vrrpd.start(n2, "keepalived.conf", withMail(SeedConfig.databaseStandby()));
            v2.awaitState(INSTANCE, "BACKUP", SeedPair.START_TIMEOUT);
            v2.awaitReady(SeedPair.START_TIMEOUT);
            assertTrue(Lab.waitUntil(Duration.ofSeconds(5),
                    () -> n1.address().equals(v2.instance(INSTANCE).path("master").asText())), "node 2 follows node 1");

            // 1. A takeover (planned handover from node 1) mails from node 2.
            assertEquals(0, v1.ctl("failover").exitCode());
            assertTrue(Lab.waitUntil(Duration.ofSeconds(5), () -> n2.hasAddress(VIP)), "node 2 took the VIP");
            String subject = "[CCC_DB_MONITOR] VRRP Instance VI_1 - Entering MASTER state";
            long t0 = System.nanoTime();
            Optional<SmtpSink.ReceivedMail> takeover = Optional.empty();
            while (takeover.isEmpty() && System.nanoTime() - t0 < Duration.ofSeconds(15).toNanos()) {
                // Node 2's mail names node 1 as the peer it last heard; node 1's own MASTER mail at start does not.
                takeover = smtp.received().stream().filter(m -> m.subject().equals(subject)
                        && m.body().contains("peer:        " + n1.address())).findFirst();
                Lab.sleep(Duration.ofMillis(100));
            }
            SmtpSink.ReceivedMail m = takeover.orElseThrow(() -> new AssertionError(
                    "no takeover mail from node 2; received: " + smtp.received() + "\nnode 2 log:\n"
                            + v2.process().tail()));
            System.out.printf("takeover mail received %d ms after node 2 had the VIP%n",
                    (System.nanoTime() - t0) / 1_000_000);
            System.out.println("takeover mail body:\n" + m.body());
            assertEquals("vrrpd@example.org", m.from());
            assertEquals(List.of(RECIPIENT), m.to());
            assertTrue(m.body().contains("transition:  BACKUP -> MASTER"), m.body());
            assertTrue(m.body().contains("VI_1 (VRID 51)"), m.body());
            JsonNode mail2 = v2.status().path("daemon").path("mail");
            assertTrue(mail2.path("sent").asLong() >= 2, "node 2 counted its BACKUP and MASTER mails: " + mail2);

            // 2. The relay hangs; node 1 takes back over with a handover from node 2 while mails are pending.
            smtp.blackHole();
            Instant before = Instant.now();
            assertEquals(0, v2.ctl("failover").exitCode());
            Duration moved = SeedPair.timeUntil(Duration.ofSeconds(5), Duration.ofMillis(20), () -> n1.hasAddress(VIP))
                    .orElseThrow(() -> new AssertionError("node 1 never took the VIP back; its log:\n"
                            + v1.process().tail()));
            System.out.println("handover with a black-holing relay: VIP on node 1 " + moved.toMillis()
                    + " ms after vrrpctl returned");
            assertTrue(moved.compareTo(SKEW_101.plusMillis(300)) <= 0, "VIP after " + moved.toMillis() + " ms");
            Lab.sleep(Duration.ofMillis(300));
            List<VrrpAdvert> wire = capture.vrrpAdverts();
            VrrpAdvert resign = wire.stream().filter(a -> a.source().equals(n2.address()) && a.priority() == 0
                    && a.time().isAfter(before)).findFirst()
                    .orElseThrow(() -> new AssertionError("no priority-0 advert from node 2: " + wire));
            VrrpAdvert first = wire.stream().filter(a -> a.source().equals(n1.address())
                    && a.time().isAfter(resign.time())).findFirst()
                    .orElseThrow(() -> new AssertionError("no advert from node 1 after the resign: " + wire));
            Duration gap = Duration.between(resign.time(), first.time());
            System.out.println("handover with a black-holing relay on the wire: priority 0 -> node 1's first advert "
                    + gap.toMillis() + " ms (skew time " + SKEW_101.toMillis() + " ms)");
            assertTrue(gap.compareTo(SKEW_101.plusMillis(300)) <= 0, "gap " + gap.toMillis() + " ms");
            assertEquals(101, first.priority(), first.toString());
            JsonNode mail1 = v1.status().path("daemon").path("mail");
            JsonNode mail2After = v2.status().path("daemon").path("mail");
            System.out.println("mail counters with the relay hanging: node 1 " + mail1 + ", node 2 " + mail2After);
            assertTrue(mail1.path("queued").asLong() + mail2After.path("queued").asLong() >= 1,
                    "the handover's mails wait for the hung relay: " + mail1 + " " + mail2After);
        }
    }
}
