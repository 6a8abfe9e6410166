package io.vrrpd.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Logs a packet-path problem at most once per interval per key, then says how many it held back
 * (keepalived rate-limits the same way, so a misconfigured peer cannot flood the journal).
 * Used on the event loop only.
 */
final class RateLimitedLog {
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(10);

    private static final class Slot {
        long lastNanos;
        long suppressed;
    }

    private final Logger log;
    private final Map<String, Slot> slots = new HashMap<>();

    RateLimitedLog(Logger log) {
        this.log = log;
    }

    /**
     * Counts one held-back line and returns true when {@code key} logged within the interval; returns
     * false, counting nothing, when the caller should build its message and call {@link #warn}. Lets a
     * drop flood skip building messages nobody will read (issue 10: no allocation per advert).
     */
    boolean suppressed(String key, long nowNanos) {
        Slot s = slots.get(key);
        if (s == null || nowNanos - s.lastNanos >= INTERVAL) {
            return false;
        }
        s.suppressed++;
        return true;
    }

    void warn(String key, long nowNanos, String message) {
        Slot s = slots.computeIfAbsent(key, k -> {
            Slot n = new Slot();
            n.lastNanos = nowNanos - INTERVAL;
            return n;
        });
        if (nowNanos - s.lastNanos < INTERVAL) {
            s.suppressed++;
            return;
        }
        if (s.suppressed > 0) {
            log.warn("{} ({} more like it in the last {} s)", message, s.suppressed,
                    TimeUnit.NANOSECONDS.toSeconds(nowNanos - s.lastNanos));
        } else {
            log.warn(message);
        }
        s.lastNanos = nowNanos;
        s.suppressed = 0;
    }
}
