package io.vrrpd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 10's figures, vrrpd next to keepalived 2.2.7 in the same run, each on a lab segment of its own:
 * footprint with 200 instances (threads, RSS, CPU), {@code vrrpctl status --json} start-up against a Java hello
 * world, and the time from exec to the first advert of an address owner (and to READY=1 for vrrpd). See
 * BENCHMARKS.md.
 *
 * <p>Usage: {@code FootprintBenchmark [--rounds N] [--window SECONDS] [--vrrpd-only | --ctl-only] [--out FILE]
 * [--command TEXT]}; needs root. {@code --vrrpd-only} measures vrrpd's footprint alone (for tuning with
 * {@code VRRPD_JAVA_OPTS}); {@code --ctl-only} starts vrrpd with the same 200 instances and measures only the
 * {@code vrrpctl status --json} ratio, once per round (about 1 minute for the default 2 rounds).
 * Exit codes: 0 measured, 1 a daemon did not come up, 64 usage, 77 not root / no tools.
 */
public final class FootprintBenchmark {

    static final int INSTANCES = 200;
    private static final int CTL_RUNS = 15;
    /** Status calls in all, for the RSS a monitoring check calling every few seconds leaves behind. */
    private static final int CTL_RUNS_LONG = 200;
    private static final int STARTUP_TRIALS = 5;
    private static final int OWNER_VRID = 42;
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(240);
    /** After the last VIP is up: start-up's compilations, collections and heap trimming are over by then. */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final BenchReport report = new BenchReport();

