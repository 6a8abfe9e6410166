package io.vrrpd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Issue 10's soak: the seed's database pair for a long time under full CPU and memory load, vrrpd and
 * keepalived 2.2.7 side by side in the same run. Each daemon gets its own lab segment (the seed's own
 * keepalived.conf on both, VRID 51, so the pairs cannot meet) with a third node that only captures; one
 * stress-ng loads every core and half the memory for the whole soak. Reported: the master's advert timing as
 * the observer saw it (deviation of each interval from advert_int: median, p99, max), false failovers (the
 * backup on the wire or in its log), RSS over time against the value after the first 5 minutes, vrrpd's GC
 * pauses (its launcher, plus -Xlog:gc to a file), and CPU. A {@link FreezeProbe} on every CPU records the
 * stretches in which the whole machine stood still (a virtual machine whose host did not run it): an advert due
 * then leaves late whatever sends it, so the report also gives the timing outside those stretches. See
 * BENCHMARKS.md.
 *
 * <p>Usage: {@code SoakBenchmark [--minutes N] [--out FILE] [--command TEXT]}; needs root and stress-ng.
 * Exit codes: 0 measured (the verdict lines say whether the acceptance held), 1 the lab failed, 64 usage,
 * 77 not root / no tools.
 */
public final class SoakBenchmark {

    private static final Duration ADVERT_INT = Duration.ofSeconds(1);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final Duration BASELINE_AT = Duration.ofMinutes(5);
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(60);
    /** stress-ng: one CPU worker and one memory worker per online CPU, the memory workers sharing half the RAM. */
    static final List<String> STRESS = List.of("stress-ng", "--cpu", "0", "--vm", "0", "--vm-bytes", "50%",
            "--quiet");

    private final BenchReport report = new BenchReport();

    private SoakBenchmark() {
    }

