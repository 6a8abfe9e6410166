package io.vrrpd.net;

import java.time.Duration;
import java.util.Optional;

/**
 * Tells systemd about the service's state (sd_notify(3)). A no-op when the service was not
 * started with {@code Type=notify} ({@code $NOTIFY_SOCKET} unset).
 *
 * <p>Failures are not thrown: a lost notification must never stop the daemon. The
 * implementation logs them once.
 */
public interface SystemdNotifier {

    /** Sends the newline-separated {@code KEY=VALUE} assignments; returns false when nothing was sent. */
    boolean notify(String state);

    /** {@code READY=1}, optionally with a status line. */
    default boolean ready(String status) {
        return notify(status == null ? "READY=1" : "READY=1\nSTATUS=" + status);
    }

    /** {@code STATUS=...}: the one-line text {@code systemctl status} shows. */
    default boolean status(String status) {
        return notify("STATUS=" + status.replace('\n', ' '));
    }

    /** {@code RELOADING=1}; follow with {@link #ready} when the reload is done. */
    default boolean reloading() {
        return notify("RELOADING=1");
    }

    /**
     * {@code RELOADING=1} with {@code MONOTONIC_USEC=}, the CLOCK_MONOTONIC time of the request: systemd 253
     * and later want it (sd_notify(3)), older ones ignore it.
     *
     * @param monotonicNanos {@code System.nanoTime()}, which HotSpot on Linux reads from CLOCK_MONOTONIC
     */
    default boolean reloading(long monotonicNanos) {
        return notify("RELOADING=1\nMONOTONIC_USEC=" + monotonicNanos / 1000);
    }

    /**
     * The watchdog timeout systemd gave this process ({@code WATCHDOG_USEC}, for this pid when
     * {@code WATCHDOG_PID} is set); empty when the watchdog is off.
     */
    default Optional<Duration> watchdogTimeout() {
        return Optional.empty();
    }

    /** {@code STOPPING=1}. */
    default boolean stopping() {
        return notify("STOPPING=1");
    }
}
