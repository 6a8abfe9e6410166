package io.vrrpd.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text form of durations. keepalived.conf writes plain decimal seconds ({@code advert_int 0.5}); the YAML
 * format also accepts a unit suffix ({@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}, {@code 100us}).
 */
final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(us|ms|s|m|h)?");

    private DurationText() {
    }

    /** @return the duration, or empty when the text is not one (negative values are not durations) */
    static Optional<Duration> parse(String text, boolean unitsAllowed) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches() || (m.group(2) != null && !unitsAllowed)) {
            return Optional.empty();
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigDecimal nanosPerUnit = switch (unit) {
            case "us" -> BigDecimal.valueOf(1_000L);
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
            default -> BigDecimal.valueOf(1_000_000_000L);
        };
        BigDecimal nanos = n.multiply(nanosPerUnit);
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    /** @return the shortest exact text in the YAML form: {@code 1s}, {@code 500ms}, {@code 1500us}, {@code 0s} */
    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos / 1_000L + "us";
    }

    /** @return decimal seconds for messages, e.g. {@code 0.5s} or {@code 300s} */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }
}
