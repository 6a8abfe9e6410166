package io.vrrpd.lab;

import java.time.Duration;
import java.util.Objects;

/**
 * One benchmark case: which daemon runs on both nodes, and how the master is stopped.
 *
 * @param kind   the daemon on master and backup alike
 * @param signal {@link Signal#KILL} to the master's process tree (a crash) or {@link Signal#TERM} to its main
 *               process (a clean stop, as {@code systemctl stop} with keepalived.service's KillMode=process)
 */
public record BenchCase(DaemonKind kind, Signal signal) {

    /** The seed's advert_int. */
    public static final Duration ADVERT_INT = Duration.ofSeconds(1);
    /** Skew time of the priority-100 backup, (256 - 100) / 256 s = 0.609375 s (RFC 3768 §6.1). */
    public static final Duration BACKUP_SKEW = Duration.ofNanos(609_375_000);

    /** Only a crash and a clean stop are cases. */
    public BenchCase {
        Objects.requireNonNull(kind, "kind");
        if (signal != Signal.KILL && signal != Signal.TERM) {
            throw new IllegalArgumentException("a case stops the master with KILL or TERM (was " + signal + ")");
        }
    }

    /** @return true for the crash case */
    public boolean hard() {
        return signal == Signal.KILL;
    }

    /**
     * @return what RFC 3768 §6.1 predicts for the wire gap: the master-down interval 3 x advert_int + skew
     *         (3.609375 s) after a crash, the skew time alone (0.609375 s) after a priority-0 advert
     */
    public Duration expected() {
        return hard() ? ADVERT_INT.multipliedBy(3).plus(BACKUP_SKEW) : BACKUP_SKEW;
    }

    /** @return e.g. {@code vrrpd hard (SIGKILL)} */
    public String label() {
        return kind.label() + (hard() ? " hard (SIGKILL)" : " graceful (SIGTERM)");
    }
}
