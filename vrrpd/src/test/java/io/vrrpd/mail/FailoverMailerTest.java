package io.vrrpd.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vrrpd.config.SmtpSecurity;
import io.vrrpd.hooks.HookOutcome;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookResult;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** keepalived's smtp_alert rules and the wait for the transition's hooks, against GreenMail. */
class FailoverMailerTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private FailoverMailer mailer(Duration hookWait) {
        MailSettings s = MailFixtures.settings(SMTP.getSmtp().getPort(), SmtpSecurity.NONE, null, null);
        return new FailoverMailer(s, settings -> new SmtpClient(settings)::send, hookWait);
    }

    @Test
    void theTakeoverMailIsWrittenWhenTheTakeoverHooksHaveFinished() throws Exception {
        try (FailoverMailer mailer = mailer(Duration.ofSeconds(30))) {
            CompletableFuture<List<HookResult>> hooks = new CompletableFuture<>();
            long t0 = System.nanoTime();
            mailer.transition(MailFixtures.takeover(), hooks);
            long callMicros = (System.nanoTime() - t0) / 1000;
            assertTrue(callMicros < 50_000, "transition() took " + callMicros + " us");
            Thread.sleep(300);
            assertEquals(0, SMTP.getReceivedMessages().length, "no mail before the hooks are done");
            hooks.complete(List.of(MailFixtures.result("postgres-promote", HookPhase.TAKEOVER, HookOutcome.OK, 2100,
                    "promoted, timeline 4")));
            MailOutboxTest.await(() -> SMTP.getReceivedMessages().length >= 2, 10_000, "mail arrived");
            MimeMessage m = SMTP.getReceivedMessages()[0];
            assertEquals("[CCC_DB_MONITOR] VRRP Instance VI_1 - Entering MASTER state", m.getSubject());
            String body = GreenMailUtil.getBody(m);
            assertTrue(body.contains("postgres-promote") && body.contains("2.100 s") && body.contains("timeline 4"),
                    body);
            MailOutboxTest.await(() -> mailer.counters().sent() == 1, 5_000, "counted as sent");
            assertEquals(new MailCounters(1, 0, 0, 0, 0), mailer.counters());
        }
    }

    @Test
    void hooksThatDoNotFinishDelayTheMailOnlyUpToTheBound() throws Exception {
        try (FailoverMailer mailer = mailer(Duration.ofMillis(300))) {
            mailer.transition(MailFixtures.takeover(), new CompletableFuture<>());
            MailOutboxTest.await(() -> SMTP.getReceivedMessages().length >= 2, 10_000, "mail arrived without the hooks");
            assertTrue(GreenMailUtil.getBody(SMTP.getReceivedMessages()[0]).contains("hooks still running after"));
        }
    }

    @Test
    void keepalivedRulesNoMailForInitAndNoneTwiceInARowForOneState() throws Exception {
        try (FailoverMailer mailer = mailer(Duration.ofSeconds(5))) {
            CompletableFuture<List<HookResult>> none = CompletableFuture.completedFuture(List.of());
            mailer.transition(MailFixtures.to("BACKUP", "INIT"), none);
            mailer.transition(MailFixtures.to("INIT", "BACKUP"), none);
            mailer.transition(MailFixtures.to("FAULT", "BACKUP"), none); // BACKUP again: keepalived sends none
            mailer.transition(MailFixtures.to("BACKUP", "MASTER"), none);
            mailer.transition(MailFixtures.to("MASTER", "STOP"), none);
            MailOutboxTest.await(() -> SMTP.getReceivedMessages().length >= 6, 10_000, "three mails, two recipients each");
            Thread.sleep(300);
            MimeMessage[] got = SMTP.getReceivedMessages();
            assertEquals(6, got.length);
            Set<String> subjects = new LinkedHashSet<>();
            for (MimeMessage m : got) {
                subjects.add(m.getSubject());
            }
            assertEquals(List.of("[CCC_DB_MONITOR] VRRP Instance VI_1 - Entering BACKUP state",
                    "[CCC_DB_MONITOR] VRRP Instance VI_1 - Entering MASTER state",
                    "[CCC_DB_MONITOR] VRRP Instance VI_1 - Stopping"), List.copyOf(subjects));
        }
    }

    @Test
    void withoutRecipientsNothingIsSentAsInKeepalived() throws Exception {
        MailSettings base = MailFixtures.settings(SMTP.getSmtp().getPort(), SmtpSecurity.NONE, null, null);
        MailSettings noRecipients = new MailSettings(base.routerId(), base.node(), base.from(), List.of(),
                base.server(), base.port(), base.timeout(), base.heloName(), base.options(), base.password());
        try (FailoverMailer mailer = new FailoverMailer(noRecipients, s -> new SmtpClient(s)::send,
                Duration.ofSeconds(1))) {
            assertFalse(mailer.enabled());
            mailer.transition(MailFixtures.takeover(), CompletableFuture.completedFuture(List.of()));
            Thread.sleep(300);
            assertEquals(0, SMTP.getReceivedMessages().length);
            assertEquals(MailCounters.NONE, mailer.counters());
        }
    }
}
