package io.vrrpd.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * One composed mail waiting in the outbox.
 *
 * @param subject the Subject header (keepalived's format)
 * @param body    plain text
 * @param date    the Date header: when the transition happened, not when a retry finally got through
 */
public record OutgoingMail(String subject, String body, Instant date) {
    public OutgoingMail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(date, "date");
    }
}
