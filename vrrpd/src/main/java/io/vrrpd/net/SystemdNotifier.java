package io.vrrpd.net;

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

    /** {@code STOPPING=1}. */
    default boolean stopping() {
        return notify("STOPPING=1");
    }
}
