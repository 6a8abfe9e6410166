package io.vrrpd.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Converts {@link Val}s to typed values, reporting located errors. Returns null after reporting, so the
 * caller can go on and collect further errors.
 */
final class ValueParser {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Diagnostics diag;

    ValueParser(Diagnostics diag) {
        this.diag = diag;
    }

    Integer integer(Val v, int min, int max) {
        long n;
        try {
            n = Long.parseLong(v.text().trim());
        } catch (NumberFormatException e) {
            diag.error(v.place(), "must be an integer " + min + ".." + max + " (was '" + v.text() + "')");
            return null;
        }
        if (n < min || n > max) {
            diag.error(v.place(), "must be " + min + ".." + max + " (was " + n + ")");
            return null;
        }
        return (int) n;
    }

    int integer(Val v, int min, int max, int absent) {
        if (v == null) {
            return absent;
        }
        Integer n = integer(v, min, max);
        return n == null ? absent : n;
    }

    Duration duration(Val v, Duration min, Duration max) {
        Duration d = DurationText.parse(v.text(), v.place().yaml()).orElse(null);
        if (d == null) {
            diag.error(v.place(), v.place().yaml()
                    ? "must be a duration such as 1s, 500ms or 2 (seconds) (was '" + v.text() + "')"
                    : "must be a number of seconds (was '" + v.text() + "')");
            return null;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            diag.error(v.place(), "must be " + DurationText.seconds(min) + ".." + DurationText.seconds(max)
                    + " (was " + DurationText.seconds(d) + ")");
            return null;
        }
        return d;
    }

    Duration duration(Val v, Duration min, Duration max, Duration absent) {
        if (v == null) {
            return absent;
        }
        Duration d = duration(v, min, max);
        return d == null ? absent : d;
    }

    boolean bool(Val v, boolean absent) {
        if (v == null) {
            return absent;
        }
        switch (v.text().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                diag.error(v.place(), "must be true or false (was '" + v.text() + "')");
                return absent;
        }
    }

    /** Parses a literal IPv4 or IPv6 address; never resolves host names. */
    InetAddress address(Val v) {
        String t = v.text().trim();
        boolean ok = false;
        var m4 = IPV4.matcher(t);
        if (m4.matches()) {
            ok = true;
            for (int i = 1; i <= 4; i++) {
                ok &= Integer.parseInt(m4.group(i)) <= 255;
            }
        } else if (IPV6.matcher(t).matches()) {
            ok = true;
            // Brackets make the JDK insist on an IPv6 literal instead of falling back to a DNS lookup.
            t = "[" + t + "]";
        }
        if (ok) {
            try {
                return InetAddress.getByName(t);
            } catch (UnknownHostException e) {
                ok = false;
            }
        }
        diag.error(v.place(), "is not a valid IP address (was '" + v.text() + "')");
        return null;
    }
}
