package io.vrrpd.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finds one failover in a capture taken on the backup and in its address events. After a crash the old
 * master's last advert is the reference: the backup's master-down timer (3 x advert_int + skew, RFC 3768
 * §6.1) runs from it, whatever moment of the advert cycle the crash hit. After a stop the reference is the
 * old master's priority-0 advert, after which the backup waits only its skew time (RFC 3768 §6.4.2).
 */
public final class FailoverTimeline {

    /** Tolerates the few ms between our clock read and the kill actually landing, in either order. */
    private static final Duration SLACK = Duration.ofMillis(200);

    private FailoverTimeline() {
    }

    /**
     * @param adverts   VRRP packets captured on the backup
     * @param arps      ARP frames captured on the backup
     * @param events    the backup's address events
     * @param signalled when the master was signalled
     * @param signal    {@link Signal#KILL} (crash) or {@link Signal#TERM} (stop)
     * @param masterIp  the old master's own address (advert source)
     * @param backupIp  the backup's own address
     * @param backupMac the backup's MAC (its gratuitous ARPs carry it)
     * @param vip       the virtual address
     * @return the measurement, or a one-line reason why the failover is not (yet) complete in the data
     */
    public static Result measure(List<VrrpAdvert> adverts, List<ArpFrame> arps, List<AddressEvent> events,
                                 Instant signalled, Signal signal, String masterIp, String backupIp,
                                 String backupMac, String vip) {
        Instant from = signalled.minus(SLACK);
        Optional<VrrpAdvert> first = adverts.stream()
                .filter(a -> a.source().equals(backupIp) && a.priority() > 0 && !a.time().isBefore(from))
                .findFirst();
        if (first.isEmpty()) {
            return Result.missing("no advert from the backup " + backupIp + " after the signal");
        }
        Instant backupFirst = first.get().time();
        Optional<VrrpAdvert> reference;
        if (signal == Signal.KILL) {
            reference = adverts.stream()
                    .filter(a -> a.source().equals(masterIp) && a.time().isBefore(backupFirst))
                    .reduce((a, b) -> b);
        } else {
            reference = adverts.stream()
                    .filter(a -> a.source().equals(masterIp) && a.priority() == 0 && !a.time().isBefore(from))
                    .findFirst();
        }
        if (reference.isEmpty()) {
            return Result.missing(signal == Signal.KILL ? "no advert from the master " + masterIp + " captured"
                    : "no priority-0 advert from the master " + masterIp + " after SIGTERM");
        }
        Optional<Instant> bound = events.stream()
                .filter(e -> e.added() && e.address().equals(vip) && !e.time().isBefore(from))
                .map(AddressEvent::time)
                .findFirst();
        if (bound.isEmpty()) {
            return Result.missing("the VIP " + vip + " was not added on the backup");
        }
        Optional<Instant> garp = arps.stream()
                .filter(f -> f.announces(vip) && f.senderMac().equals(backupMac) && !f.time().isBefore(from))
                .map(ArpFrame::time)
                .findFirst();
        if (garp.isEmpty()) {
            return Result.missing("no gratuitous ARP for " + vip + " from " + backupMac);
        }
        return new Result(Optional.of(new FailoverMeasurement(signalled, reference.get().time(), backupFirst,
                bound.get(), garp.get())), "");
    }

    /**
     * A measurement or why there is none.
     *
     * @param measurement the times, when everything was found
     * @param problem     otherwise the first thing missing
     */
    public record Result(Optional<FailoverMeasurement> measurement, String problem) {

        /** Requires exactly one of the two. */
        public Result {
            if (measurement.isPresent() == !problem.isEmpty()) {
                throw new IllegalArgumentException("a result has a measurement or a problem, not both");
            }
        }

        static Result missing(String problem) {
            return new Result(Optional.empty(), problem);
        }

        /** @return true if the failover was measured */
        public boolean complete() {
            return measurement.isPresent();
        }
    }
}
