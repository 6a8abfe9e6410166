package io.vrrpd.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median, minimum and maximum of a set of durations.
 *
 * @param count  how many
 * @param median the median (mean of the two middle values for an even count)
 * @param min    the smallest
 * @param max    the largest
 */
public record GapStats(int count, Duration median, Duration min, Duration max) {

    /** Requires at least one value and min &lt;= median &lt;= max. */
    public GapStats {
        if (count < 1) {
            throw new IllegalArgumentException("no values");
        }
        if (min.compareTo(median) > 0 || median.compareTo(max) > 0) {
            throw new IllegalArgumentException("need min <= median <= max");
        }
    }

    /**
     * @param values at least one duration
     * @return their statistics
     */
    public static GapStats of(List<Duration> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        Duration median = n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        return new GapStats(n, median, sorted.get(0), sorted.get(n - 1));
    }

    /**
     * @param d a duration
     * @return seconds with three decimals, e.g. {@code 3.612}
     */
    public static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }
}
