package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vrrpd.config.VrrpdConfig;
import io.vrrpd.election.State;
import io.vrrpd.hooks.HookFactories;
import io.vrrpd.hooks.HookReport;
import io.vrrpd.hooks.HookRunnerSettings;
import io.vrrpd.hooks.TestHookFactory;
import io.vrrpd.mail.FailoverMailer;
import io.vrrpd.mail.MailSetupException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runtime's mail: a takeover through the gate mails once its takeover hook finished, listing it. */
class FailoverMailTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();

    private String yaml() {
        return "global:\n"
                + "  router_id: LAB\n"
                + "  notification:\n"
                + "    emails: [oncall@example.org]\n"
                + "    from: vrrpd@example.org\n"
                + "    smtp_alert: true\n"
                + "    smtp: {server: 127.0.0.1, port: " + SMTP.getSmtp().getPort() + ", connect_timeout: 2s}\n"
                + TakeoverGateTest.yaml(100,
                "      - {type: test, name: mailpromote, phases: [takeover], timeout: 10s}\n");
    }

    private static InstanceHooks dispatcher(VrrpdConfig c, SimCluster.Node n) {
        try {
            return new HookDispatcher(c.globals(), n.host().systemd(), HookFactories.installed(),
                    HookRunnerSettings.defaults(), FailoverMailer.start(c.globals()));
        } catch (MailSetupException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theTakeoverMailListsTheTakeoverHookAndStatusCountsIt() throws Exception {
        TestHookFactory.behave("mailpromote", (p, a, c, t) -> {
            Thread.sleep(300);
            return HookReport.ok("promoted, timeline 2");
        });
        SimCluster.Node n = cluster.yamlNode(1, yaml());
        n.start(c -> dispatcher(c, n));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Optional<MimeMessage> master = Optional.empty();
        while (master.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no MASTER mail; got " + SMTP.getReceivedMessages().length);
            cluster.run(Duration.ofMillis(10));
            Thread.sleep(2);
            master = Arrays.stream(SMTP.getReceivedMessages())
                    .filter(m -> subject(m).equals("[LAB] VRRP Instance VI_1 - Entering MASTER state")).findFirst();
        }
        assertEquals(State.MASTER, n.state("VI_1"));
        String body = GreenMailUtil.getBody(master.get());
        assertTrue(body.contains("takeover mailpromote") && body.contains("promoted, timeline 2"), body);
        assertTrue(body.contains("transition:  BACKUP -> MASTER"), body);
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode mail = n.handle("status", null).body().path("daemon").path("mail");
        while (mail.path("sent").asLong() < 2 && System.nanoTime() < until) {
            Thread.sleep(20); // the relay has the copy a moment before the client counts it
            mail = n.handle("status", null).body().path("daemon").path("mail");
        }
        assertEquals(2, mail.path("sent").asLong(), "the BACKUP mail at start and the MASTER mail: " + mail);
        assertEquals(0, mail.path("failed").asLong(), mail.toString());
    }

    @Test
    void aSyncGroupWithSmtpAlertMailsItsOwnTransitionsWithKeepalivedsGroupSubject() throws Exception {
        String yaml = yaml().replace("    smtp_alert: true\n", "    smtp_alert: false\n")
                + "sync_groups:\n  G1:\n    instances: [VI_1]\n    smtp_alert: true\n";
        TestHookFactory.behave("mailpromote", (p, a, c, t) -> HookReport.ok("promoted"));
        SimCluster.Node n = cluster.yamlNode(1, yaml);
        n.start(c -> dispatcher(c, n));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Arrays.stream(SMTP.getReceivedMessages()).noneMatch(
                m -> subject(m).equals("[LAB] VRRP Group G1 - Entering MASTER state"))) {
            assertTrue(System.nanoTime() < deadline, "no group MASTER mail; got "
                    + Arrays.stream(SMTP.getReceivedMessages()).map(FailoverMailTest::subject).toList());
            cluster.run(Duration.ofMillis(10));
            Thread.sleep(2);
        }
        assertTrue(Arrays.stream(SMTP.getReceivedMessages()).noneMatch(m -> subject(m).contains("Instance VI_1")),
                "the member has no smtp_alert of its own: only the group mails");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
