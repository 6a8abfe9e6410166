package io.vrrpd.lab;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A witness for the soak ({@link SoakBenchmark}): one per CPU, pinned to it and run SCHED_FIFO (priority 50,
 * above every process of the load and both daemons), sleeping 1 ms at a time and printing each sleep that
 * ended {@value #REPORT_MILLIS} ms or more late. Nothing in the guest can keep such a thread off its CPU for
 * long, so when every CPU's probe is late over the same stretch, the whole machine stood still (the
 * hypervisor did not run it): no process, in C or in Java, could send then. {@link Freezes} intersects the
 * probes' gaps; the soak reports the adverts that fell into such a stretch next to the rest.
 *
 * <p>Output: one line per gap, {@code gap <from epoch ns> <to epoch ns>} (wall clock, like the capture's
 * timestamps). Runs until killed.
 */
public final class FreezeProbe {

    /** A sleep this much longer than asked for is reported. */
    static final long REPORT_MILLIS = 20;
    private static final String PREFIX = "gap ";

    private FreezeProbe() {
    }

    public static void main(String[] args) {
        Clock wall = Clock.systemUTC();
        long threshold = Duration.ofMillis(REPORT_MILLIS).toNanos();
        long prev = System.nanoTime();
        while (true) {
            LockSupport.parkNanos(1_000_000);
            long now = System.nanoTime();
            long gap = now - prev;
            if (gap - 1_000_000 >= threshold) {
                Instant to = wall.instant();
                long toNanos = to.getEpochSecond() * 1_000_000_000L + to.getNano();
                System.out.println(PREFIX + (toNanos - gap) + " " + toNanos);
                System.out.flush();
            }
            prev = now;
        }
    }

    /**
     * Starts one probe pinned to {@code cpu}, SCHED_FIFO 50, in {@code node}'s namespace (it sends nothing).
     *
     * @param node the node whose lab owns the process
     * @param cpu  the CPU number
     * @return the running probe; its log holds the gaps
     */
    static LabProcess start(Node node, int cpu) {
        List<String> argv = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu), "chrt", "-f", "50",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss256k", "-XX:-UsePerfData", "-cp", LabJava.classPath(FreezeProbe.class),
                FreezeProbe.class.getName()));
        return node.start("freeze-probe-cpu" + cpu, argv);
    }

    /**
     * @param log a probe's output
     * @return its gaps, in order
     */
    static List<AdvertJitter.Window> gaps(String log) {
        List<AdvertJitter.Window> gaps = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String[] f = line.substring(PREFIX.length()).trim().split(" ");
            if (f.length != 2 || !f[0].matches("[0-9]{1,19}") || !f[1].matches("[0-9]{1,19}")) {
                continue;
            }
            long from = Long.parseLong(f[0]);
            long to = Long.parseLong(f[1]);
            if (to >= from) {
                gaps.add(new AdvertJitter.Window(instant(from), instant(to)));
            }
        }
        return gaps;
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
