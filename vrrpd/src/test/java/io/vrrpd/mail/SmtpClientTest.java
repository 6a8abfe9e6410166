package io.vrrpd.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vrrpd.config.SmtpSecurity;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jakarta Mail against GreenMail, a real SMTP server: plain, STARTTLS, SMTPS, AUTH. */
class SmtpClientTest {
    @RegisterExtension
    static final GreenMailExtension PLAIN = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final GreenMailExtension SECURE = new GreenMailExtension(new ServerSetup[] {
            slowStart(ServerSetupTest.SMTP.dynamicPort()), slowStart(ServerSetupTest.SMTPS.dynamicPort())})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("vrrpd", "s3cret pass"));

    private static final OutgoingMail MAIL = new OutgoingMail(
            "[CCC_DB_MONITOR] VRRP Instance VI_1 - Entering MASTER state",
            "=> VRRP Instance is now owning VRRP VIPs <=\n\nnode:        db2.example.org\n",
            Instant.parse("2026-11-30T10:15:30Z"));

    /** GreenMail's TLS set-up can take more than its default 2 s to start on a busy machine. */
    private static ServerSetup slowStart(ServerSetup s) {
        s.setServerStartupTimeout(20_000);
        return s;
    }

    @Test
    void plainSmtpDeliversKeepalivedsSubjectToEveryRecipientFromTheConfiguredSender() throws Exception {
        new SmtpClient(MailFixtures.settings(PLAIN.getSmtp().getPort(), SmtpSecurity.NONE, null, null)).send(MAIL);
        MimeMessage[] got = PLAIN.getReceivedMessages();
        assertEquals(2, got.length, "one copy per recipient");
        MimeMessage m = got[0];
        assertEquals(MAIL.subject(), m.getSubject());
        assertEquals(MailFixtures.FROM, m.getFrom()[0].toString());
        assertArrayEquals(MailFixtures.TO.toArray(), Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                .map(Address::toString).toArray());
        assertTrue(GreenMailUtil.getBody(m).contains("owning VRRP VIPs"), GreenMailUtil.getBody(m));
        assertEquals("vrrpd", m.getHeader("X-Mailer")[0]);
        assertEquals(MAIL.date().toEpochMilli(), m.getSentDate().toInstant().toEpochMilli());
    }

    @Test
    void authWithTheRightPasswordDelivers() throws Exception {
        new SmtpClient(MailFixtures.settings(SECURE.getSmtp().getPort(), SmtpSecurity.NONE, "vrrpd", "s3cret pass"))
                .send(MAIL);
        assertEquals(2, SECURE.getReceivedMessages().length);
    }

    @Test
    void authWithAWrongPasswordIsRefusedByTheServer() {
        SmtpClient client = new SmtpClient(MailFixtures.settings(SECURE.getSmtp().getPort(), SmtpSecurity.NONE,
                "vrrpd", "wrong"));
        assertThrows(AuthenticationFailedException.class, () -> client.send(MAIL));
        assertEquals(0, SECURE.getReceivedMessages().length);
    }

    @Test
    void smtpsWithAuthDelivers() throws Exception {
        new SmtpClient(MailFixtures.settings(SECURE.getSmtps().getPort(), SmtpSecurity.SMTPS, "vrrpd", "s3cret pass"),
                MailFixtures.trustTestCertificate(SmtpSecurity.SMTPS)).send(MAIL);
        MimeMessage[] got = SECURE.getReceivedMessages();
        assertEquals(2, got.length);
        assertEquals(MAIL.subject(), got[0].getSubject());
    }

    @Test
    void smtpsRefusesACertificateTheTrustStoreDoesNotKnow() {
        SmtpClient client = new SmtpClient(MailFixtures.settings(SECURE.getSmtps().getPort(), SmtpSecurity.SMTPS,
                "vrrpd", "s3cret pass"));
        MessagingException e = assertThrows(MessagingException.class, () -> client.send(MAIL));
        assertTrue(MailOutbox.reason(e).contains("SSL") || MailOutbox.reason(e).contains("certification"),
                MailOutbox.reason(e));
        assertEquals(0, SECURE.getReceivedMessages().length);
    }

    @Test
    void starttlsUpgradesTheSessionBeforeSending() throws Exception {
        try (StartTlsFront front = new StartTlsFront(PLAIN.getSmtp().getPort())) {
            new SmtpClient(MailFixtures.settings(front.port(), SmtpSecurity.STARTTLS_REQUIRED, null, null),
                    MailFixtures.trustTestCertificate(SmtpSecurity.STARTTLS_REQUIRED)).send(MAIL);
            assertEquals(1, front.upgrades());
        }
        MimeMessage[] got = PLAIN.getReceivedMessages();
        assertEquals(2, got.length);
        assertEquals(MAIL.subject(), got[0].getSubject());
    }

    @Test
    void starttlsRequiredRefusesARelayWithoutStarttls() {
        Properties trust = MailFixtures.trustTestCertificate(SmtpSecurity.STARTTLS_REQUIRED);
        SmtpClient client = new SmtpClient(MailFixtures.settings(PLAIN.getSmtp().getPort(),
                SmtpSecurity.STARTTLS_REQUIRED, null, null), trust);
        MessagingException e = assertThrows(MessagingException.class, () -> client.send(MAIL));
        assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
        assertEquals(0, PLAIN.getReceivedMessages().length, "nothing sent in clear text");
    }

    @Test
    void optionalStarttlsFallsBackToPlainWhenNotOffered() throws Exception {
        new SmtpClient(MailFixtures.settings(PLAIN.getSmtp().getPort(), SmtpSecurity.STARTTLS, null, null),
                MailFixtures.trustTestCertificate(SmtpSecurity.STARTTLS)).send(MAIL);
        assertEquals(2, PLAIN.getReceivedMessages().length);
    }
}
