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

/**
 * Hard-failover write outage and lost rows of a PostgreSQL pair behind the seed's VIP (issue 7's benchmark):
 * vrrpd with the postgres hook, synchronous and asynchronous, and the seed's naive set-up (keepalived
 * 2.2.7, notify_master running only {@code SELECT pg_promote()}), synchronous and asynchronous, N trials
 * each in one run, a fresh lab per trial ({@link PgFailoverTrial}). The arm {@code vrrpd-sync-v3} (issue
 * 11) runs vrrpd synchronous with VRRPv3 at 100 ms adverts and breaks each outage down
 * ({@link PgFailoverBreakdown}). See BENCHMARKS.md.
 *
 * <p>Usage: {@code PgFailoverBenchmark [--trials N] [--arms vrrpd,naive,vrrpd-sync-v3] [--out FILE]
 * [--command TEXT]};
 * needs root. Exit codes: 0 every arm measured, 1 an arm had a failed trial, 64 usage, 77 cannot run here.
 */
public final class PgFailoverBenchmark {

    private static final int DEFAULT_TRIALS = 5;
    /** vrrpd: synchronous and asynchronous; naive: the same with keepalived; vrrpd-sync-v3: issue 11's arm. */
    private static final String ARMS = "(vrrpd|naive|vrrpd-sync-v3)";

    private final List<String> report = new ArrayList<>();

    private PgFailoverBenchmark() {
    }

