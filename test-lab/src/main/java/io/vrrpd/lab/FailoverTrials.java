package io.vrrpd.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the trials of one {@link BenchCase} in a fresh two-node lab: node 1 runs the seed's db-primary.conf
 * (priority 101), node 2 db-standby.conf (priority 100), both the case's daemon. Node 2 captures its wire
 * and watches its addresses for the whole run. Each trial stops the master, waits until node 2 has the VIP
 * and its first gratuitous ARP is on the wire, measures, then starts node 1 again and waits until it has
 * taken the VIP back (node 2 dropped it) and the pair has settled.
 *
 * <p>Advert timing: before the first trial the pair runs untouched for {@link #STABLE_WINDOW} (and, with
 * load, that long again while busy loops run in node 1's namespace); from node 1's re-convergence to the
 * next signal it is stable as well. The master's advert intervals in those windows are kept for
 * {@link AdvertJitter}, the loaded ones apart.
 */
public final class FailoverTrials {

    private static final String INSTANCE = "VI_1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(12);
    private static final Duration MEASURE_TIMEOUT = Duration.ofSeconds(6);
    /** After re-convergence: a few adverts so the backup's master-down timer runs from a steady master. */
    private static final Duration SETTLE = Duration.ofMillis(1000);
    /** The untouched period before the first trial: about 15 advert intervals at advert_int 1 s. */
    static final Duration STABLE_WINDOW = Duration.ofSeconds(15);
    /** One busy loop per core of the 2-core lab machine. */
    private static final int BURN_LOOPS = 2;

    private final BenchCase benchCase;
    private final Consumer<String> out;
    private final boolean load;
    private Duration lastRecovery = Duration.ZERO;
    private final List<AdvertJitter.Window> stable = new ArrayList<>();
    private final List<AdvertJitter.Window> loaded = new ArrayList<>();
    private Instant stableSince;

    /**
     * @param benchCase what to run
     * @param out       where progress lines go
     * @param load      also measure advert timing while busy loops load the CPU
     */
    public FailoverTrials(BenchCase benchCase, Consumer<String> out, boolean load) {
        this.benchCase = benchCase;
        this.out = out;
        this.load = load;
    }

    /**
     * @param trials how many failovers
     * @return the measurements and the reasons of trials that could not be measured
     */
    public Outcome run(int trials) {
        List<FailoverMeasurement> measured = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<Duration> stableIntervals = List.of();
        List<Duration> loadedIntervals = List.of();
        long setupAt = System.nanoTime();
        try (Lab lab = Lab.create(2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Capture capture = Capture.start(n2, "capture");
            AddressMonitor monitor = AddressMonitor.start(n2, "addrmon");
            BenchDaemon master = BenchDaemon.start(benchCase.kind(), n1, SeedConfig.databasePrimary());
            master.awaitState(INSTANCE, "MASTER", START_TIMEOUT);
            BenchDaemon backup = BenchDaemon.start(benchCase.kind(), n2, SeedConfig.databaseStandby());
            backup.awaitState(INSTANCE, "BACKUP", START_TIMEOUT);
            Lab.sleep(SETTLE);
            out.accept("lab ready in " + Duration.ofNanos(System.nanoTime() - setupAt).toMillis() / 100 / 10.0
                    + " s");
            stableWindows(n1);
            String backupMac = n2.mac();
            for (int i = 1; i <= trials; i++) {
                String tag = benchCase.label() + " #" + i + ": ";
                try {
                    FailoverMeasurement m = trial(n1, n2, master, capture, monitor, backupMac);
                    measured.add(m);
                    out.accept(tag + "advert gap " + GapStats.seconds(m.advertGap()) + " s, VIP +"
                            + GapStats.seconds(m.vipGap()) + " s, GARP +" + GapStats.seconds(m.garpGap())
                            + " s (signal to VIP " + GapStats.seconds(m.signalToVip()) + " s; master back after "
                            + lastRecovery.toMillis() / 100 / 10.0 + " s)");
                } catch (LabException e) {
                    failures.add("#" + i + ": " + firstLine(e.getMessage()));
                    out.accept(tag + "not measured: " + firstLine(e.getMessage()));
                    if (!recover(n1, n2, master)) {
                        failures.add("gave up after #" + i + ": the pair did not re-converge");
                        lab.markFailed();
                        break;
                    }
                }
            }
            capture.stop();
            try {
                List<VrrpAdvert> adverts = capture.vrrpAdverts();
                stableIntervals = AdvertJitter.stableIntervals(adverts, n1.address(), stable);
                loadedIntervals = AdvertJitter.stableIntervals(adverts, n1.address(), loaded);
                out.accept("advert intervals of the steady master: " + stableIntervals.size() + " stable"
                        + (load ? ", " + loadedIntervals.size() + " under load" : ""));
            } catch (LabException e) {
                out.accept("advert timing not measured: " + firstLine(e.getMessage()));
            }
        }
        return new Outcome(benchCase, measured, failures, stableIntervals, loadedIntervals);
    }

    /** The untouched windows before the first trial: idle, then (with load) under busy loops. */
    private void stableWindows(Node n1) {
        Instant from = Instant.now();
        Lab.sleep(STABLE_WINDOW);
        stable.add(new AdvertJitter.Window(from, Instant.now()));
        if (load) {
            // The limit is a backstop only: stop() ends the loops when the window closes.
            try (CpuBurner burner = CpuBurner.start(n1, BURN_LOOPS, STABLE_WINDOW.plusSeconds(10))) {
                Instant loadedFrom = Instant.now();
                Lab.sleep(STABLE_WINDOW);
                loaded.add(new AdvertJitter.Window(loadedFrom, Instant.now()));
                Duration elapsed = burner.elapsed();
                Duration cpu = burner.stop();
                out.accept("load: " + BURN_LOOPS + " busy loops in " + n1.name() + " used "
                        + cpu.toMillis() / 100 / 10.0 + " s CPU in " + elapsed.toMillis() / 100 / 10.0 + " s");
            }
        }
        stableSince = Instant.now();
    }

    private FailoverMeasurement trial(Node n1, Node n2, BenchDaemon master, Capture capture,
                                      AddressMonitor monitor, String backupMac) {
        Instant signalled = Instant.now();
        if (stableSince != null) {
            stable.add(new AdvertJitter.Window(stableSince, signalled));
            stableSince = null;
        }
        if (benchCase.hard()) {
            master.process().killTree(Signal.KILL);
        } else {
            master.process().kill(Signal.TERM);
        }
        if (!Lab.waitUntil(TAKEOVER_TIMEOUT, () -> n2.hasAddress(Keepalived.SEED_VIP))) {
            throw new LabException("node 2 did not bind " + Keepalived.SEED_VIP + " within "
                    + TAKEOVER_TIMEOUT.toSeconds() + " s");
        }
        FailoverTimeline.Result result = null;
        long deadline = System.nanoTime() + MEASURE_TIMEOUT.toNanos();
        do {
            // The first gratuitous ARP follows the VIP within milliseconds; tshark then needs it flushed.
            Lab.sleep(Duration.ofMillis(400));
            result = FailoverTimeline.measure(capture.vrrpAdverts(), capture.arpFrames(), monitor.events(),
                    signalled, benchCase.signal(), n1.address(), n2.address(), backupMac, Keepalived.SEED_VIP);
        } while (!result.complete() && System.nanoTime() - deadline < 0);
        if (!result.complete()) {
            throw new LabException(result.problem());
        }
        long restartAt = System.nanoTime();
        master.restart();
        stableSince = awaitMasterBack(n1, n2);
        lastRecovery = Duration.ofNanos(System.nanoTime() - restartAt);
        return result.measurement().orElseThrow();
    }

    /** @return when the pair was seen converged again (the settle time after it is stable) */
    private static Instant awaitMasterBack(Node n1, Node n2) {
        if (!Lab.waitUntil(START_TIMEOUT, () -> !n2.hasAddress(Keepalived.SEED_VIP)
                && n1.hasAddress(Keepalived.SEED_VIP))) {
            throw new LabException("node 1 did not take the VIP back within " + START_TIMEOUT.toSeconds() + " s");
        }
        Instant converged = Instant.now();
        Lab.sleep(SETTLE);
        return converged;
    }

    private boolean recover(Node n1, Node n2, BenchDaemon master) {
        try {
            if (!master.process().isAlive()) {
                master.restart();
            }
            stableSince = awaitMasterBack(n1, n2);
            return true;
        } catch (LabException e) {
            return false;
        }
    }

    private static String firstLine(String s) {
        String text = s == null ? "unknown error" : s;
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /**
     * What one case produced.
     *
     * @param benchCase the case
     * @param measured  one entry per measured trial
     * @param failures  one line per trial that could not be measured
     * @param stableIntervals the steady master's advert intervals while the pair was stable and unloaded
     * @param loadedIntervals the same while busy loops ran (empty without load)
     */
    public record Outcome(BenchCase benchCase, List<FailoverMeasurement> measured, List<String> failures,
                          List<Duration> stableIntervals, List<Duration> loadedIntervals) {

        /** Copies the lists. */
        public Outcome {
            measured = List.copyOf(measured);
            failures = List.copyOf(failures);
            stableIntervals = List.copyOf(stableIntervals);
            loadedIntervals = List.copyOf(loadedIntervals);
        }
    }
}
