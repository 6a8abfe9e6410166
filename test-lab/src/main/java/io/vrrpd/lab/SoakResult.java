package io.vrrpd.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

/**
 * What one soak pair showed ({@link SoakPair#finish}).
 *
 * @param kind            the daemon
 * @param jitter          the master's advert intervals against advert_int, over the loaded period
 * @param spans           those intervals, each from one advert to the next
 * @param backupAdverts   adverts the backup sent during the load (a false failover puts some on the wire)
 * @param backupTakeovers the backup's transitions to MASTER in its log during the load
 * @param samples         the periodic samples
 * @param masterGc        the master JVM's GC pauses (none for keepalived)
 * @param backupGc        the backup JVM's GC pauses
 * @param loaded          how long the load ran
 */
record SoakResult(DaemonKind kind, Optional<AdvertJitter> jitter, List<AdvertJitter.Window> spans, long backupAdverts,
                  long backupTakeovers, List<SoakSample> samples, GcPauses masterGc, GcPauses backupGc,
                  Duration loaded) {

    SoakResult {
        spans = List.copyOf(spans);
        samples = List.copyOf(samples);
    }

    /**
     * The advert timing over the intervals a machine-wide freeze did not affect: one it overlapped, and the one
     * after it (whose first advert the freeze made late), are left out, for either daemon alike.
     */
    Optional<AdvertJitter> jitterOutside(Freezes freezes, Duration advertInt) {
        List<Duration> outside = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            if (!affected(freezes, i)) {
                outside.add(length(spans.get(i)));
            }
        }
        return AdvertJitter.of(outside, advertInt);
    }

    /** How many intervals a machine-wide freeze affected (see {@link #jitterOutside}). */
    long touchedBy(Freezes freezes) {
        return IntStream.range(0, spans.size()).filter(i -> affected(freezes, i)).count();
    }

    private boolean affected(Freezes freezes, int i) {
        return freezes.touch(spans.get(i)) || i > 0 && spans.get(i - 1).to().equals(spans.get(i).from())
                && freezes.touch(spans.get(i - 1));
    }

    /**
     * The intervals longer than advert_int (an advert that left late) and those shorter (the one after it, on a
     * daemon that keeps its schedule), each as p99 and max of how far they are off, in ms: a late advert is what
     * eats into a backup's margin.
     */
    String lateAndEarly(Duration advertInt) {
        List<Duration> late = new ArrayList<>();
        List<Duration> early = new ArrayList<>();
        for (AdvertJitter.Window s : spans) {
            Duration off = length(s).minus(advertInt);
            (off.isNegative() ? early : late).add(off.abs());
        }
        return "late " + late.size() + " (" + p99AndMax(late) + "), early " + early.size() + " (" + p99AndMax(early)
                + ")";
    }

    private static String p99AndMax(List<Duration> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return "p99 " + AdvertJitter.millis(AdvertJitter.percentile(sorted, 99)) + " ms, max "
                + AdvertJitter.millis(sorted.get(sorted.size() - 1)) + " ms";
    }

    private static Duration length(AdvertJitter.Window w) {
        return Duration.between(w.from(), w.to());
    }

    long falseFailovers() {
        return Math.max(backupAdverts > 0 ? 1 : 0, backupTakeovers);
    }

    long vipMisplaced() {
        return samples.stream().filter(s -> !s.vipPlaced()).count();
    }

    /** Intervals the master should have sent over the load but the observer did not see as consecutive pairs. */
    long missingIntervals(Duration length, Duration advertInt) {
        return Math.max(0, length.toMillis() / advertInt.toMillis() - 1 - spans.size());
    }

    double masterCpuPercent() {
        return cpuPercent(SoakSample::masterTicks);
    }

    double backupCpuPercent() {
        return cpuPercent(SoakSample::backupTicks);
    }

    private double cpuPercent(ToLongFunction<SoakSample> ticks) {
        if (samples.size() < 2) {
            return 0;
        }
        SoakSample a = samples.get(0);
        SoakSample b = samples.get(samples.size() - 1);
        double seconds = b.at().minus(a.at()).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : 100.0 * (ticks.applyAsLong(b) - ticks.applyAsLong(a)) / ProcFootprint.TICKS_PER_SECOND
                / seconds;
    }

    double masterRssGrowthPercent(Duration base) {
        return growth(base, SoakSample::masterRssKb);
    }

    double backupRssGrowthPercent(Duration base) {
        return growth(base, SoakSample::backupRssKb);
    }

    /** The largest RSS after {@code base} against the first sample at or after it, in percent. */
    private double growth(Duration base, ToLongFunction<SoakSample> rss) {
        Optional<SoakSample> first = samples.stream().filter(s -> s.at().compareTo(base) >= 0).findFirst();
        if (first.isEmpty()) {
            return 0;
        }
        long b = rss.applyAsLong(first.get());
        long max = samples.stream().filter(s -> s.at().compareTo(base) >= 0).mapToLong(rss).max().orElse(b);
        return b == 0 ? 0 : 100.0 * (max - b) / b;
    }

    /** The RSS lines of the report: at the start of the load, at the baseline, the maximum after it, at the end. */
    List<String> rssLines(Duration base) {
        return List.of(rssLine("master", base, SoakSample::masterRssKb), rssLine("backup", base, SoakSample::backupRssKb));
    }

    private String rssLine(String role, Duration base, ToLongFunction<SoakSample> rss) {
        if (samples.isEmpty()) {
            return role + ": no samples";
        }
        long start = rss.applyAsLong(samples.get(0));
        long end = rss.applyAsLong(samples.get(samples.size() - 1));
        Optional<SoakSample> at = samples.stream().filter(s -> s.at().compareTo(base) >= 0).findFirst();
        long b = at.map(rss::applyAsLong).orElse(start);
        long max = samples.stream().filter(s -> s.at().compareTo(base) >= 0).mapToLong(rss).max().orElse(b);
        return String.format(Locale.ROOT, "%s: %.1f MB at the start, %.1f MB after %d min, max %.1f MB after that"
                        + " (%+.1f %%), %.1f MB at the end", role, start / 1024.0, b / 1024.0, base.toMinutes(),
                max / 1024.0, b == 0 ? 0 : 100.0 * (max - b) / b, end / 1024.0);
    }
}