    /** @param args {@code [--trials N] [--arms vrrpd,naive] [--out FILE] [--command TEXT]} */
    public static void main(String[] args) {
        int trials = DEFAULT_TRIALS;
        Path outFile = Path.of("test-lab/target/benchmark-postgres.txt");
        String command = null;
        List<String> kinds = List.of("vrrpd", "naive");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            if (a.equals("--trials") && hasValue && args[i + 1].matches("[1-9][0-9]{0,2}")) {
                trials = Integer.parseInt(args[++i]);
            } else if (a.equals("--arms") && hasValue && args[i + 1].matches(ARMS + "(," + ARMS + "){0,2}")) {
                kinds = List.of(args[++i].split(","));
            } else if (a.equals("--out") && hasValue) {
                outFile = Path.of(args[++i]);
            } else if (a.equals("--command") && hasValue) {
                command = args[++i];
            } else {
                System.err.println("usage: PgFailoverBenchmark [--trials 1..999] [--arms vrrpd,naive,vrrpd-sync-v3]"
                        + " [--out FILE]"
                        + " [--command TEXT] (bad argument: " + a + ")");
                System.exit(64);
            }
        }
        Optional<String> missing = LabPrerequisites.missing().or(PostgresInstall::missing);
        if (missing.isPresent()) {
            System.err.println("benchmark: " + missing.get());
            System.exit(77);
        }
        List<PgFailoverTrial.Arm> arms = new ArrayList<>();
        for (String k : kinds) {
            if (k.equals("vrrpd-sync-v3")) {
                arms.add(new PgFailoverTrial.Arm(PostgresHa.Kind.VRRPD, true, true));
                continue;
            }
            PostgresHa.Kind kind = k.equals("vrrpd") ? PostgresHa.Kind.VRRPD : PostgresHa.Kind.NAIVE_KEEPALIVED;
            arms.add(new PgFailoverTrial.Arm(kind, true));
            arms.add(new PgFailoverTrial.Arm(kind, false));
        }
        System.exit(new PgFailoverBenchmark().run(arms, trials, outFile, command));
    }

    private int run(List<PgFailoverTrial.Arm> arms, int trials, Path outFile, String command) {
        Instant started = Instant.now();
        say("== PostgreSQL hard-failover benchmark ==");
        say("command: " + (command != null ? command
                : ProcessHandle.current().info().commandLine().orElse("PgFailoverBenchmark")));
        say("started: " + started);
        MachineInfo.describe().forEach(this::say);
        say("postgres: " + CommandRunner.run(PostgresInstall.binDir().resolve("postgres").toString(), "--version")
                .stdout().strip());
        say("design: two PostgreSQL servers (n1 primary, n2 streaming standby, set up as the seed describes),");
        say("  VIP 192.0.2.100 (the seed's VI_1, n1 priority 101, n2 100, advert_int 1); a client namespace that");
        say("  reaches only the VIP commits numbered rows (about one every 2-3 ms); a probe asks both servers'");
        say("  own addresses every 50 ms whether they accept a write. Hard failover of n1: its daemon's process");
        say("  tree SIGKILLed, pg_ctl stop -m immediate, cable cut. Outage: last acknowledged commit before the");
        say("  crash to the first after; lost: acknowledged rows missing on n2 afterwards. A fresh lab per trial;");
        say("  The v3/100ms arm runs the pair as docs/fast-failover.md configures it (version 3, advert_int");
        say("  100ms, no authentication) and breaks each outage down: n1's last advert and n2's first (capture");
        say("  on n2), the takeover hook's run (status --json hooks[]), the VIP on n2 (ip monitor), the writer's");
        say("  first error and first ack after the crash; detection = n1's last advert to the hook's start.");
        say("  " + trials + " trials per arm; commits that do not resume within " + PgFailoverTrial.RESUME_WAIT.toSeconds()
                + " s count as no outage figure (never resumed).");
        say("");
        List<List<PgFailoverTrial.Result>> results = new ArrayList<>();
        List<Integer> failures = new ArrayList<>();
        for (PgFailoverTrial.Arm arm : arms) {
            say("-- " + arm.label() + " --");
            List<PgFailoverTrial.Result> rs = new ArrayList<>();
            int failed = 0;
            for (int t = 1; t <= trials; t++) {
                try {
                    rs.add(PgFailoverTrial.run(arm, this::say));
                } catch (RuntimeException e) {
                    failed++;
                    String why = e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage().lines().findFirst().orElse("");
                    say("  trial " + t + " failed: " + why);
                }
            }
            results.add(rs);
            failures.add(failed);
        }
        say("");
        say("== Results ==");
        say(String.format(Locale.ROOT, "%-32s %6s %8s %15s %10s %17s %9s %12s", "arm", "trials", "resumed",
                "outage median", "outage max", "lost median/max", "lost sum", "2 writable"));
        for (int i = 0; i < arms.size(); i++) {
            say(row(arms.get(i), results.get(i), failures.get(i)));
        }
 for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).v3()) {
                say("");
                say(phases(arms.get(i), results.get(i)));
            }
        }
        say("");
        say("finished: " + Instant.now() + " (" + Duration.between(started, Instant.now()).toSeconds() + " s)");
        write(outFile);
        return failures.stream().allMatch(f -> f == 0) ? 0 : 1;
    }

    static String row(PgFailoverTrial.Arm arm, List<PgFailoverTrial.Result> rs, int failed) {
        List<Duration> outages = rs.stream().flatMap(r -> r.outage().stream()).toList();
        String median = "-";
        String max = "-";
        if (!outages.isEmpty()) {
            GapStats s = GapStats.of(outages);
            median = GapStats.seconds(s.median()) + " s";
            max = outages.size() < rs.size() ? "never" : GapStats.seconds(s.max()) + " s";
        } else if (!rs.isEmpty()) {
            median = "never";
            max = "never";
        }
        List<Integer> lost = rs.stream().map(PgFailoverTrial.Result::lost).sorted().toList();
        String lostText = lost.isEmpty() ? "-" : lost.get(lost.size() / 2) + " / " + lost.get(lost.size() - 1);
        int lostSum = lost.stream().mapToInt(Integer::intValue).sum();
        int both = rs.stream().mapToInt(PgFailoverTrial.Result::bothWritable).sum();
        int samples = rs.stream().mapToInt(PgFailoverTrial.Result::samples).sum();
        return String.format(Locale.ROOT, "%-32s %6s %8s %15s %10s %17s %9d %12s", arm.label(),
                rs.size() + (failed > 0 ? "+" + failed + "F" : ""), outages.size() + "/" + rs.size(), median, max,
                lostText, lostSum, both + "/" + samples);
    }

    /** Median and max of each phase over an arm's trials that measured it. */
    static String phases(PgFailoverTrial.Arm arm, List<PgFailoverTrial.Result> rs) {
        List<PgFailoverBreakdown> bs = rs.stream().flatMap(r -> r.breakdown().stream()).toList();
        StringBuilder b = new StringBuilder(arm.label()).append(": where the outage goes, median / max ms over ")
                .append(bs.size()).append(" trials:");
        List<java.util.function.Function<PgFailoverBreakdown, Optional<Duration>>> getters = List.of(
                PgFailoverBreakdown::detection, PgFailoverBreakdown::promotion, PgFailoverBreakdown::vip,
                PgFailoverBreakdown::reconnect);
        List<String> names = List.of("detection", "promotion (takeover hook)", "VIP", "client reconnect");
        for (int p = 0; p < getters.size(); p++) {
            var get = getters.get(p);
            List<Duration> ds = bs.stream().flatMap(x -> get.apply(x).stream()).toList();
            b.append(names.get(p).equals("detection") ? " " : ", ").append(names.get(p)).append(' ');
            if (ds.isEmpty()) {
                b.append('-');
            } else {
                GapStats s = GapStats.of(ds);
                b.append(s.median().toMillis()).append(" / ").append(s.max().toMillis());
            }
        }
        return b.toString();
    }

    private void say(String line) {
        System.out.println(line);
        report.add(line);
    }

    private void write(Path out) {
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.write(out, report, StandardCharsets.UTF_8);
            System.out.println("written to " + out);
        } catch (IOException e) {
            System.err.println("cannot write " + out + ": " + e.getMessage());
        }
    }
}
