package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vrrpd.election.State;
import io.vrrpd.hooks.Health;
import io.vrrpd.hooks.HealthCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed pair (101 / 100) with keepalived tracking on an in-memory segment: real track scripts
 * ({@code /usr/bin/test}) and track files decide, the election follows in simulated time.
 */
class TrackingOnSegmentTest {
    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();
    @TempDir
    Path dir;
    private Path flag;

    @BeforeEach
    void setUp() {
        flag = dir.resolve("fail-check");
    }

    /** The primary with a vrrp_script that fails while {@link #flag} exists. */
    private String primaryTracking(String weight, String extraScriptLines) {
        String script = "vrrp_script chk {\nscript \"/usr/bin/test ! -e " + flag + "\"\ninterval 1\n"
                + (weight == null ? "" : "weight " + weight + "\n") + extraScriptLines + "}\n";
        return script + SeedConfigs.withInInstance(SeedConfigs.primary(), "track_script {\nchk\n}");
    }

    /** Moves simulated time while real time passes for the scripts, until {@code done}. */
    private void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 20 s: " + what + " (node 1 group changes: "
                        + cluster.nodes().get(0).groupTransitions() + ")");
            }
            cluster.run(Duration.ofMillis(100));
            Thread.sleep(10);
        }
    }

    @Test
    void failingScriptWithWeightMinus10MovesTheVipToTheBackupAndBack() throws Exception {
        SimCluster.Node n1 = cluster.node(1, primaryTracking("-10", "")).start();
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();
        await(() -> n1.state("VI_1") == State.MASTER && n2.state("VI_1") == State.BACKUP, "n1 master");
        await(() -> n1.status("VI_1").path("tracked").path(0).path("state").asText().equals("good"), "script ran");
        assertEquals(101, n1.status("VI_1").path("effective_priority").asInt());

        Files.createFile(flag);
        await(() -> n2.state("VI_1") == State.MASTER, "backup takes over");
        JsonNode s = n1.status("VI_1");
        assertEquals("BACKUP", s.path("state").asText());
        assertEquals(101, s.path("priority").asInt());
        assertEquals(91, s.path("effective_priority").asInt());
        JsonNode item = s.path("tracked").path(0);
        assertEquals("vrrp_script", item.path("kind").asText());
        assertEquals("chk", item.path("name").asText());
        assertEquals("bad", item.path("state").asText());
        assertEquals(-10, item.path("weight").asInt());
        assertEquals(-10, item.path("priority_change").asInt());
        assertTrue(n2.host().has(SeedConfigs.VIP));

        Files.delete(flag);
        await(() -> n1.state("VI_1") == State.MASTER && n2.state("VI_1") == State.BACKUP, "primary preempts back");
        assertEquals(101, n1.status("VI_1").path("effective_priority").asInt());
        assertTrue(n1.host().has(SeedConfigs.VIP));
    }

    @Test
    void failingScriptWithWeight0SendsTheMasterToFaultAndRecovers() throws Exception {
        SimCluster.Node n1 = cluster.node(1, primaryTracking(null, "")).start();
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();
        await(() -> n1.state("VI_1") == State.MASTER, "n1 master");
        Files.createFile(flag);
        await(() -> n1.state("VI_1") == State.FAULT, "fault");
        await(() -> n2.state("VI_1") == State.MASTER, "backup takes over");
        JsonNode s = n1.status("VI_1");
        assertEquals(101, s.path("effective_priority").asInt(), "weight 0 never moves the priority");
        assertTrue(s.path("faults").path(0).asText().startsWith("vrrp_script chk: failed (exited with status 1)"),
                s.path("faults").toString());
        Files.delete(flag);
        await(() -> n1.state("VI_1") == State.MASTER && n2.state("VI_1") == State.BACKUP, "recovered");
        assertEquals(0, n1.status("VI_1").path("faults").size());
    }

    @Test
    void fallAndRiseCountRunsBeforeActing() throws Exception {
        SimCluster.Node n1 = cluster.node(1, primaryTracking("-10", "fall 3\nrise 2\n")).start();
        await(() -> n1.status("VI_1").path("tracked").path(0).path("result").asInt() == 4, "counter at the top");
        Files.createFile(flag);
        await(() -> n1.status("VI_1").path("tracked").path(0).path("result").asInt() == 3, "one failure counted");
        assertEquals(101, n1.status("VI_1").path("effective_priority").asInt(), "fall 3: one failure is not enough");
        await(() -> n1.status("VI_1").path("effective_priority").asInt() == 91, "third failure");
        assertEquals(0, n1.status("VI_1").path("tracked").path(0).path("result").asInt());
    }

    @Test
    void trackFileValueTimesWeightMovesThePriorityAndMinus254IsAFault() throws Exception {
        Path file = dir.resolve("prio");
        Files.writeString(file, "2\n");
        String conf = "vrrp_track_file prio {\nfile " + file + "\nweight -5\n}\n"
                + SeedConfigs.withInInstance(SeedConfigs.primary(), "track_file {\nprio\n}");
        SimCluster.Node n1 = cluster.node(1, conf).start();
        await(() -> n1.status("VI_1").path("effective_priority").asInt() == 91, "2 x -5");
        Files.writeString(file, "0x40\n");
        await(() -> n1.state("VI_1") == State.FAULT, "64 x -5 <= -254 means FAULT");
        Files.writeString(file, "0\n");
        await(() -> n1.state("VI_1") != State.FAULT
                && n1.status("VI_1").path("effective_priority").asInt() == 101, "back");
    }

    @Test
    void hookHealthCheckUnfitIsAFaultAndNoPreemptYieldsToALiveMaster() throws Exception {
        AtomicReference<Health> verdict = new AtomicReference<>(Health.ready("ok"));
        HealthCheck check = new HealthCheck() {
            @Override
            public Duration interval() {
                return Duration.ofMillis(50);
            }

            @Override
            public Health check(String instance, String state) {
                return verdict.get();
            }
        };
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start(Map.of("pg", check));
        SimCluster.Node n2 = cluster.node(2, SeedConfigs.standby()).start();
        await(() -> n1.state("VI_1") == State.MASTER, "n1 master");
        verdict.set(Health.unfit("data directory is stale"));
        await(() -> n1.state("VI_1") == State.FAULT && n2.state("VI_1") == State.MASTER, "unfit: fault");
        assertEquals("hook pg: UNFIT: data directory is stale", n1.status("VI_1").path("faults").path(0).asText());
        verdict.set(Health.noPreempt("standby catching up"));
        await(() -> n1.state("VI_1") == State.BACKUP, "fault cleared");
        assertTrue(n1.status("VI_1").path("preemption_blocked").asBoolean());
        cluster.run(Duration.ofSeconds(6));
        assertEquals(State.BACKUP, n1.state("VI_1"), "101 never preempts the live 100 while NO_PREEMPT");
        verdict.set(Health.ready("caught up"));
        await(() -> n1.state("VI_1") == State.MASTER, "preempts once READY");
    }

    private static String pair(int priority, String vi1Extra, String groupExtra) {
        String inst = "vrrp_instance %s {\nstate BACKUP\ninterface eth0\nvirtual_router_id %d\npriority " + priority
                + "\nadvert_int 1\n%s\nvirtual_ipaddress {\n%s dev eth0\n}\n}\n";
        return String.format(inst, "VI_1", 51, vi1Extra, "192.0.2.100")
                + String.format(inst, "VI_2", 52, "", "192.0.2.101")
                + "vrrp_sync_group G {\ngroup {\nVI_1\nVI_2\n}\n" + groupExtra + "}\n";
    }

    @Test
    void oneSyncGroupMemberInFaultTakesTheWholeGroupToTheOtherNodeAndBack() throws Exception {
        String script = "vrrp_script chk {\nscript \"/usr/bin/test ! -e " + flag + "\"\ninterval 1\n}\n";
        SimCluster.Node n1 = cluster.node(1, script + pair(101, "track_script {\nchk\n}",
                "notify_fault /usr/bin/true\n")).start();
        SimCluster.Node n2 = cluster.node(2, pair(100, "", "")).start();
        await(() -> n1.state("VI_1") == State.MASTER && n1.state("VI_2") == State.MASTER, "n1 master of both");
        await(() -> n1.groupTransitions().contains("G BACKUP -> MASTER"), "group MASTER notified");

        Files.createFile(flag);
        await(() -> n2.state("VI_1") == State.MASTER && n2.state("VI_2") == State.MASTER, "n2 takes both");
        assertEquals(State.FAULT, n1.state("VI_1"));
        assertEquals(State.FAULT, n1.state("VI_2"), "VI_2 follows its group member");
        assertEquals("sync group G: member VI_1 is in FAULT", n1.status("VI_2").path("faults").path(0).asText());
        assertTrue(n2.host().has("192.0.2.100") && n2.host().has("192.0.2.101"));
        await(() -> n1.groupTransitions().contains("G MASTER -> FAULT"), "group FAULT notified");

        Files.delete(flag);
        await(() -> n1.state("VI_1") == State.MASTER && n1.state("VI_2") == State.MASTER, "both back on n1");
        assertEquals(0, n1.status("VI_2").path("faults").size());
        await(() -> n1.groupTransitions().contains("G FAULT -> BACKUP")
                || n1.groupTransitions().contains("G FAULT -> MASTER"), "group left FAULT");
    }

    @Test
    void weightedTrackingIsIgnoredInsideASyncGroupAsKeepalivedDoes() throws Exception {
        String script = "vrrp_script chk {\nscript \"/usr/bin/test ! -e " + flag + "\"\ninterval 1\nweight -10\n}\n";
        SimCluster.Node n1 = cluster.node(1, script + pair(101, "track_script {\nchk\n}", "")).start();
        await(() -> n1.state("VI_1") == State.MASTER, "n1 master");
        assertEquals(0, n1.status("VI_1").path("tracked").size(), "weighted script dropped");
    }

    @Test
    void aWeightedTrackInterfaceThatIsDownMovesThePriorityInsteadOfFaulting() throws Exception {
        // the in-memory host has eth0 only: eth1 "does not exist", i.e. down
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.withInInstance(SeedConfigs.primary(),
                "track_interface {\neth1 weight -10\n}")).start();
        await(() -> n1.state("VI_1") == State.MASTER, "master despite eth1 down");
        JsonNode s = n1.status("VI_1");
        assertEquals(91, s.path("effective_priority").asInt(), s.toString());
        assertEquals(0, s.path("faults").size(), s.toString());
        assertEquals("track_interface", s.path("tracked").path(0).path("kind").asText());
    }

    @Test
    void aReloadKeepsTheScriptsStateSoTheEffectivePriorityDoesNotBlip() throws Exception {
        Files.createFile(flag);
        SimCluster.Node n1 = cluster.node(1, primaryTracking("-10", "")).start();
        await(() -> n1.status("VI_1").path("effective_priority").asInt() == 91, "script failed");
        assertTrue(n1.handle("reload", null).ok());
        assertEquals(91, n1.status("VI_1").path("effective_priority").asInt(), "no return to 101 on reload");
        assertEquals("bad", n1.status("VI_1").path("tracked").path(0).path("state").asText());
    }

    @Test
    void enableScriptSecurityDisablesATrackScriptOthersCanWrite() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.vrrpd.hooks.ScriptExecutor.runningAsRoot(),
                "script security only applies when vrrpd runs as root");
        Path script = dir.resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        String conf = "global_defs {\nenable_script_security\n}\nvrrp_script chk {\nscript " + script + "\n}\n"
                + SeedConfigs.withInInstance(SeedConfigs.primary(), "track_script {\nchk\n}");
        SimCluster.Node n1 = cluster.node(1, conf).start();
        await(() -> n1.state("VI_1") == State.MASTER, "master: the insecure script is not run at all");
        cluster.run(Duration.ofSeconds(3));
        Thread.sleep(1500);
        cluster.run(Duration.ofSeconds(1));
        assertEquals(State.MASTER, n1.state("VI_1"));
        assertEquals(0, n1.status("VI_1").path("tracked").size());
    }
}