    private FootprintBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = 2;
        int window = 60;
        Path outFile = Path.of("test-lab/target/footprint.txt");
        String command = null;
        boolean vrrpdOnly = false;
        boolean ctlOnly = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            if (a.equals("--rounds") && hasValue && args[i + 1].matches("[1-9]")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (a.equals("--window") && hasValue && args[i + 1].matches("[1-9][0-9]{0,2}")) {
                window = Integer.parseInt(args[++i]);
            } else if (a.equals("--vrrpd-only")) {
                vrrpdOnly = true;
            } else if (a.equals("--ctl-only")) {
                ctlOnly = true;
            } else if (a.equals("--out") && hasValue) {
                outFile = Path.of(args[++i]);
            } else if (a.equals("--command") && hasValue) {
                command = args[++i];
            } else {
                System.err.println("usage: FootprintBenchmark [--rounds 1..9] [--window 1..999] [--vrrpd-only | --ctl-only]"
                        + " [--out FILE] [--command TEXT] (bad argument: " + a + ")");
                System.exit(64);
            }
        }
        if (vrrpdOnly && ctlOnly) {
            System.err.println("usage: FootprintBenchmark: --vrrpd-only and --ctl-only exclude each other");
            System.exit(64);
        }
        var missing = LabPrerequisites.missing();
        if (missing.isPresent()) {
            System.err.println("benchmark: " + missing.get());
            System.exit(77);
        }
        FootprintBenchmark b = new FootprintBenchmark();
        System.exit(ctlOnly ? b.runCtlOnly(rounds, outFile, command)
                : b.run(rounds, Duration.ofSeconds(window), vrrpdOnly, outFile, command));
    }

    /** vrrpd with the footprint case's instances, and only the vrrpctl start-up ratio, once per round. */
    private int runCtlOnly(int rounds, Path outFile, String command) {
        header(command);
        int code = 0;
        try (Lab lab = Lab.create(1)) {
            Node node = lab.node(1);
            List<String> jvmOptions = launcherOptions(Vrrpd.dist().resolve("bin/vrrpctl"));
            BenchDaemon d = BenchDaemon.start(DaemonKind.VRRPD, node, manyInstances(INSTANCES));
            try {
                d.vrrpd().awaitReady(UP_TIMEOUT);
                for (int r = 1; r <= rounds; r++) {
                    report.say("-- round " + r + " of " + rounds + " (load average now: " + BenchReport.loadAverage() + ")");
                    ctlStartup(d.vrrpd(), jvmOptions);
                }
            } finally {
                stop(d);
            }
        } catch (LabException e) {
            report.say("FAILED: " + e.getMessage());
            code = 1;
        }
        return finish(outFile, code);
    }

    private void header(String command) {
        report.say("== vrrpd footprint and start-up benchmark ==");
        report.say("command: " + (command != null ? command
                : ProcessHandle.current().info().commandLine().orElse("FootprintBenchmark")));
        report.say("started: " + Instant.now());
        MachineInfo.describe().forEach(report::say);
        report.say("design: the same keepalived.conf for both daemons: " + INSTANCES + " vrrp_instances,"
                + " state MASTER, no peer, one interface, VRIDs 1.." + INSTANCES + ", one VIP each from 198.51.100.0/24"
                + " and 203.0.113.0/24; the shipped launcher, no extra options; each daemon on its own lab segment, both"
                + " running at the same time. Figures after all " + INSTANCES + " VIPs of both are up plus "
                + SETTLE.toSeconds() + " s.");
    }

    private int run(int rounds, Duration window, boolean vrrpdOnly, Path outFile, String command) {
        header(command);
        report.say("CPU over the same " + window.toSeconds() + " s window for both daemons.");
        int code = 0;
        // Two labs, one node each: both daemons run at the same time on their own segment (the same VRIDs
        // on one segment would elect between them), so CPU and RSS are read over the same window and any
        // other load on the machine falls on both alike.
        try (Lab vLab = Lab.create(1); Lab kLab = Lab.create(1)) {
            String config = manyInstances(INSTANCES);
            List<String> jvmOptions = launcherOptions(Vrrpd.dist().resolve("bin/vrrpctl"));
            for (int r = 1; r <= rounds; r++) {
                report.say("-- round " + r + " of " + rounds + " (load average now: " + BenchReport.loadAverage() + ")");
                BenchDaemon v = BenchDaemon.start(DaemonKind.VRRPD, vLab.node(1), config);
                BenchDaemon k = vrrpdOnly ? null : BenchDaemon.start(DaemonKind.KEEPALIVED, kLab.node(1), config);
                try {
                    awaitVips(v);
                    if (k != null) {
                        awaitVips(k);
                    }
                    Lab.sleep(SETTLE);
                    footprint(v, k, window);
                    if (!vrrpdOnly) {
                        v.vrrpd().awaitReady(UP_TIMEOUT);
                        ctlStartup(v.vrrpd(), jvmOptions);
                        ProcFootprint after = ProcFootprint.of(v.process().treePids());
                        report.say(String.format(Locale.ROOT, "vrrpd RSS after those %d status calls: %.1f MB", CTL_RUNS,
                                after.rssKb() / 1024.0));
                        StringBuilder rss = new StringBuilder();
                        for (int i = CTL_RUNS + 1; i <= CTL_RUNS_LONG; i++) {
                            v.vrrpd().ctl("status", "--json");
                            if (i % 50 == 0) {
                                rss.append(String.format(Locale.ROOT, "%s%d: %.1f MB", rss.isEmpty() ? "" : ", ", i,
                                        ProcFootprint.of(v.process().treePids()).rssKb() / 1024.0));
                            }
                        }
                        report.say("vrrpd RSS after more status calls (a monitoring check's pattern; growth that"
                                + " goes on would be a leak): " + rss);
                    }
                } finally {
                    stop(v);
                    if (k != null) {
                        stop(k);
                    }
                }
            }
            if (vrrpdOnly) {
                return finish(outFile, 0);
            }
            report.say("-- start-up of an address owner (priority 255), "
                    + STARTUP_TRIALS + " trials each, median [min..max] (load average now: " + BenchReport.loadAverage() + ")");
            Startup.measure(vLab.node(1), STARTUP_TRIALS, OWNER_VRID).forEach(report::say);
        } catch (LabException e) {
            report.say("FAILED: " + e.getMessage());
            code = 1;
        }
        return finish(outFile, code);
    }

    private int finish(Path outFile, int code) {
        report.say("finished: " + Instant.now() + " (load average: " + BenchReport.loadAverage() + ")");
        report.write(outFile);
        return code;
    }

    private static void awaitVips(BenchDaemon d) {
        Node node = d.node();
        if (!Lab.waitUntil(UP_TIMEOUT, () -> node.addresses().size() >= INSTANCES + 1)) {
            throw new LabException(d + " did not add its " + INSTANCES + " VIPs within " + UP_TIMEOUT + " (has "
                    + (node.addresses().size() - 1) + ")\n" + d.process().tail());
        }
    }

    /** RSS, threads and CPU of both daemons over one window; {@code k} may be null (vrrpd alone). */
    private void footprint(BenchDaemon v, BenchDaemon k, Duration window) {
        List<Long> vPids = v.process().treePids();
        List<Long> kPids = k == null ? List.of() : k.process().treePids();
        ProcFootprint vBefore = ProcFootprint.of(vPids);
        ProcFootprint kBefore = ProcFootprint.of(kPids);
        long t0 = System.nanoTime();
        Lab.sleep(window);
        ProcFootprint vAfter = ProcFootprint.of(vPids);
        ProcFootprint kAfter = ProcFootprint.of(kPids);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double vCpu = cpu(vBefore, vAfter, seconds);
        double kCpu = cpu(kBefore, kAfter, seconds);
        report.say(line(v, vAfter, vCpu, vPids.size()));
        if (k == null) {
            return;
        }
        report.say(line(k, kAfter, kCpu, kPids.size()));
        report.say(String.format(Locale.ROOT, "acceptance: vrrpd RSS %.1f MB %s 64; threads %d %s 32; CPU %.2f %% %s 1 %% and"
                        + " %s keepalived's %.2f %%", vAfter.rssKb() / 1024.0, vAfter.rssKb() <= 64 * 1024 ? "<=" : "> (FAILS)",
                vAfter.threads(), vAfter.threads() <= 32 ? "<=" : "> (FAILS)", vCpu, vCpu <= 1.0 ? "<=" : "> (FAILS)",
                vCpu <= kCpu ? "<=" : "> (FAILS)", kCpu));
    }

    private static double cpu(ProcFootprint before, ProcFootprint after, double seconds) {
        return 100.0 * (after.cpuTicks() - before.cpuTicks()) / ProcFootprint.TICKS_PER_SECOND / seconds;
    }

    private static String line(BenchDaemon d, ProcFootprint f, double cpu, int processes) {
        return String.format(Locale.ROOT, "%-10s %d instances: RSS %.1f MB, threads %d, CPU %.2f %% of one core"
                + " (processes %d)", d.kind().label(), INSTANCES, f.rssKb() / 1024.0, f.threads(), cpu, processes);
    }

    /** 15 alternating runs of {@code vrrpctl status --json} and a hello world with the launcher's JVM options. */
    private void ctlStartup(Vrrpd vrrpd, List<String> jvmOptions) {
        List<String> hello = new ArrayList<>();
        hello.add(javaBinary());
        hello.addAll(jvmOptions);
        hello.addAll(List.of("-cp", ownJar(), HelloWorld.class.getName()));
        long[] ctl = new long[CTL_RUNS];
        long[] base = new long[CTL_RUNS];
        for (int i = 0; i < CTL_RUNS; i++) {
            long t = System.nanoTime();
            CommandResult r = vrrpd.ctl("status", "--json");
            ctl[i] = System.nanoTime() - t;
            if (r.exitCode() != 0 || !r.stderr().isBlank()) {
                throw new LabException("vrrpctl status --json: exit " + r.exitCode() + ", stderr: " + r.stderr());
            }
            t = System.nanoTime();
            CommandResult h = CommandRunner.run(Duration.ofSeconds(20), hello);
            base[i] = System.nanoTime() - t;
            if (h.exitCode() != 0 || !h.stderr().isBlank()) {
                throw new LabException("hello world: exit " + h.exitCode() + ", stderr: " + h.stderr());
            }
        }
        double c = median(ctl) / 1e6;
        double b = median(base) / 1e6;
        report.say(String.format(Locale.ROOT, "vrrpctl status --json (%d instances): median %.0f ms of %d runs;"
                        + " hello world: median %.0f ms; ratio %.2f (acceptance: <= 2)", INSTANCES, c, CTL_RUNS, b,
                c / b));
        report.say("  hello world JVM options (the launcher's jvm_opts): " + String.join(" ", jvmOptions));
    }

    private static void stop(BenchDaemon d) {
        d.process().kill(Signal.TERM);
        if (d.process().waitFor(Duration.ofSeconds(30)).isEmpty()) {
            d.process().killTree(Signal.KILL);
            d.process().waitFor(Duration.ofSeconds(10));
        }
        Lab.waitUntil(Duration.ofSeconds(10), () -> d.node().addresses().size() <= 1);
    }

    /** The keepalived.conf of the footprint case. */
    static String manyInstances(int count) {
        StringBuilder b = new StringBuilder("global_defs {\n    router_id footprint\n}\n");
        for (int i = 1; i <= count; i++) {
            String vip = i <= 100 ? "198.51.100." + i : "203.0.113." + (i - 100);
            b.append("vrrp_instance VI_").append(i).append(" {\n    state MASTER\n    interface eth0\n")
                    .append("    virtual_router_id ").append(i).append("\n    priority 100\n    advert_int 1\n")
                    .append("    virtual_ipaddress {\n        ").append(vip).append("/32 dev eth0\n    }\n}\n");
        }
        return b.toString();
    }

    /** The words of the {@code jvm_opts="..."} line of a launcher script. */
    static List<String> launcherOptions(Path launcher) {
        try {
            for (String line : Files.readAllLines(launcher)) {
                if (line.startsWith("jvm_opts=\"") && line.endsWith("\"")) {
                    return Arrays.asList(line.substring(10, line.length() - 1).trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot read " + launcher + ": " + e.getMessage(), e);
        }
        throw new LabException(launcher + " has no jvm_opts=\"...\" line");
    }

    /** The java the launchers pick: $JAVA_HOME, else RHEL's versioned runtimes, else java on PATH. */
    static String javaBinary() {
        String home = System.getenv("JAVA_HOME");
        if (home != null && !home.isBlank()) {
            return home + "/bin/java";
        }
        for (String v : List.of("21", "17", "25")) {
            Path candidate = Path.of("/usr/lib/jvm/jre-" + v + "/bin/java");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return "java";
    }

    private static String ownJar() {
        try {
            return Path.of(HelloWorld.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new LabException("cannot locate the test-lab jar: " + e.getMessage(), e);
        }
    }

    static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    /** The environment that points vrrpd's sd_notify at a listener. */
    static Map<String, String> notifyEnv(Path socket) {
        return Map.of("NOTIFY_SOCKET", socket.toString());
    }
}
