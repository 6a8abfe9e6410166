package io.vrrpd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vrrpd's YAML additions for mail: TLS, AUTH with a password file, several recipients, retries, queue. */
class SmtpOptionsTest {
    private static final Path YAML = Path.of("vrrpd.yaml");
    private static final String INSTANCES = """
            instances:
              VI_1:
                interface: eth0
                vrid: 51
                virtual_ips: [192.0.2.100/32]
                smtp_alert: true
            """;

    @TempDir
    Path dir;

    private VrrpdConfig parse(String notification) throws ConfigException {
        return ConfigLoader.parse(YAML, "global:\n  router_id: LAB\n  notification:\n" + notification.indent(4)
                + INSTANCES).config();
    }

    @Test
    void securityAuthRecipientsRetriesAndQueueAreRead() throws Exception {
        Path pw = Files.writeString(dir.resolve("smtp.pw"), "s3cret\n");
        VrrpdConfig c = parse("""
                emails: [oncall@example.org, dba@example.org]
                from: vrrpd@example.org
                queue_size: 20
                smtp:
                  server: mail.example.org
                  security: smtps
                  username: vrrpd
                  password_file: %s
                  retries: 5
                  retry_delay: 2s
                """.formatted(pw));
        Globals g = c.globals();
        assertEquals(List.of("oncall@example.org", "dba@example.org"), g.notificationEmails());
        assertEquals(465, g.smtpPort(), "SMTPS defaults to port 465");
        assertEquals(new SmtpOptions(SmtpSecurity.SMTPS, Optional.of("vrrpd"), Optional.of(pw), 5,
                Duration.ofSeconds(2), 20), g.smtpOptions());
        assertTrue(c.instances().get(0).smtpAlert());
        VrrpdConfig back = ConfigLoader.parse(YAML, YamlWriter.write(c)).config();
        assertEquals(c, back, "convert round trip");
        assertTrue(!YamlWriter.write(c).contains("s3cret"), "the password itself is never written");
    }

    @Test
    void keepalivedConfGetsKeepalivedsPlainSmtp() throws Exception {
        VrrpdConfig c = ConfigLoader.parse(Path.of("keepalived.conf"), """
                global_defs {
                  notification_email {
                    oncall@example.org
                  }
                  smtp_server 192.0.2.25
                }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  virtual_ipaddress {
                    192.0.2.100
                  }
                }
                """).config();
        assertEquals(SmtpOptions.DEFAULTS, c.globals().smtpOptions());
        assertEquals(25, c.globals().smtpPort());
        assertEquals(Duration.ofSeconds(30), c.globals().smtpConnectTimeout());
    }

    @Test
    void badMailSettingsAreLocatedErrorsAllAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                emails: [oncall@example.org]
                queue_size: 0
                smtp:
                  server: 192.0.2.25
                  security: tls
                  username: vrrpd
                  retries: -1
                """));
        assertEquals(List.of(
                "global.notification.smtp.security: must be one of none, starttls, starttls_required, smtps (was 'tls')",
                "global.notification.smtp.username: needs password_file (the password is only read from a file)",
                "global.notification.smtp.retries: must be 0..100 (was -1)",
                "global.notification.queue_size: must be 1..100000 (was 0)"),
                e.errors().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void anUnreadablePasswordFileIsALocatedError() {
        Path missing = dir.resolve("absent.pw");
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                emails: [oncall@example.org]
                smtp:
                  server: 192.0.2.25
                  security: starttls_required
                  username: vrrpd
                  password_file: %s
                """.formatted(missing)));
        assertEquals(List.of("global.notification.smtp.password_file: cannot read " + missing + " (no such file)"),
                e.errors().stream().map(Diagnostic::toString).toList());
    }
}
