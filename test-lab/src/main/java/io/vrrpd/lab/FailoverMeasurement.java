package io.vrrpd.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The times of one failover as seen on the new master's wire and netlink, and the gaps between them.
 *
 * @param signalled          when the old master was signalled (the benchmark's clock, just before kill)
 * @param masterReference    the old master's last advert (crash) or its priority-0 advert (stop)
 * @param backupFirstAdvert  the new master's first advert
 * @param vipBound           when the VIP appeared on the new master ({@code ip -ts monitor address})
 * @param firstGarp          the new master's first gratuitous ARP for the VIP on the wire
 */
public record FailoverMeasurement(Instant signalled, Instant masterReference, Instant backupFirstAdvert,
                                  Instant vipBound, Instant firstGarp) {

    /** Rejects nulls. */
    public FailoverMeasurement {
        Objects.requireNonNull(signalled, "signalled");
        Objects.requireNonNull(masterReference, "masterReference");
        Objects.requireNonNull(backupFirstAdvert, "backupFirstAdvert");
        Objects.requireNonNull(vipBound, "vipBound");
        Objects.requireNonNull(firstGarp, "firstGarp");
    }

    /** @return old master's reference advert to the new master's first advert (the wire gap) */
    public Duration advertGap() {
        return Duration.between(masterReference, backupFirstAdvert);
    }

    /** @return old master's reference advert to the VIP bound on the new master */
    public Duration vipGap() {
        return Duration.between(masterReference, vipBound);
    }

    /** @return old master's reference advert to the new master's first gratuitous ARP */
    public Duration garpGap() {
        return Duration.between(masterReference, firstGarp);
    }

    /** @return from the signal to the VIP bound on the new master */
    public Duration signalToVip() {
        return Duration.between(signalled, vipBound);
    }
}
