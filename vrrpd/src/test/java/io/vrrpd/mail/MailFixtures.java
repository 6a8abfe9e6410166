package io.vrrpd.mail;

import io.vrrpd.config.SmtpOptions;
import io.vrrpd.config.SmtpSecurity;
import io.vrrpd.hooks.HookOutcome;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookResult;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** Settings and transitions for the mail tests; the relay is always on 127.0.0.1. */
final class MailFixtures {
    static final String FROM = "vrrpd@db2.example.org";
    static final List<String> TO = List.of("oncall@example.org", "dba@example.org");

    private MailFixtures() {
    }

    static MailSettings settings(int port, SmtpSecurity security, String user, String password) {
        return settings(port, security, user, password, 0, Duration.ofMillis(50));
    }

    static MailSettings settings(int port, SmtpSecurity security, String user, String password, int retries,
                                 Duration retryDelay) {
        SmtpOptions o = new SmtpOptions(security, Optional.ofNullable(user),
                Optional.ofNullable(user).map(u -> java.nio.file.Path.of("/etc/vrrpd/smtp-password")), retries,
                retryDelay, 10);
        try {
            return new MailSettings("CCC_DB_MONITOR", "db2.example.org", new InternetAddress(FROM),
                    List.of(new InternetAddress(TO.get(0)), new InternetAddress(TO.get(1))), Optional.of("127.0.0.1"),
                    port, Duration.ofSeconds(2), "db2.example.org", o, Optional.ofNullable(password));
        } catch (AddressException e) {
            throw new AssertionError(e);
        }
    }

    /** Jakarta Mail properties that trust the test server's self-signed certificate (tests only). */
    static Properties trustTestCertificate(SmtpSecurity security) {
        String p = security == SmtpSecurity.SMTPS ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.setProperty(p + "ssl.trust", "*");
        props.setProperty(p + "ssl.checkserveridentity", "false");
        return props;
    }

    static TransitionMail takeover() {
        return new TransitionMail(false, "VI_1", 51, "BACKUP", "MASTER",
                "master-down timer expired (last advert from 192.0.2.11 3.61 s ago)", 100, 100,
                List.of("192.0.2.100/32"), Optional.of("192.0.2.11"), Optional.of(Duration.ofMillis(3610)), false,
                Instant.parse("2026-11-30T10:15:30.250Z"));
    }

    static TransitionMail to(String from, String to) {
        TransitionMail t = takeover();
        return new TransitionMail(false, t.name(), t.vrid(), from, to, "test", t.configuredPriority(),
                t.effectivePriority(), t.virtualIps(), t.peer(), t.peerLastHeard(), false, t.at());
    }

    static HookResult result(String hook, HookPhase phase, HookOutcome outcome, long millis, String detail) {
        return new HookResult("VI_1", 7, hook, phase, outcome, detail, "", Duration.ofMillis(millis),
                Instant.parse("2026-11-30T10:15:32Z"));
    }

    static OutgoingMail mail(String subject) {
        return new OutgoingMail(subject, "body of " + subject + "\n", Instant.now());
    }
}
