package io.vrrpd.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.config.Garp;
import io.vrrpd.config.Globals;
import io.vrrpd.config.SmtpOptions;
import io.vrrpd.config.SmtpSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's defaults (core/global_data.c), the password file, and what a start-up error says. */
class MailSettingsTest {
    @TempDir
    Path dir;

    private static Globals globals(Optional<String> routerId, List<String> to, Optional<String> from,
                                   Optional<String> server, SmtpOptions o) {
        return new Globals(routerId, to, from, server, 25, Duration.ofSeconds(30), Optional.empty(), true,
                Optional.empty(), Optional.empty(), false, Duration.ZERO, Garp.DEFAULTS, 2, Globals.DEFAULT_STATE_DIR,
                Globals.DEFAULT_RUNTIME_DIR, o);
    }

    @Test
    void keepalivedsDefaultsComeFromTheHostAndTheUser() throws Exception {
        MailSettings s = MailSettings.resolve(globals(Optional.empty(), List.of("oncall@example.org"),
                Optional.empty(), Optional.of("192.0.2.25"), SmtpOptions.DEFAULTS), "db2", "root");
        assertEquals("db2", s.routerId(), "router_id defaults to the host name");
        assertEquals("db2", s.heloName());
        assertEquals("root@db2", s.from().toString(), "keepalived: <user>@<host>");
        assertTrue(s.enabled());
        assertFalse(MailSettings.resolve(globals(Optional.empty(), List.of(), Optional.empty(),
                Optional.of("192.0.2.25"), SmtpOptions.DEFAULTS), "db2", "root").enabled(), "no recipient: no mail");
        assertFalse(MailSettings.resolve(globals(Optional.empty(), List.of("a@example.org"), Optional.empty(),
                Optional.empty(), SmtpOptions.DEFAULTS), "db2", "root").enabled(), "no relay: no mail");
    }

    @Test
    void thePasswordIsTheFilesFirstLineAndNeverShown() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "p@ss word\nignored\n");
        SmtpOptions o = new SmtpOptions(SmtpSecurity.STARTTLS_REQUIRED, Optional.of("vrrpd"), Optional.of(pw), 3,
                Duration.ofSeconds(10), 100);
        MailSettings s = MailSettings.resolve(globals(Optional.of("LAB"), List.of("a@example.org"),
                Optional.of("vrrpd <vrrpd@example.org>"), Optional.of("mail.example.org"), o), "db2", "root");
        assertEquals(Optional.of("p@ss word"), s.password());
        assertFalse(s.toString().contains("p@ss"), s.toString());
        assertEquals("vrrpd@example.org", s.from().getAddress());
    }

    @Test
    void unusableSettingsSayWhatAndWhere() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        SmtpOptions o = new SmtpOptions(SmtpSecurity.SMTPS, Optional.of("vrrpd"), Optional.of(empty), 3,
                Duration.ofSeconds(10), 100);
        MailSetupException e = assertThrows(MailSetupException.class, () -> MailSettings.resolve(globals(
                Optional.empty(), List.of("a@example.org"), Optional.empty(), Optional.of("m"), o), "db2", "root"));
        assertEquals("the SMTP password file " + empty + " is empty", e.getMessage());
        MailSetupException bad = assertThrows(MailSetupException.class, () -> MailSettings.resolve(globals(
                Optional.empty(), List.of("on call@@example.org"), Optional.empty(), Optional.of("m"),
                SmtpOptions.DEFAULTS), "db2", "root"));
        assertTrue(bad.getMessage().startsWith("notification_email 'on call@@example.org' is not a mail address"),
                bad.getMessage());
    }
}
