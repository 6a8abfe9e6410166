package io.vrrpd.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How regularly a steady master's adverts leave: the intervals between its consecutive adverts as captured
 * on the backup, and how far they stray from advert_int. RFC 3768 §6.4.3 has the master send an advert
 * every Advertisement_Interval; a late advert eats into the backup's master-down margin (3 x advert_int +
 * skew, §6.1), so the deviation, not the mean, is what matters.
 *
 * @param count            how many intervals
 * @param medianInterval   the median interval
 * @param medianDeviation  median of |interval - advert_int|
 * @param p99Deviation     99th percentile (nearest rank) of |interval - advert_int|; the maximum below 100 intervals
 * @param maxDeviation     the largest |interval - advert_int|
 */
public record AdvertJitter(int count, Duration medianInterval, Duration medianDeviation, Duration p99Deviation,
                           Duration maxDeviation) {

    /** Requires at least one interval and median &lt;= p99 &lt;= max deviation. */
    public AdvertJitter {
        if (count < 1) {
            throw new IllegalArgumentException("no intervals");
        }
        Objects.requireNonNull(medianInterval, "medianInterval");
        if (medianDeviation.isNegative() || medianDeviation.compareTo(p99Deviation) > 0
                || p99Deviation.compareTo(maxDeviation) > 0) {
            throw new IllegalArgumentException("need 0 <= median <= p99 <= max deviation");
        }
    }

    /**
     * @param intervals  advert intervals (any order)
     * @param advertInt  the configured advert_int
     * @return their statistics, or empty when there is no interval
     */
    public static Optional<AdvertJitter> of(List<Duration> intervals, Duration advertInt) {
        if (intervals.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = sorted(intervals);
        List<Duration> deviations = sorted(intervals.stream().map(i -> i.minus(advertInt).abs()).toList());
        return Optional.of(new AdvertJitter(sorted.size(), median(sorted), median(deviations),
                percentile(deviations, 99), deviations.get(deviations.size() - 1)));
    }

    /**
     * The intervals between consecutive adverts of {@code masterIp} that both fall in the same stable window.
     * Consecutive means consecutive in the whole capture: an advert from any other sender in between (a
     * backup taking over, another router) or a priority-0 advert at either end (the master leaving, RFC 3768
     * §6.4.3) breaks the pair, so no interval spans a failover or restart even if a window were drawn too
     * wide.
     *
     * @param adverts  VRRP packets captured on the backup, any order
     * @param masterIp the steady master's address (the adverts' IP source)
     * @param windows  the periods in which the pair was known to be stable
     * @return the intervals, in capture order
     */
    public static List<Duration> stableIntervals(List<VrrpAdvert> adverts, String masterIp, List<Window> windows) {
        return stableSpans(adverts, masterIp, windows).stream().map(w -> Duration.between(w.from(), w.to())).toList();
    }

    /**
     * As {@link #stableIntervals}, with each interval's two advert times rather than its length.
     *
     * @param adverts  VRRP packets captured on the backup, any order
     * @param masterIp the steady master's address (the adverts' IP source)
     * @param windows  the periods in which the pair was known to be stable
     * @return from one advert to the next, in capture order
     */
    public static List<Window> stableSpans(List<VrrpAdvert> adverts, String masterIp, List<Window> windows) {
        List<VrrpAdvert> inOrder = new ArrayList<>(adverts);
        inOrder.sort(Comparator.comparing(VrrpAdvert::time));
        List<Window> spans = new ArrayList<>();
        for (int i = 1; i < inOrder.size(); i++) {
            VrrpAdvert a = inOrder.get(i - 1);
            VrrpAdvert b = inOrder.get(i);
            if (steady(a, masterIp) && steady(b, masterIp)
                    && windows.stream().anyMatch(w -> w.contains(a.time()) && w.contains(b.time()))) {
                spans.add(new Window(a.time(), b.time()));
            }
        }
        return List.copyOf(spans);
    }

    private static boolean steady(VrrpAdvert a, String masterIp) {
        return a.source().equals(masterIp) && a.priority() > 0;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code pct} % of the values at or below it.
     *
     * @param sorted ascending, not empty
     * @param pct    1..100
     * @return the value
     */
    static Duration percentile(List<Duration> sorted, int pct) {
        if (sorted.isEmpty() || pct < 1 || pct > 100) {
            throw new IllegalArgumentException("need values and 1 <= pct <= 100");
        }
        int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
        return sorted.get(rank - 1);
    }

    private static Duration median(List<Duration> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    private static List<Duration> sorted(List<Duration> values) {
        List<Duration> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    /**
     * @param d a duration
     * @return milliseconds with two decimals, e.g. {@code 0.35}
     */
    public static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f", d.toNanos() / 1e6);
    }

    /**
     * A period in which the pair was stable: one master, the other node its backup, nothing stopped or
     * started. Both ends are inclusive.
     *
     * @param from start
     * @param to   end, not before {@code from}
     */
    public record Window(Instant from, Instant to) {

        /** Requires from &lt;= to. */
        public Window {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("window ends before it starts: " + from + " > " + to);
            }
        }

        /** @return true if {@code t} lies in the window */
        public boolean contains(Instant t) {
            return !t.isBefore(from) && !t.isAfter(to);
        }
    }
}
