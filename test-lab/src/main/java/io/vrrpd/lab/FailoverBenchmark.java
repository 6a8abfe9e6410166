package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Failover times of vrrpd against keepalived, measured on the wire: four cases (crash and clean stop of the
 * master, each with vrrpd pairs and keepalived pairs), N trials each, in one run. See BENCHMARKS.md.
 *
 * It also reports the timing of the steady master's adverts while the pair is stable ({@link AdvertJitter}),
 * with {@code --load} also while busy loops occupy every core.
 *
 * <p>Usage: {@code FailoverBenchmark [--trials N] [--quick] [--load] [--out FILE] [--command TEXT]}; needs root.
 * Exit codes: 0 every case measured, 1 a case produced no measurement, 64 usage, 77 not root / no tools.
 */
public final class FailoverBenchmark {

    private static final int DEFAULT_TRIALS = 10;
    private static final int QUICK_TRIALS = 2;

    private final List<String> report = new ArrayList<>();

    private FailoverBenchmark() {
    }

    /**
     * @param args {@code [--trials N] [--quick] [--load] [--out FILE] [--command TEXT]}
     */
    public static void main(String[] args) {
        int trials = DEFAULT_TRIALS;
        Path outFile = Path.of("test-lab/target/benchmark.txt");
        String command = null;
        boolean load = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            if (a.equals("--quick")) {
                trials = QUICK_TRIALS;
            } else if (a.equals("--load")) {
                load = true;
            } else if (a.equals("--trials") && hasValue && args[i + 1].matches("[1-9][0-9]{0,2}")) {
                trials = Integer.parseInt(args[++i]);
            } else if (a.equals("--out") && hasValue) {
                outFile = Path.of(args[++i]);
            } else if (a.equals("--command") && hasValue) {
                command = args[++i];
            } else {
                System.err.println("usage: FailoverBenchmark [--trials 1..999] [--quick] [--load] [--out FILE] [--command TEXT]"
                        + " (bad argument: " + a + ")");
                System.exit(64);
            }
        }
        var missing = LabPrerequisites.missing();
        if (missing.isPresent()) {
            System.err.println("benchmark: " + missing.get());
            System.exit(77);
        }
        int code = new FailoverBenchmark().run(trials, load, outFile, command);
        System.exit(code);
    }

    private int run(int trials, boolean load, Path outFile, String command) {
        Instant started = Instant.now();
        say("== vrrpd failover benchmark ==");
        say("command: " + (command != null ? command
                : ProcessHandle.current().info().commandLine().orElse("FailoverBenchmark")));
        say("started: " + started);
        MachineInfo.describe().forEach(l -> say(l));
        say("design: master and backup run the same daemon (vrrpd/vrrpd, keepalived/keepalived), the seed's");
        say("  db-primary.conf (prio 101) and db-standby.conf (prio 100, advert_int 1), unchanged; " + trials
                + " trials per case.");
        say("  hard = SIGKILL to the master's whole process tree; graceful = SIGTERM to its main process.");
        say("  Times from node 2 (the backup): tcpdump capture of its eth0 for adverts and gratuitous ARPs,");
        say("  `ip -ts monitor address` for the moment the VIP is bound. Every gap is counted from the master's");
        say("  last advert (hard) or its priority-0 advert (graceful).");
        say("  Advert timing: the master's advert intervals on node 2's capture while the pair is stable (a "
                + FailoverTrials.STABLE_WINDOW.toSeconds() + " s window");
        say("  before the first trial, and each re-convergence until the next signal)"
                + (load ? "; under load: another " + FailoverTrials.STABLE_WINDOW.toSeconds()
                + " s window with 2 busy loops in node 1's namespace." : "."));
        say("");
        List<FailoverTrials.Outcome> outcomes = new ArrayList<>();
        for (DaemonKind kind : DaemonKind.values()) {
            for (Signal signal : List.of(Signal.KILL, Signal.TERM)) {
                BenchCase c = new BenchCase(kind, signal);
                say("-- " + c.label() + " --");
                try {
                    outcomes.add(new FailoverTrials(c, this::say, load).run(trials));
                } catch (RuntimeException e) {
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                    say("case failed: " + why);
                    outcomes.add(new FailoverTrials.Outcome(c, List.of(), List.of("setup: " + why), List.of(), List.of()));
                }
            }
        }
        say("");
        summary(outcomes);
        say("");
        jitter(outcomes, load);
        say("");
        say("finished: " + Instant.now() + " (" + Duration.between(started, Instant.now()).toSeconds() + " s)");
        write(outFile);
        return outcomes.stream().allMatch(o -> !o.measured().isEmpty()) ? 0 : 1;
    }

    private void summary(List<FailoverTrials.Outcome> outcomes) {
        say("== Results (seconds) ==");
        say(String.format(Locale.ROOT, "%-30s %-7s %-24s %7s %7s %7s %9s", "case", "trials", "gap from master's advert",
                "median", "min", "max", "expected"));
        for (FailoverTrials.Outcome o : outcomes) {
            BenchCase c = o.benchCase();
            String trials = o.measured().size() + "/" + (o.measured().size() + o.failures().size());
            if (o.measured().isEmpty()) {
                say(String.format(Locale.ROOT, "%-30s %-7s %s", c.label(), trials, "no measurement"));
                continue;
            }
            row(c.label(), trials, "to backup's first advert", stats(o, FailoverMeasurement::advertGap),
                    GapStats.seconds(c.expected()));
            row("", "", "to VIP bound on backup", stats(o, FailoverMeasurement::vipGap), "");
            row("", "", "to backup's first GARP", stats(o, FailoverMeasurement::garpGap), "");
            o.failures().forEach(f -> say("    not measured " + f));
        }
        say("");
        say("== vrrpd / keepalived, ratio of medians ==");
        say(String.format(Locale.ROOT, "%-10s %12s %12s %12s", "", "first advert", "VIP bound", "first GARP"));
        for (Signal signal : List.of(Signal.KILL, Signal.TERM)) {
            FailoverTrials.Outcome v = find(outcomes, DaemonKind.VRRPD, signal);
            FailoverTrials.Outcome k = find(outcomes, DaemonKind.KEEPALIVED, signal);
            String name = signal == Signal.KILL ? "hard" : "graceful";
            if (v == null || k == null || v.measured().isEmpty() || k.measured().isEmpty()) {
                say(String.format(Locale.ROOT, "%-10s %s", name, "n/a (a case has no measurement)"));
                continue;
            }
            say(String.format(Locale.ROOT, "%-10s %12s %12s %12s", name,
                    ratio(v, k, FailoverMeasurement::advertGap), ratio(v, k, FailoverMeasurement::vipGap),
                    ratio(v, k, FailoverMeasurement::garpGap)));
        }
    }

    private void jitter(List<FailoverTrials.Outcome> outcomes, boolean load) {
        say("== Advert timing of the steady master (advert_int " + BenchCase.ADVERT_INT.toSeconds()
                + " s; |interval - advert_int| in ms) ==");
        say(String.format(Locale.ROOT, "%-11s %-6s %9s %15s %9s %9s %9s", "daemon", "cpu", "intervals",
                "median interval", "median", "p99", "max"));
        List<String> conditions = load ? List.of("idle", "loaded") : List.of("idle");
        for (String condition : conditions) {
            for (DaemonKind kind : DaemonKind.values()) {
                Optional<AdvertJitter> j = jitterOf(outcomes, kind, condition);
                if (j.isEmpty()) {
                    say(String.format(Locale.ROOT, "%-11s %-6s %9s", kind.label(), condition, "none"));
                    continue;
                }
                AdvertJitter s = j.get();
                say(String.format(Locale.ROOT, "%-11s %-6s %9d %15s %9s %9s %9s", kind.label(), condition,
                        s.count(), AdvertJitter.millis(s.medianInterval()) + " ms",
                        AdvertJitter.millis(s.medianDeviation()), AdvertJitter.millis(s.p99Deviation()),
                        AdvertJitter.millis(s.maxDeviation())));
            }
        }
        say("p99 is the nearest rank: with fewer than 100 intervals it is the maximum.");
        for (String condition : conditions) {
            Optional<AdvertJitter> v = jitterOf(outcomes, DaemonKind.VRRPD, condition);
            Optional<AdvertJitter> k = jitterOf(outcomes, DaemonKind.KEEPALIVED, condition);
            String ratio = v.isEmpty() || k.isEmpty() || k.get().p99Deviation().isZero() ? "n/a"
                    : String.format(Locale.ROOT, "%.2f", v.get().p99Deviation().toNanos()
                    / (double) k.get().p99Deviation().toNanos());
            say("vrrpd / keepalived, ratio of p99 |interval - advert_int|, " + condition + ": " + ratio);
        }
    }

    /** Both cases of a daemon kind pooled: the master's advert timing does not depend on how it is stopped. */
    private static Optional<AdvertJitter> jitterOf(List<FailoverTrials.Outcome> outcomes, DaemonKind kind,
                                                   String condition) {
        List<Duration> intervals = outcomes.stream().filter(o -> o.benchCase().kind() == kind)
                .flatMap(o -> (condition.equals("idle") ? o.stableIntervals() : o.loadedIntervals()).stream())
                .toList();
        return AdvertJitter.of(intervals, BenchCase.ADVERT_INT);
    }

    private void row(String label, String trials, String gap, GapStats s, String expected) {
        say(String.format(Locale.ROOT, "%-30s %-7s %-24s %7s %7s %7s %9s", label, trials, gap,
                GapStats.seconds(s.median()), GapStats.seconds(s.min()), GapStats.seconds(s.max()), expected));
    }

    private static GapStats stats(FailoverTrials.Outcome o, Function<FailoverMeasurement, Duration> gap) {
        return GapStats.of(o.measured().stream().map(gap).toList());
    }

    private static String ratio(FailoverTrials.Outcome v, FailoverTrials.Outcome k,
                                Function<FailoverMeasurement, Duration> gap) {
        double num = stats(v, gap).median().toNanos();
        double den = stats(k, gap).median().toNanos();
        return den <= 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", num / den);
    }

    private static FailoverTrials.Outcome find(List<FailoverTrials.Outcome> outcomes, DaemonKind kind, Signal s) {
        return outcomes.stream().filter(o -> o.benchCase().kind() == kind && o.benchCase().signal() == s)
                .findFirst().orElse(null);
    }

    private void say(String line) {
        System.out.println(line);
        System.out.flush();
        report.add(line);
    }

    private void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, report, StandardCharsets.UTF_8);
            System.out.println("written to " + file);
        } catch (IOException e) {
            System.err.println("benchmark: cannot write " + file + ": " + e.getMessage());
        }
    }
}
