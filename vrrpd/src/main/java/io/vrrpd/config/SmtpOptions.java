package io.vrrpd.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What vrrpd's YAML adds to keepalived's SMTP settings ({@code global.notification.smtp.*} and
 * {@code global.notification.queue_size}); keepalived.conf always gets {@link #DEFAULTS}. The password itself
 * is never part of the configuration: only the file it is read from when the daemon starts, so neither
 * {@code vrrpctl convert} nor a log line can show it.
 *
 * @param security     plain, STARTTLS (optional or required) or SMTPS
 * @param username     AUTH user name; empty for no AUTH
 * @param passwordFile file holding the AUTH password (first line); present exactly when username is
 * @param retries      further attempts after a failed one (0 = keepalived's single attempt)
 * @param retryDelay   wait before the first retry; doubles for each further one
 * @param queueSize    mails waiting at most; the oldest is dropped (and counted) beyond that
 */
public record SmtpOptions(SmtpSecurity security, Optional<String> username, Optional<Path> passwordFile,
                          int retries, Duration retryDelay, int queueSize) {

    /** Plain SMTP without AUTH, 3 retries from 10 s on, 100 mails queued at most. */
    public static final SmtpOptions DEFAULTS = new SmtpOptions(SmtpSecurity.NONE, Optional.empty(),
            Optional.empty(), 3, Duration.ofSeconds(10), 100);

    public SmtpOptions {
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordFile, "passwordFile");
        if (username.isPresent() != passwordFile.isPresent()) {
            throw new IllegalArgumentException("username and passwordFile go together");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0 (was " + retries + ")");
        }
        Objects.requireNonNull(retryDelay, "retryDelay");
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be >= 1 (was " + queueSize + ")");
        }
    }
}
