package io.vrrpd.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the numbered-row writer ({@link PgClientMain} {@code writer}) printed: every acknowledged commit with
 * its time, and how many commits failed. Answers the acceptance questions: the write outage around an event
 * (last acknowledged commit before it, first after it) and which acknowledged rows a server lacks.
 *
 * @param acks   acknowledged commits in order
 * @param errors commits that failed or whose outcome is unknown
 */
public record WriteLog(List<Ack> acks, int errors) {

    /** One acknowledged commit: row id and the client's time (microseconds since the epoch). */
    public record Ack(long id, long atMicros) {
        /** @return the time as an Instant */
        public Instant at() {
            return Instant.ofEpochSecond(atMicros / 1_000_000L, (atMicros % 1_000_000L) * 1_000L);
        }
    }

    /** The outage around an event: last acknowledged commit before, first after. */
    public record Outage(Ack lastBefore, Ack firstAfter) {
        /** @return the time between the two acknowledgements */
        public Duration duration() {
            return Duration.ofNanos((firstAfter.atMicros() - lastBefore.atMicros()) * 1_000L);
        }
    }

    /** Copies the list. */
    public WriteLog {
        acks = List.copyOf(acks);
    }

    /**
     * Parses the writer's output; lines other than {@code ack ID MICROS} and {@code error ...} are ignored
     * (a torn last line of a killed writer too).
     *
     * @param text the log
     * @return the log
     */
    public static WriteLog parse(String text) {
        List<Ack> acks = new ArrayList<>();
        int errors = 0;
        for (String line : text.split("\n")) {
            String[] f = line.split(" ", 4);
            if (f[0].equals("ack") && f.length == 3 && f[1].matches("\\d+") && f[2].matches("\\d+")) {
                acks.add(new Ack(Long.parseLong(f[1]), Long.parseLong(f[2])));
            } else if (f[0].equals("error")) {
                errors++;
            }
        }
        return new WriteLog(acks, errors);
    }

    /**
     * The outage a failure caused: from the last acknowledgement at or before the moment the failure had
     * taken effect (the old primary is down and cut off, so nothing after it can come from there) to the
     * first acknowledgement after it (necessarily from the new primary).
     *
     * @param effective when the failure was complete (wall clock of the same machine)
     * @return the two acknowledgements; empty if nothing was acknowledged before, or nothing after
     */
    public Optional<Outage> outageAround(Instant effective) {
        long e = effective.getEpochSecond() * 1_000_000L + effective.getNano() / 1_000;
        Ack before = null;
        for (Ack a : acks) {
            if (a.atMicros() <= e) {
                before = a;
            } else {
                return before == null ? Optional.empty() : Optional.of(new Outage(before, a));
            }
        }
        return Optional.empty();
    }

    /**
     * The outage of a planned handover, which has no single moment after which the old primary cannot
     * acknowledge: the longest gap between consecutive acknowledgements that ends after {@code from}.
     *
     * @param from when the handover was started
     * @return that gap; empty if nothing was acknowledged after {@code from}
     */
    public Optional<Outage> longestGapAfter(Instant from) {
        long f = from.getEpochSecond() * 1_000_000L + from.getNano() / 1_000;
        Outage worst = null;
        for (int i = 1; i < acks.size(); i++) {
            Outage o = new Outage(acks.get(i - 1), acks.get(i));
            if (o.firstAfter().atMicros() > f && (worst == null || o.duration().compareTo(worst.duration()) > 0)) {
                worst = o;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** @return the longest time between two consecutive acknowledgements (zero with fewer than two) */
    public Duration longestGap() {
        long max = 0;
        for (int i = 1; i < acks.size(); i++) {
            max = Math.max(max, acks.get(i).atMicros() - acks.get(i - 1).atMicros());
        }
        return Duration.ofNanos(max * 1_000L);
    }

    /**
     * @param present the row ids a server has
     * @return acknowledged ids that are not among them (lost acknowledged commits), ascending
     */
    public List<Long> missingFrom(Collection<Long> present) {
        Set<Long> have = present instanceof Set<Long> s ? s : Set.copyOf(present);
        return acks.stream().map(Ack::id).filter(id -> !have.contains(id)).sorted().toList();
    }

    /** @return the number of acknowledged commits */
    public int acknowledged() {
        return acks.size();
    }
}
