package io.vrrpd.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One hard-failover trial of a PostgreSQL pair in a fresh lab: set up the pair, start the daemons (node 1
 * master), start the both-writable probe and the writer (through the VIP), crash node 1
 * ({@link PostgresHa#crash}), wait until commits resume through the VIP or {@link #RESUME_WAIT} passes, then
 * count the acknowledged rows the surviving server (node 2) lacks.
 */
public final class PgFailoverTrial {

    /** How long commits may take to resume before the trial counts them as never resumed. */
    public static final Duration RESUME_WAIT = Duration.ofSeconds(30);
    /** Commits acknowledged after the crash that count as "writes resumed". */
    private static final int RESUMED_ACKS = 20;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * A trial's arm: the daemon, the replication mode, and the VRRP timing (the seed's v2 at 1 s, or v3 at
     * 100 ms adverts as docs/fast-failover.md configures it; v3 trials also measure where the time goes).
     */
    public record Arm(PostgresHa.Kind kind, boolean synchronous, boolean v3) {
        /** The seed's VRRPv2 at 1 s. */
        public Arm(PostgresHa.Kind kind, boolean synchronous) {
            this(kind, synchronous, false);
        }

        /** @return e.g. {@code vrrpd synchronous} or {@code vrrpd synchronous v3/100ms} */
        public String label() {
            return (kind == PostgresHa.Kind.VRRPD ? "vrrpd" : "naive keepalived") + " "
                    + (synchronous ? "synchronous" : "asynchronous") + (v3 ? " v3/100ms" : "");
        }
    }

    /**
     * What one trial measured.
     *
     * @param outage        last acknowledged commit before the crash to the first after it; empty when commits
     *                      never resumed within {@link #RESUME_WAIT}
     * @param acknowledged  commits acknowledged in the whole trial
     * @param lost          acknowledged rows missing on node 2 afterwards
     * @param samples       probe samples taken
     * @param bothWritable  probe samples in which both servers accepted a write
     * @param breakdown     where the outage went (v3 arms only)
     */
    public record Result(Optional<Duration> outage, int acknowledged, int lost, int samples, int bothWritable,
            Optional<PgFailoverBreakdown> breakdown) {
    }

    private PgFailoverTrial() {
    }

    /**
     * Runs one trial in its own lab (closed at the end, kept if the trial failed).
     *
     * @param arm the set-up
     * @param log progress lines
     * @return the measurement
     */
    public static Result run(Arm arm, Consumer<String> log) {
        Lab lab = Lab.create();
        try {
            PostgresHa ha = PostgresHa.create(lab, arm.kind(), arm.synchronous(), arm.v3());
            ha.startBoth(START_TIMEOUT);
            WritableProbe probe = ha.pair().startProbe("probe");
            RowWriter writer = ha.pair().startWriter("writer");
            probe.awaitWritableSample(START_TIMEOUT);
            writer.awaitMoreAcks(300, START_TIMEOUT);
            // The breakdown's sources: node 2's capture (adverts of both nodes) and its address events.
            Capture capture = arm.v3() ? Capture.start(ha.node(2), "capture") : null;
            AddressMonitor addresses = arm.v3() ? AddressMonitor.start(ha.node(2), "addrmon") : null;
            if (arm.v3()) {
                // The v3 trials hold a moment so the capture has node 1's adverts before the crash.
                Lab.sleep(Duration.ofMillis(500));
            }
            Instant crash = ha.crash(1);
            int atCrash = writer.log().acknowledged();
            Lab.waitUntil(RESUME_WAIT, () -> writer.log().acknowledged() >= atCrash + RESUMED_ACKS);
            // A little more writing on the new primary, then the final logs.
            Lab.sleep(Duration.ofSeconds(1));
            WriteLog writes = writer.stop();
            ProbeLog samples = probe.stop();
            int lost = writes.missingFrom(RowWriter.rowsOn(ha.pair().server(2))).size();
            Optional<WriteLog.Outage> around = writes.outageAround(crash);
            Optional<Duration> outage = around.map(WriteLog.Outage::duration);
            Optional<PgFailoverBreakdown> breakdown = Optional.empty();
            if (arm.v3()) {
                capture.stop();
                breakdown = Optional.of(PgFailoverBreakdown.of(new AdvertTrace(capture.vrrpAdverts()),
                        ha.node(1).address(), ha.node(2).address(), ha.vrrpd(2).status(),
                        addresses.firstAdded(ReplicatedPair.VIP, crash.minusSeconds(1)),
                        writer.process().logText(), crash, around.map(o -> o.firstAfter().at())));
            }
            Result r = new Result(outage, writes.acknowledged(), lost, samples.samples().size(),
                    samples.bothWritable().size(), breakdown);
            log.accept("  " + arm.label() + ": outage " + outage.map(GapStats::seconds).orElse("none (no commit resumed"
                    + " within " + RESUME_WAIT.toSeconds() + " s)") + ", lost " + lost + " of "
                    + writes.acknowledged() + " acknowledged, both writable in " + r.bothWritable() + " of "
                    + r.samples() + " probe samples");
            if (breakdown.isPresent() && around.isPresent()) {
                log.accept("    " + breakdown.get().format(around.get().lastBefore().at()));
                log.accept("    n2 vrrpd log after the crash:");
                PgFailoverBreakdown.logLinesFrom(ha.vrrpd(2).process().logText(), crash.minusMillis(200), 12)
                        .forEach(l -> log.accept("      " + l));
            }
            return r;
        } catch (RuntimeException | Error e) {
            lab.markFailed();
            throw e;
        } finally {
            lab.close();
        }
    }
}
