package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The NFS failover benchmark ({@code scripts/benchmark-nfs.sh}): N hard failovers of the NFS pair (see
 * {@link NfsFailover}), each timed as the client sees it through the VIP; prints every trial and the
 * median and maximum. Between trials the crashed node comes back and preempts (its own outage is printed
 * too, as "failback").
 */
public final class NfsFailoverBenchmark {
    private static final int DEFAULT_TRIALS = 5;
    /** A JVM start on a loaded machine can take tens of seconds; that is not part of any measurement. */
    static final Duration STARTUP = Duration.ofSeconds(90);

    private NfsFailoverBenchmark() {
    }

    public static void main(String[] args) {
        int trials = DEFAULT_TRIALS;
        Path out = null;
        String command = "scripts/benchmark-nfs.sh";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--command" -> command = args[++i];
                default -> {
                    System.err.println("usage: NfsFailoverBenchmark [--trials N] [--out FILE] [--command TEXT]");
                    System.exit(64);
                }
            }
        }
        if (trials < 1) {
            System.err.println("--trials must be at least 1");
            System.exit(64);
        }
        NfsPair.missing().ifPresent(m -> {
            System.err.println(m);
            System.exit(77);
        });
        List<String> machine = MachineInfo.describe();
        StringBuilder report = new StringBuilder();
        List<Duration> failovers = new ArrayList<>();
        List<Duration> failbacks = new ArrayList<>();
        try (Lab lab = Lab.create(); NfsPair pair = NfsPair.create(lab)) {
            Vrrpd n1 = pair.startVrrpd(1, 150);
            Vrrpd n2 = pair.startVrrpd(2, 100);
            n1.awaitReady(STARTUP);
            n2.awaitReady(STARTUP);
            awaitServing(pair, 1);
            for (int t = 1; t <= trials; t++) {
                NfsOutageProbe.Outage o = NfsFailover.measure(pair, n1, 1, "bench" + t);
                failovers.add(o.longest());
                // Back: cable in, vrrpd again; it preempts (priority 150 > 100) and the server moves back.
                pair.server(1).linkUp();
                NfsOutageProbe.Outage back;
                try (NfsOutageProbe probe = NfsOutageProbe.start(pair.nfsClient(), "back" + t)) {
                    long restart = System.nanoTime();
                    n1.restart();
                    n1.awaitReady(STARTUP);
                    awaitServing(pair, 1);
                    if (!Lab.waitUntil(NfsFailover.BOUND.multipliedBy(2), () -> probe.succeededAfter(restart
                            + 1_000_000_000L) && pair.server(1).hasAddress(NfsPair.VIP))) {
                        throw new LabException("the client did not recover after the failback of trial " + t);
                    }
                    Lab.sleep(Duration.ofMillis(500));
                    back = probe.outage();
                }
                failbacks.add(back.longest());
                line(report, String.format(java.util.Locale.ROOT,
                        "trial %d: failover outage %s (%d failed rounds), failback outage %s", t, o.seconds(),
                        o.failed(), back.seconds()));
            }
            n2.process().kill(Signal.TERM);
        }
        GapStats f = GapStats.of(failovers);
        GapStats b = GapStats.of(failbacks);
        line(report, String.format(java.util.Locale.ROOT, "NFS hard failover, client-visible outage over %d trials: "
                + "median %s s, max %s s, min %s s (bound %d s)", f.count(), GapStats.seconds(f.median()),
                GapStats.seconds(f.max()), GapStats.seconds(f.min()), NfsFailover.BOUND.toSeconds()));
        line(report, String.format(java.util.Locale.ROOT, "NFS failback (preempt), client-visible outage: "
                + "median %s s, max %s s", GapStats.seconds(b.median()), GapStats.seconds(b.max())));
        machine.forEach(l -> line(report, l));
        line(report, "ganesha: " + CommandRunner.run("ganesha.nfsd", "-v").stdout().strip());
        line(report, "command: " + command);
        if (out != null) {
            try {
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("cannot write " + out + ": " + e.getMessage());
            }
        }
    }

    /** Waits until server {@code i} holds the VIP and runs ganesha. */
    static void awaitServing(NfsPair pair, int i) {
        if (!Lab.waitUntil(Duration.ofSeconds(30), () -> pair.server(i).hasAddress(NfsPair.VIP)
                && !NfsPair.ganeshaPids(pair.server(i)).isEmpty())) {
            throw new LabException("n" + i + " did not take the VIP and start ganesha within 30 s");
        }
    }

    private static void line(StringBuilder report, String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }
}
