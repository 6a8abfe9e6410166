package io.vrrpd.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A vrrp_script block: a health check run periodically (keepalived.conf(5) "VRRP script(s)").
 *
 * @param name     block name
 * @param script   command
 * @param interval time between runs (default 1 s)
 * @param timeout  a run taking longer has failed (default: the interval)
 * @param weight   priority change while failed/succeeding, -253..253 (default 0: failure means FAULT)
 * @param rise     successes needed to become OK (default 1)
 * @param fall     failures needed to become KO (default 1)
 * @param reverse  {@code weight N reverse}: the weight applies in the other direction (keepalived 2.0.11+)
 * @param initFail {@code init_fail}: the script counts as failed until its first success (default: unknown,
 *                 the first result decides)
 */
public record TrackScript(String name, Script script, Duration interval, Duration timeout, int weight, int rise,
                          int fall, boolean reverse, boolean initFail) {

    /** A script with neither {@code reverse} nor {@code init_fail}. */
    public TrackScript(String name, Script script, Duration interval, Duration timeout, int weight, int rise,
                       int fall) {
        this(name, script, interval, timeout, weight, rise, fall, false, false);
    }

    public TrackScript {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (Math.abs(weight) > 253 || rise < 1 || fall < 1) {
            throw new IllegalArgumentException("weight/rise/fall out of range");
        }
    }
}
