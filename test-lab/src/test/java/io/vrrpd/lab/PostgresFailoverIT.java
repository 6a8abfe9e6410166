package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 7's acceptance lines with real PostgreSQL 15 and vrrpd running the postgres hook (synchronous
 * replication, the contract's keys; {@link PostgresHa#vrrpdYaml}), on one pair for the whole class to keep
 * CI time down: the scenarios follow each other as in an operator's day, while one writer commits numbered
 * rows through the VIP and one probe asks both servers every 50 ms whether they accept a write.
 * <ol>
 *   <li>hard failover of node 1 (vrrpd SIGKILLed, pg_ctl stop -m immediate, cable cut);</li>
 *   <li>node 1 comes back (cable, vrrpd, PostgreSQL left stopped): rewound, streaming, never the VIP;</li>
 *   <li>vrrpctl failover on node 2: the VIP moves back, node 2 streams from node 1.</li>
 * </ol>
 * Split-brain refusal has its own pair ({@link PostgresSplitBrainIT}), so one failure never hides the other.
 * Each step needs the previous one's end state; after a failed step the later ones are skipped (assumption).
 * The probe's verdict (never two writable servers) is checked after each step.
 */
@LabTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresFailoverIT {

    /** RFC 3768 §6.1 Master_Down_Interval of the priority-100 standby: 3 s + 156/256 s. */
    static final Duration MASTER_DOWN_100 = Duration.ofMillis(3609);
    /** The acceptance line: write outage at most Master_Down_Interval + 2 s. */
    static final Duration OUTAGE_LIMIT = MASTER_DOWN_100.plusSeconds(2);
    static final Duration REJOIN_LIMIT = Duration.ofSeconds(60);
    static final Duration START = Duration.ofSeconds(60);

    private Lab lab;
    private PostgresHa ha;
    private RowWriter writer;
    private WritableProbe probe;
    private boolean broken;

    @BeforeAll
    void setUp() {
        assumeTrue(PostgresInstall.missing().isEmpty(), () -> PostgresInstall.missing().orElse(""));
        lab = Lab.create();
        try {
            ha = PostgresHa.create(lab, PostgresHa.Kind.VRRPD, true);
            ha.startBoth(START);
            probe = ha.pair().startProbe("probe");
            writer = ha.pair().startWriter("writer");
            probe.awaitWritableSample(START);
            writer.awaitMoreAcks(200, START);
            // synchronous: on: the hook requires the streaming standby on the primary.
            assertTrue(Lab.waitUntil(Duration.ofSeconds(30), () -> !ha.pair().server(1)
                    .psql("SHOW synchronous_standby_names").stdout().strip().isEmpty()),
                    "synchronous: on, but node 1 never required its streaming standby");
        } catch (RuntimeException | Error e) {
            lab.markFailed();
            lab.close();
            throw e;
        }
    }

    @AfterAll
    void tearDown() {
        if (lab != null) {
            if (broken) {
                lab.markFailed();
            }
            lab.close();
        }
    }

    private void step(Runnable body) {
        assumeTrue(!broken, "an earlier scenario failed; this one needs its end state");
        try {
            body.run();
            List<ProbeLog.Sample> both = probe.log().bothWritable();
            assertTrue(both.isEmpty(), "two servers accepted writes in " + both.size() + " probe samples, first "
                    + both.stream().findFirst().map(ProbeLog.Sample::toString).orElse(""));
        } catch (RuntimeException | Error e) {
            broken = true;
            System.err.println("node 1 vrrpd:\n" + ha.daemonLog(1) + "\nnode 2 vrrpd:\n" + ha.daemonLog(2));
            throw e;
        }
    }

    @Test
    @Order(1)
    void hardFailoverPromotesTheStandbyWithinMasterDownPlusTwoSecondsAndLosesNothing() {
        step(() -> {
            writer.awaitMoreAcks(100, Duration.ofSeconds(10));
            Instant down = ha.crash(1);
            assertTrue(Lab.waitUntil(Duration.ofSeconds(20), () -> ha.node(2).hasAddress(ReplicatedPair.VIP)),
                    "node 2 never took the VIP");
            writer.awaitMoreAcks(100, Duration.ofSeconds(20));
            WriteLog log = writer.log();
            WriteLog.Outage outage = log.outageAround(down).orElseThrow(() -> new AssertionError("no outage"));
            System.out.println("hard failover (synchronous): write outage " + GapStats.seconds(outage.duration())
                    + " s (ack " + outage.lastBefore().id() + " -> " + outage.firstAfter().id() + ")");
            assertTrue(outage.duration().compareTo(OUTAGE_LIMIT) <= 0, "write outage "
                    + GapStats.seconds(outage.duration()) + " s > " + GapStats.seconds(OUTAGE_LIMIT) + " s");
            List<Long> lost = log.missingFrom(RowWriter.rowsOn(ha.pair().server(2)));
            assertEquals(List.of(), lost, lost.size() + " acknowledged rows missing on node 2");
            assertTrue(ha.pair().server(2).isPrimary(), "node 2's server is not primary");
        });
    }

    @Test
    @Order(2)
    void returningOldPrimaryRewindsAndStreamsWithin60sAndNeverTakesTheVip() {
        step(() -> {
            Node n1 = ha.node(1);
            ha.revive(1);
            ha.start(1);
            long start = System.nanoTime();
            long deadline = start + REJOIN_LIMIT.toNanos();
            boolean streaming = false;
            while (System.nanoTime() < deadline && !streaming) {
                assertFalse(n1.hasAddress(ReplicatedPair.VIP), "the VIP appeared on the returning node 1");
                streaming = ha.pair().server(1).streamingFrom().filter(ha.node(2).address()::equals).isPresent();
                Lab.sleep(Duration.ofMillis(100));
            }
            assertTrue(streaming, "node 1 does not stream from node 2 within " + REJOIN_LIMIT.toSeconds()
                    + " s; its server log:\n" + ha.pair().server(1).logTail());
            System.out.println("old primary rejoined and streams after "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
            // No automatic failback once it is healthy either: several master-down intervals.
            long hold = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < hold) {
                assertFalse(n1.hasAddress(ReplicatedPair.VIP), "node 1 took the VIP back after rejoining");
                Lab.sleep(Duration.ofMillis(100));
            }
            assertTrue(ha.node(2).hasAddress(ReplicatedPair.VIP), "node 2 lost the VIP");
            writer.awaitMoreAcks(100, Duration.ofSeconds(10));
        });
    }

    @Test
    @Order(3)
    void plannedFailoverMovesTheVipBackWithoutLosingARow() {
        step(() -> {
            writer.awaitMoreAcks(100, Duration.ofSeconds(10));
            Instant before = Instant.now();
            CommandResult r = ha.vrrpd(2).ctl("failover", PostgresHa.INSTANCE);
            assertEquals(0, r.exitCode(), "vrrpctl failover on node 2: " + r.stdout() + r.stderr());
            assertTrue(Lab.waitUntil(Duration.ofSeconds(20), () -> ha.node(1).hasAddress(ReplicatedPair.VIP)),
                    "the VIP never reached node 1");
            writer.awaitMoreAcks(100, Duration.ofSeconds(20));
            assertFalse(ha.node(2).hasAddress(ReplicatedPair.VIP), "node 2 kept the VIP");
            WriteLog log = writer.log();
            Duration outage = log.longestGapAfter(before).map(WriteLog.Outage::duration).orElseThrow();
            System.out.println("planned failover (vrrpctl failover): write outage " + GapStats.seconds(outage) + " s");
            assertTrue(ha.pair().server(1).isPrimary(), "node 1's server is not primary");
            ha.pair().awaitStreaming(ha.pair().server(2), ha.pair().server(1), REJOIN_LIMIT);
            // The log first, then the rows: every id acknowledged in it was committed before the read.
            WriteLog sofar = writer.log();
            List<Long> lost = sofar.missingFrom(RowWriter.rowsOn(ha.pair().server(1)));
            System.out.println("whole run: " + sofar.acknowledged() + " acknowledged commits, "
                    + sofar.errors() + " failed, " + lost.size() + " lost; probe " + probe.log().summary());
            assertEquals(List.of(), lost, lost.size() + " acknowledged rows missing on node 1");
        });
    }
}
