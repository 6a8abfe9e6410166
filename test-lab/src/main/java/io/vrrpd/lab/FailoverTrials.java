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
 */
public final class FailoverTrials {

    private static final String INSTANCE = "VI_1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(12);
    private static final Duration MEASURE_TIMEOUT = Duration.ofSeconds(6);
    /** After re-convergence: a few adverts so the backup's master-down timer runs from a steady master. */
    private static final Duration SETTLE = Duration.ofMillis(1000);

    private final BenchCase benchCase;
    private final Consumer<String> out;
    private Duration lastRecovery = Duration.ZERO;

    /**
     * @param benchCase what to run
     * @param out       where progress lines go
     */
    public FailoverTrials(BenchCase benchCase, Consumer<String> out) {
        this.benchCase = benchCase;
        this.out = out;
    }

    /**
     * @param trials how many failovers
     * @return the measurements and the reasons of trials that could not be measured
     */
    public Outcome run(int trials) {
        List<FailoverMeasurement> measured = new ArrayList<>();
        List<String> failures = new ArrayList<>();
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
        }
        return new Outcome(benchCase, measured, failures);
    }

    private FailoverMeasurement trial(Node n1, Node n2, BenchDaemon master, Capture capture,
                                      AddressMonitor monitor, String backupMac) {
        Instant signalled = Instant.now();
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
        awaitMasterBack(n1, n2);
        lastRecovery = Duration.ofNanos(System.nanoTime() - restartAt);
        return result.measurement().orElseThrow();
    }

    private static void awaitMasterBack(Node n1, Node n2) {
        if (!Lab.waitUntil(START_TIMEOUT, () -> !n2.hasAddress(Keepalived.SEED_VIP)
                && n1.hasAddress(Keepalived.SEED_VIP))) {
            throw new LabException("node 1 did not take the VIP back within " + START_TIMEOUT.toSeconds() + " s");
        }
        Lab.sleep(SETTLE);
    }

    private static boolean recover(Node n1, Node n2, BenchDaemon master) {
        try {
            if (!master.process().isAlive()) {
                master.restart();
            }
            awaitMasterBack(n1, n2);
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
     */
    public record Outcome(BenchCase benchCase, List<FailoverMeasurement> measured, List<String> failures) {

        /** Copies the lists. */
        public Outcome {
            measured = List.copyOf(measured);
            failures = List.copyOf(failures);
        }
    }
}
