package io.vrrpd.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks vrrpd's YAML additions for mail ({@link SmtpOptions}) and reports each problem at its key. */
final class SmtpOptionsReader {
    private final Diagnostics diag;
    private final ValueParser parse;

    SmtpOptionsReader(Diagnostics diag, ValueParser parse) {
        this.diag = diag;
        this.parse = parse;
    }

    SmtpOptions read(RawConfig.RawGlobals g) {
        SmtpOptions d = SmtpOptions.DEFAULTS;
        SmtpSecurity security = d.security();
        if (g.smtpSecurity != null) {
            security = SmtpSecurity.parse(g.smtpSecurity.text()).orElse(null);
            if (security == null) {
                diag.error(g.smtpSecurity.place(), "must be one of " + Arrays.stream(SmtpSecurity.values())
                        .map(SmtpSecurity::yamlName).collect(Collectors.joining(", "))
                        + " (was '" + g.smtpSecurity.text() + "')");
                security = d.security();
            }
        }
        Optional<String> user = Optional.ofNullable(g.smtpUsername).map(Val::text).filter(t -> !t.isBlank());
        Optional<Path> passwordFile = Optional.ofNullable(g.smtpPasswordFile).map(v -> Path.of(v.text()));
        if (user.isPresent() && passwordFile.isEmpty()) {
            diag.error(g.smtpUsername.place(), "needs password_file (the password is only read from a file)");
            user = Optional.empty();
        } else if (user.isEmpty() && passwordFile.isPresent()) {
            diag.error(g.smtpPasswordFile.place(), "needs username");
            passwordFile = Optional.empty();
        } else if (passwordFile.isPresent() && !readable(passwordFile.get())) {
            // Checked here so --check-config names the key; the daemon reads the file when it starts.
            diag.error(g.smtpPasswordFile.place(), "cannot read " + passwordFile.get()
                    + (Files.exists(passwordFile.get()) ? " (not a readable regular file)" : " (no such file)"));
        }
        if (user.isPresent() && security == SmtpSecurity.NONE) {
            diag.warn(g.smtpUsername.place(), "sends the SMTP password in clear text; set security: "
                    + "starttls_required or smtps");
        }
        int retries = parse.integer(g.smtpRetries, 0, 100, d.retries());
        Duration retryDelay = parse.duration(g.smtpRetryDelay, Duration.ofMillis(10), Duration.ofHours(1),
                d.retryDelay());
        int queueSize = parse.integer(g.mailQueueSize, 1, 100_000, d.queueSize());
        return new SmtpOptions(security, user, user.isPresent() ? passwordFile : Optional.empty(), retries,
                retryDelay, queueSize);
    }

    private static boolean readable(Path p) {
        return Files.isRegularFile(p) && Files.isReadable(p);
    }
}
