package io.vrrpd.election.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The event trace of one scenario; off (and free) unless a failing seed is replayed. */
final class Trace {
    private final boolean enabled;
    private final List<String> lines = new ArrayList<>();

    Trace(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    void add(long nowNanos, String line) {
        if (enabled) {
            lines.add(String.format(Locale.ROOT, "%12.6f %s", nowNanos / 1e9, line));
        }
    }

    String render() {
        return String.join(System.lineSeparator(), lines);
    }
}
