package io.vrrpd.config;

import java.util.Locale;
import java.util.Optional;

/**
 * How the failover mail reaches its relay ({@code global.notification.smtp.security}, YAML only: keepalived's
 * own SMTP client speaks plain SMTP and nothing else, keepalived issue #343).
 */
public enum SmtpSecurity {
    /** Plain SMTP, as keepalived sends it (the default, so a converted keepalived.conf behaves the same). */
    NONE,
    /** STARTTLS when the server offers it, plain otherwise (opportunistic). */
    STARTTLS,
    /** STARTTLS or no mail: a relay that does not offer it (or a stripped offer) fails the attempt. */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (SMTPS, RFC 8314 §3.3); default port 465. */
    SMTPS;

    /** The YAML spelling, e.g. {@code starttls_required}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a YAML spelling; empty when unknown. */
    public static Optional<SmtpSecurity> parse(String text) {
        for (SmtpSecurity s : values()) {
            if (s.yamlName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
