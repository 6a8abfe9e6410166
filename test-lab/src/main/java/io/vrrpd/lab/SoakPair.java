package io.vrrpd.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One side of the soak ({@link SoakBenchmark}): the seed's database pair of one daemon kind on nodes 1
 * (MASTER, priority 101) and 2 (BACKUP, 100) of a lab, node 3 capturing VRRP, and what is sampled while the
 * load runs: each daemon's RSS and CPU, and whether the VIP sits on the master alone.
 */
final class SoakPair {

    private static final String INSTANCE = "VI_1";

    private final DaemonKind kind;
    private final Lab lab;
    private final Capture capture;
    private final LabProcess master;
    private final LabProcess backup;
    private final Path masterGcLog;
    private final Path backupGcLog;
    private final Keepalived keepalivedMaster;
    private final Vrrpd vrrpdMaster;
    private final Keepalived keepalivedBackup;
    private final List<SoakSample> samples = new ArrayList<>();
    private long masterPid;
    private long backupPid;
    private int masterPausesBefore;
    private int backupPausesBefore;
    private long takeoversBefore;

    private SoakPair(DaemonKind kind, Lab lab, Capture capture, Vrrpd vm, Vrrpd vb, Keepalived km, Keepalived kb,
                     Path masterGcLog, Path backupGcLog) {
        this.kind = kind;
        this.lab = lab;
        this.capture = capture;
        this.vrrpdMaster = vm;
        this.keepalivedMaster = km;
        this.keepalivedBackup = kb;
        this.master = vm != null ? vm.process() : km.process();
        this.backup = vb != null ? vb.process() : kb.process();
        this.masterGcLog = masterGcLog;
        this.backupGcLog = backupGcLog;
    }

    /** vrrpd from the built distribution on both nodes, each JVM logging its collections. */
    static SoakPair vrrpd(Lab lab) {
        Capture capture = Capture.start(lab.node(3), "soak");
        Path mGc = lab.dir().resolve(lab.node(1).name() + "-gc.log");
        Path bGc = lab.dir().resolve(lab.node(2).name() + "-gc.log");
        Vrrpd m = Vrrpd.start(lab.node(1), Vrrpd.Launch.dist().withEnv(SoakBenchmark.gcLogEnv(mGc)),
                "keepalived.conf", Keepalived.seedDatabaseConfig("MASTER", 101));
        Vrrpd b = Vrrpd.start(lab.node(2), Vrrpd.Launch.dist().withEnv(SoakBenchmark.gcLogEnv(bGc)),
                "keepalived.conf", Keepalived.seedDatabaseConfig("BACKUP", 100));
        return new SoakPair(DaemonKind.VRRPD, lab, capture, m, b, null, null, mGc, bGc);
    }

    /** keepalived 2.2.7 on both nodes. */
    static SoakPair keepalived(Lab lab) {
        Capture capture = Capture.start(lab.node(3), "soak");
        Keepalived m = Keepalived.start(lab.node(1), Keepalived.seedDatabaseConfig("MASTER", 101));
        Keepalived b = Keepalived.start(lab.node(2), Keepalived.seedDatabaseConfig("BACKUP", 100));
        return new SoakPair(DaemonKind.KEEPALIVED, lab, capture, null, null, m, b, null, null);
    }

    /** Waits for the master to take the VIP and the backup to settle, and picks the processes to watch. */
    void awaitSteady(Duration timeout) {
        if (kind == DaemonKind.VRRPD) {
            vrrpdMaster.awaitState(INSTANCE, "MASTER", timeout);
            masterPid = master.pid();
            backupPid = backup.pid();
        } else {
            keepalivedMaster.awaitState(INSTANCE, "MASTER", timeout);
            // keepalived's VRRP work happens in its child; the parent only supervises.
            masterPid = child(keepalivedMaster);
            backupPid = child(keepalivedBackup);
        }
        if (!Lab.waitUntil(timeout, this::vipOnMasterOnly)) {
            throw new LabException(kind.label() + ": the VIP is not on the master alone after " + timeout);
        }
    }

    private static long child(Keepalived k) {
        OptionalLong pid = k.vrrpChildPid();
        if (pid.isEmpty()) {
            throw new LabException(k + " wrote no VRRP child pid");
        }
        return pid.getAsLong();
    }

    /** The master's event loop policy as its status gives it (vrrpd only). */
    String loopScheduling() {
        return vrrpdMaster == null ? "n/a" : vrrpdMaster.status().path("daemon").path("loop_scheduling").asText("?");
    }

    boolean vipOnMasterOnly() {
        return lab.node(1).hasAddress(Keepalived.SEED_VIP) && !lab.node(2).hasAddress(Keepalived.SEED_VIP);
    }

    /** Notes the collections logged so far (start-up), so that only those under load are reported. */
    void markLoadStart() {
        masterPausesBefore = masterGcLog == null ? 0 : GcPauses.read(masterGcLog).millis().size();
        backupPausesBefore = backupGcLog == null ? 0 : GcPauses.read(backupGcLog).millis().size();
        // A start-up race (seen with keepalived: its backup claimed for a moment before it heard the master)
        // is no false failover under load.
        takeoversBefore = backupTakeovers();
    }

    /** The backup's transitions to MASTER in its log so far. */
    private long backupTakeovers() {
        Pattern takeover = kind == DaemonKind.VRRPD ? Pattern.compile("\\(" + INSTANCE + "\\) \\w+ -> MASTER")
                : Pattern.compile("\\(" + INSTANCE + "\\) Entering MASTER STATE");
        return backup.logText().lines().filter(l -> takeover.matcher(l).find()).count();
    }

    void sample(Duration at) {
        ProcFootprint m = ProcFootprint.of(List.of(masterPid));
        ProcFootprint b = ProcFootprint.of(List.of(backupPid));
        samples.add(new SoakSample(at, m.rssKb(), b.rssKb(), m.cpuTicks(), b.cpuTicks(), vipOnMasterOnly()));
    }

    long lastRssKb() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).masterRssKb();
    }

    /** Stops the capture and gathers what the soak saw between {@code from} and {@code to}. */
    SoakResult finish(Instant from, Instant to, Duration advertInt) {
        capture.stop();
        List<VrrpAdvert> adverts = capture.vrrpAdverts();
        String masterIp = lab.node(1).address();
        String backupIp = lab.node(2).address();
        AdvertJitter.Window loaded = new AdvertJitter.Window(from, to);
        List<AdvertJitter.Window> spans = AdvertJitter.stableSpans(adverts, masterIp, List.of(loaded));
        List<Duration> intervals = spans.stream().map(s -> Duration.between(s.from(), s.to())).toList();
        long backupAdverts = adverts.stream()
                .filter(a -> a.source().equals(backupIp) && loaded.contains(a.time())).count();
        long backupTakeovers = backupTakeovers() - takeoversBefore;
        return new SoakResult(kind, AdvertJitter.of(intervals, advertInt), spans, backupAdverts,
                backupTakeovers, List.copyOf(samples),
                masterGcLog == null ? GcPauses.NONE : GcPauses.read(masterGcLog).after(masterPausesBefore),
                backupGcLog == null ? GcPauses.NONE : GcPauses.read(backupGcLog).after(backupPausesBefore),
                Duration.between(from, to));
    }
}
