package io.vrrpd.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Gratuitous ARP / unsolicited NA timing (keepalived.conf(5) {@code garp_*}, {@code vrrp_garp_*}).
 *
 * @param masterDelay         delay before the second burst after becoming MASTER (default 5 s; 0 = none)
 * @param masterRepeat        messages per burst on becoming MASTER (default 5)
 * @param masterRefresh       period of refresh bursts while MASTER (default 0 = no refresh)
 * @param masterRefreshRepeat messages per refresh burst (default 1)
 * @param interval            delay between two messages on an interface (default 0)
 */
public record Garp(Duration masterDelay, int masterRepeat, Duration masterRefresh, int masterRefreshRepeat,
                   Duration interval) {
    /** keepalived's defaults. */
    public static final Garp DEFAULTS = new Garp(Duration.ofSeconds(5), 5, Duration.ZERO, 1, Duration.ZERO);

    public Garp {
        Objects.requireNonNull(masterDelay, "masterDelay");
        Objects.requireNonNull(masterRefresh, "masterRefresh");
        Objects.requireNonNull(interval, "interval");
        if (masterRepeat < 1 || masterRefreshRepeat < 1) {
            throw new IllegalArgumentException("garp repeat counts must be >= 1");
        }
    }
}
