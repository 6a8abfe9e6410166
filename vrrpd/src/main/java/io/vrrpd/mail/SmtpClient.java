package io.vrrpd.mail;

import io.vrrpd.config.SmtpSecurity;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Sends one mail through the relay with Jakarta Mail (Eclipse Angus): one connection per mail, as keepalived
 * does, bounded by smtp_connect_timeout for the connection and every read. Certificates are checked against
 * the JVM's trust store and the relay's name ({@code ssl.checkserveridentity}); a private CA goes into that
 * trust store ({@code -Djavax.net.ssl.trustStore=...} in VRRPD_JAVA_OPTS). Never logs the password: the
 * session's debug output stays off.
 */
public final class SmtpClient {
    private final MailSettings settings;
    private final Session session;
    private final String protocol;

    public SmtpClient(MailSettings settings) {
        this(settings, new Properties());
    }

    /** With extra Jakarta Mail properties on top (tests: trusting a test server's certificate). */
    SmtpClient(MailSettings settings, Properties extra) {
        this.settings = settings;
        SmtpSecurity security = settings.options().security();
        this.protocol = security == SmtpSecurity.SMTPS ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol);
        // Without it Jakarta Mail asks the resolver for this host's name to make the Message-ID: with DNS
        // down that is a resolver timeout per mail. The EHLO name is set below for the same reason.
        props.setProperty("mail.from", settings.from().getAddress());
        settings.server().ifPresent(h -> props.setProperty(p + "host", h));
        props.setProperty(p + "port", Integer.toString(settings.port()));
        String millis = Long.toString(Math.max(1, settings.timeout().toMillis()));
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "localhost", settings.heloName());
        props.setProperty(p + "starttls.enable", Boolean.toString(security == SmtpSecurity.STARTTLS
                || security == SmtpSecurity.STARTTLS_REQUIRED));
        props.setProperty(p + "starttls.required", Boolean.toString(security == SmtpSecurity.STARTTLS_REQUIRED));
        props.setProperty(p + "ssl.checkserveridentity", "true");
        props.setProperty(p + "auth", Boolean.toString(settings.options().username().isPresent()));
        props.putAll(extra);
        this.session = Session.getInstance(props);
    }

    /** Sends it, or throws with the relay's or the network's reason. */
    public void send(OutgoingMail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(settings.from());
        message.setRecipients(Message.RecipientType.TO, settings.recipients().toArray(InternetAddress[]::new));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(mail.date()));
        message.setText(mail.body(), StandardCharsets.UTF_8.name());
        // keepalived sends "X-Mailer: Keepalived"; filters that match on it would have to be told apart anyway.
        message.setHeader("X-Mailer", "vrrpd");
        message.saveChanges();
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(settings.server().orElseThrow(), settings.port(),
                    settings.options().username().orElse(null), settings.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