    public static void main(String[] args) {
        int minutes = 60;
        Path outFile = Path.of("test-lab/target/soak.txt");
        String command = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            if (a.equals("--minutes") && hasValue && args[i + 1].matches("[1-9][0-9]{0,3}")) {
                minutes = Integer.parseInt(args[++i]);
            } else if (a.equals("--out") && hasValue) {
                outFile = Path.of(args[++i]);
            } else if (a.equals("--command") && hasValue) {
                command = args[++i];
            } else {
                System.err.println("usage: SoakBenchmark [--minutes 1..9999] [--out FILE] [--command TEXT]"
                        + " (bad argument: " + a + ")");
                System.exit(64);
            }
        }
        var missing = LabPrerequisites.missing();
        if (missing.isPresent()) {
            System.err.println("soak: " + missing.get());
            System.exit(77);
        }
        if (LabPrerequisites.find("stress-ng").isEmpty()) {
            System.err.println("soak: stress-ng is missing; scripts/install-lab-deps.sh installs it");
            System.exit(77);
        }
        System.exit(new SoakBenchmark().run(Duration.ofMinutes(minutes), outFile, command));
    }

    private int run(Duration length, Path outFile, String command) {
        report.say("== vrrpd soak benchmark ==");
        report.say("command: " + (command != null ? command
                : ProcessHandle.current().info().commandLine().orElse("SoakBenchmark")));
        report.say("started: " + Instant.now());
        MachineInfo.describe().forEach(report::say);
        report.say("design: two lab segments, each with the seed's database pair (its keepalived.conf unchanged: VI_1,"
                + " VRID 51, advert_int 1, MASTER 101 / BACKUP 100) and a third node that only captures; vrrpd"
                + " (shipped launcher, plus -Xlog:gc to a file; its default realtime_priority 1) on one, keepalived"
                + " (its default: no vrrp_rt_priority, normal priority) on the other. Load for " + length.toMinutes() + " min: " + String.join(" ", STRESS)
                + " (every core busy twice over, half the memory written continuously). A SCHED_FIFO probe pinned to"
                + " each CPU marks when the whole machine stood still.");
        int code = 0;
        try (Lab vLab = Lab.create(3); Lab kLab = Lab.create(3)) {
            SoakPair v = SoakPair.vrrpd(vLab);
            SoakPair k = SoakPair.keepalived(kLab);
            v.awaitSteady(UP_TIMEOUT);
            k.awaitSteady(UP_TIMEOUT);
            report.say("vrrpd master's event loop: " + v.loopScheduling());
            Lab.sleep(SETTLE);
            long seconds = length.toSeconds();
            List<String> stress = new ArrayList<>(List.of("timeout", "-s", "KILL", Long.toString(seconds + 60)));
            stress.addAll(STRESS);
            stress.addAll(List.of("--timeout", seconds + "s"));
            v.markLoadStart();
            k.markLoadStart();
            Instant from = Instant.now();
            LabProcess load = vLab.node(3).start("stress-ng", stress);
            report.say("load started: " + from + " (load average before: " + BenchReport.loadAverage() + ")");
            List<LabProcess> probes = onlineCpus().stream()
                    .map(cpu -> FreezeProbe.start(vLab.node(3), cpu)).toList();
            sampleUntil(from.plus(length), from, v, k);
            Instant to = Instant.now();
            Freezes freezes = freezes(probes);
            load.kill(Signal.TERM);
            if (load.waitFor(Duration.ofSeconds(20)).isEmpty()) {
                load.killTree(Signal.KILL);
            }
            report.say("load stopped: " + to + " (load average: " + BenchReport.loadAverage() + ")");
            Lab.sleep(Duration.ofSeconds(3));
            SoakResult vr = v.finish(from, to, ADVERT_INT);
            SoakResult kr = k.finish(from, to, ADVERT_INT);
            summarise(vr, kr, freezes, length);
        } catch (LabException e) {
            report.say("FAILED: " + e.getMessage());
            code = 1;
        } catch (RuntimeException e) {
            report.say("FAILED: " + e);
            code = 1;
        }
        report.say("finished: " + Instant.now());
        report.write(outFile);
        return code;
    }

    private void sampleUntil(Instant end, Instant from, SoakPair v, SoakPair k) {
        long lastReport = -1;
        while (Instant.now().isBefore(end)) {
            Lab.sleep(min(SAMPLE_EVERY, Duration.between(Instant.now(), end)));
            Duration at = Duration.between(from, Instant.now());
            v.sample(at);
            k.sample(at);
            long minute = at.toMinutes();
            if (minute != lastReport && minute % 5 == 0) {
                lastReport = minute;
                System.out.printf(Locale.ROOT, "soak: %d min: vrrpd master RSS %.1f MB, keepalived master RSS %.1f MB,"
                                + " VIP where expected: vrrpd %s, keepalived %s; load %s%n", minute,
                        v.lastRssKb() / 1024.0, k.lastRssKb() / 1024.0, v.vipOnMasterOnly(), k.vipOnMasterOnly(),
                        BenchReport.loadAverage());
            }
        }
    }

    private void summarise(SoakResult v, SoakResult k, Freezes freezes, Duration length) {
        Duration base = length.compareTo(BASELINE_AT.multipliedBy(2)) >= 0 ? BASELINE_AT : length.dividedBy(2);
        report.say("-- advert timing of each master, seen from the third node (kernel capture timestamps):"
                + " |interval - advert_int| over the loaded period");
        for (SoakResult r : List.of(v, k)) {
            report.say(String.format(Locale.ROOT, "%-10s %s", r.kind().label(), r.jitter().map(j -> j.count()
                    + " intervals, median interval " + AdvertJitter.millis(j.medianInterval()) + " ms; deviation p50 "
                    + AdvertJitter.millis(j.medianDeviation()) + " ms, p99 " + AdvertJitter.millis(j.p99Deviation())
                    + " ms, max " + AdvertJitter.millis(j.maxDeviation()) + " ms").orElse("no intervals captured")));
        }
        for (SoakResult r : List.of(v, k)) {
            report.say(String.format(Locale.ROOT, "%-10s %s", r.kind().label(), r.lateAndEarly(ADVERT_INT)));
        }
        report.say("   adverts expected from each master: about " + length.toSeconds() + "; missing intervals: vrrpd "
                + v.missingIntervals(length, ADVERT_INT) + ", keepalived " + k.missingIntervals(length, ADVERT_INT));
        report.say("-- machine-wide freezes: stretches in which the SCHED_FIFO probe on every CPU (FreezeProbe) woke "
                + FreezeProbe.REPORT_MILLIS + " ms or more late, i.e. nothing on the machine ran");
        report.say(String.format(Locale.ROOT, "%d freezes, longest %s ms, %.1f s in all", freezes.windows().size(),
                AdvertJitter.millis(freezes.longest()), freezes.total().toMillis() / 1000.0));
        for (SoakResult r : List.of(v, k)) {
            long touched = r.touchedBy(freezes);
            String outside = r.jitterOutside(freezes, ADVERT_INT).map(j -> "deviation p99 "
                    + AdvertJitter.millis(j.p99Deviation()) + " ms, max " + AdvertJitter.millis(j.maxDeviation())
                    + " ms").orElse("none");
            report.say(String.format(Locale.ROOT, "%-10s intervals a freeze affected (overlapped, or made the advert"
                    + " that starts them late): %d; the other %d: %s", r.kind().label(), touched,
                    r.spans().size() - touched, outside));
        }
        report.say("-- false failovers: backup adverts on the wire / backup transitions to MASTER in its log /"
                + " samples (every " + SAMPLE_EVERY.toSeconds() + " s) with the VIP anywhere but on the master");
        for (SoakResult r : List.of(v, k)) {
            report.say(String.format(Locale.ROOT, "%-10s %d / %d / %d of %d", r.kind().label(), r.backupAdverts(),
                    r.backupTakeovers(), r.vipMisplaced(), r.samples().size()));
        }
        report.say("-- RSS (VmRSS), baseline after " + base.toMinutes() + " min of load");
        for (SoakResult r : List.of(v, k)) {
            r.rssLines(base).forEach(l -> report.say(String.format(Locale.ROOT, "%-10s %s", r.kind().label(), l)));
        }
        report.say("-- CPU over the loaded period (% of one core, user + system)");
        for (SoakResult r : List.of(v, k)) {
            report.say(String.format(Locale.ROOT, "%-10s master %.2f %%, backup %.2f %%", r.kind().label(),
                    r.masterCpuPercent(), r.backupCpuPercent()));
        }
        report.say("-- vrrpd GC pauses (-Xlog:gc) under load, stop-the-world (start-up's collections left out)");
        report.say("vrrpd      master: " + v.masterGc().describe() + "; backup: " + v.backupGc().describe());
        report.say("-- acceptance");
        boolean noFalse = v.falseFailovers() == 0 && k.falseFailovers() == 0;
        report.say("false failovers: vrrpd " + v.falseFailovers() + ", keepalived " + k.falseFailovers()
                + (v.falseFailovers() == 0 ? " -> vrrpd holds (0)" : " -> vrrpd FAILS (must be 0)"));
        Optional<Duration> vMax = v.jitter().map(AdvertJitter::maxDeviation);
        Optional<Duration> kMax = k.jitter().map(AdvertJitter::maxDeviation);
        if (vMax.isPresent() && kMax.isPresent()) {
            boolean ok = vMax.get().compareTo(kMax.get()) <= 0;
            report.say("max advert deviation: vrrpd " + AdvertJitter.millis(vMax.get()) + " ms, keepalived "
                    + AdvertJitter.millis(kMax.get()) + " ms -> " + (ok ? "holds (no worse)" : "FAILS (worse)"));
        } else {
            report.say("max advert deviation: not measurable (a capture is empty) -> FAILS");
        }
        Optional<Duration> vOut = v.jitterOutside(freezes, ADVERT_INT).map(AdvertJitter::maxDeviation);
        Optional<Duration> kOut = k.jitterOutside(freezes, ADVERT_INT).map(AdvertJitter::maxDeviation);
        if (vOut.isPresent() && kOut.isPresent()) {
            report.say("(outside machine-wide freezes: vrrpd " + AdvertJitter.millis(vOut.get()) + " ms, keepalived "
                    + AdvertJitter.millis(kOut.get()) + " ms -> " + (vOut.get().compareTo(kOut.get()) <= 0
                    ? "no worse" : "worse") + "; not the acceptance line, which counts every interval)");
        }
        double growth = Math.max(v.masterRssGrowthPercent(base), v.backupRssGrowthPercent(base));
        report.say(String.format(Locale.ROOT, "vrrpd RSS growth after %d min: at most %+.1f %% -> %s", base.toMinutes(),
                growth, growth <= 10.0 ? "holds (<= 10 %)" : "FAILS (> 10 %)"));
        if (!noFalse) {
            report.say("note: keepalived's false failovers are reported for comparison; the acceptance is vrrpd's");
        }
    }

    /** The probes' gaps intersected; probes that could not run give no freezes, and the report says so. */
    private Freezes freezes(List<LabProcess> probes) {
        List<List<AdvertJitter.Window>> gaps = new ArrayList<>();
        for (LabProcess p : probes) {
            if (!p.isAlive()) {
                String why = p.logText().strip().lines().findFirst().orElse("no output");
                report.say("freeze probe " + p + " did not run (" + why + "); machine-wide freezes are not reported");
                return Freezes.NONE;
            }
            gaps.add(FreezeProbe.gaps(p.logText()));
        }
        return Freezes.across(gaps);
    }

    /** The online CPUs' numbers ({@code /sys/devices/system/cpu/online}, e.g. {@code 0-3,6}). */
    static List<Integer> onlineCpus() {
        try {
            return cpuList(Files.readString(Path.of("/sys/devices/system/cpu/online")));
        } catch (IOException | RuntimeException e) {
            return IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed().toList();
        }
    }

    static List<Integer> cpuList(String text) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : text.strip().split(",")) {
            String[] r = part.split("-");
            int from = Integer.parseInt(r[0]);
            int to = r.length > 1 ? Integer.parseInt(r[1]) : from;
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return List.copyOf(cpus);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The environment that makes vrrpd's JVM log its collections to {@code file}. */
    static Map<String, String> gcLogEnv(Path file) {
        return Map.of("VRRPD_JAVA_OPTS", "-Xlog:gc:file=" + file + ":uptime,level");
    }
}
