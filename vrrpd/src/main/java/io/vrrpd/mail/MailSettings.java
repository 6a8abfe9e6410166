package io.vrrpd.mail;

import io.vrrpd.config.Globals;
import io.vrrpd.config.SmtpOptions;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The mail settings in effect, with keepalived's defaults filled in (keepalived/core/global_data.c
 * {@code init_global_data()}): router_id, the HELO name and the sender's domain default to the host name,
 * the sender to {@code <user>@<host>} (the user vrrpd runs as), and with no recipients or no
 * {@code smtp_server} no mail is sent at all ({@code smtp_alert()} returns early). The AUTH password is
 * read from its file here, once per start or reload, and never appears in {@link #toString()}.
 *
 * @param routerId       router_id, or the host name
 * @param node           the host name
 * @param from           the From header and envelope sender
 * @param recipients     the To header and envelope recipients
 * @param server         the relay's host name or address; empty: mail is off
 * @param port           the relay's port
 * @param timeout        smtp_connect_timeout, applied to connecting and to every read
 * @param heloName       the EHLO/HELO name
 * @param options        TLS, AUTH, retries, queue size
 * @param password       the AUTH password, when options has a user name
 */
public record MailSettings(String routerId, String node, InternetAddress from, List<InternetAddress> recipients,
                           Optional<String> server, int port, Duration timeout, String heloName,
                           SmtpOptions options, Optional<String> password) {
    public MailSettings {
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(from, "from");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(password, "password");
    }

    /** True when mail can be sent: a relay and at least one recipient (keepalived's condition). */
    public boolean enabled() {
        return server.isPresent() && !recipients.isEmpty();
    }

    /**
     * Resolves the configuration.
     *
     * @param host the host name ({@link HostName#local()})
     * @param user the user vrrpd runs as, for the default sender
     * @throws MailSetupException when an address does not parse or the password file cannot be read
     */
    public static MailSettings resolve(Globals g, String host, String user) throws MailSetupException {
        String from = g.notificationEmailFrom().orElse(user + "@" + host);
        InternetAddress fromAddress = address(from, "notification_email_from");
        List<InternetAddress> to = new ArrayList<>();
        for (String r : g.notificationEmails()) {
            to.add(address(r, "notification_email"));
        }
        Optional<String> password = Optional.empty();
        if (g.smtpOptions().passwordFile().isPresent()) {
            password = Optional.of(readPassword(g.smtpOptions().passwordFile().get()));
        }
        return new MailSettings(g.routerId().orElse(host), host, fromAddress, to, g.smtpServer(), g.smtpPort(),
                g.smtpConnectTimeout(), g.smtpHeloName().orElse(host), g.smtpOptions(), password);
    }

    private static InternetAddress address(String text, String key) throws MailSetupException {
        try {
            // keepalived accepts "Name <addr>" as well as a bare address (global_parser.c format_email_addr).
            return new InternetAddress(text, true);
        } catch (AddressException e) {
            throw new MailSetupException(key + " '" + text + "' is not a mail address: " + e.getMessage());
        }
    }

    /** The first line of the file, without its line end; the rest of the file is ignored. */
    private static String readPassword(Path file) throws MailSetupException {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MailSetupException("cannot read the SMTP password file " + file + ": " + e.getMessage());
        }
        int nl = content.indexOf('\n');
        String first = (nl >= 0 ? content.substring(0, nl) : content).replace("\r", "");
        if (first.isEmpty()) {
            throw new MailSetupException("the SMTP password file " + file + " is empty");
        }
        return first;
    }

    @Override
    public String toString() {
        return "MailSettings[server=" + server.orElse("none") + ":" + port + ", from=" + from + ", to=" + recipients
                + ", security=" + options.security().yamlName() + ", user=" + options.username().orElse("none")
                + ", password=" + (password.isPresent() ? "(from " + options.passwordFile().orElseThrow() + ")" : "none")
                + "]";
    }
}
