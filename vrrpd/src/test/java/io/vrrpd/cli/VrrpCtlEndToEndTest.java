package io.vrrpd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vrrpd.control.ControlServer;
import io.vrrpd.election.State;
import io.vrrpd.runtime.SeedConfigs;
import io.vrrpd.runtime.SimCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vrrpctl in-process against real control servers with simulated daemons behind them. */
class VrrpCtlEndToEndTest {
    @TempDir
    Path dir;
    private SimCluster cluster;
    private SimCluster.Node n1;
    private SimCluster.Node n2;
    private ControlServer server1;
    private ControlServer server2;

    /** One vrrpctl run: exit code and what it printed. */
    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        cluster = new SimCluster(dir);
        n1 = cluster.node(1, SeedConfigs.primary()).start();
        n2 = cluster.node(2, SeedConfigs.standby()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        cluster.run(Duration.ofMillis(2500));
        server1 = ControlServer.start(dir.resolve("n1.sock"), n1.daemon()::handle);
        server2 = ControlServer.start(dir.resolve("n2.sock"), n2.daemon()::handle);
    }

    @AfterEach
    void tearDown() {
        if (server1 != null) {
            server1.close();
        }
        if (server2 != null) {
            server2.close();
        }
        cluster.close();
    }

    private static Run vrrpctl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VrrpCtl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String sock(ControlServer s) {
        return s.path().toString();
    }

    @Test
    void statusShowsTheInstanceLineMasterAndCounters() {
        Run backup = vrrpctl("--socket", sock(server2), "status");
        assertEquals(0, backup.exit(), backup.err());
        assertEquals("", backup.err());
        assertTrue(Pattern.compile("(?m)^VI_1\\s+BACKUP\\s+vrid 51\\s+eth0\\s+priority 100$")
                .matcher(backup.out()).find(), backup.out());
        assertTrue(backup.out().contains("virtual IPs: 192.0.2.100/32 (not on this node)"), backup.out());
        assertTrue(Pattern.compile("master: 192\\.0\\.2\\.11, last heard 0\\.\\ds ago").matcher(backup.out()).find(),
                backup.out());
        long received = n2.status("VI_1").path("counters").path("adverts_received").asLong();
        assertTrue(received >= 2);
        assertTrue(backup.out().contains("adverts sent 0, received " + received + ", transitions 1, dropped 0"),
                backup.out());

        Run master = vrrpctl("--socket", sock(server1), "status", "VI_1");
        assertEquals(0, master.exit(), master.err());
        assertTrue(Pattern.compile("(?m)^VI_1\\s+MASTER\\s+vrid 51\\s+eth0\\s+priority 101$")
                .matcher(master.out()).find(), master.out());
        assertTrue(master.out().contains("master: 192.0.2.11 (this node)"), master.out());
        assertTrue(master.out().contains("(on this node)"), master.out());
        assertTrue(master.out().contains("last change: BACKUP -> MASTER"), master.out());
    }

    @Test
    void statusJsonIsTheDaemonsDocument() throws Exception {
        Run r = vrrpctl("--socket", sock(server2), "status", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode i = doc.path("instances").get(0);
        assertEquals("VI_1", i.path("name").asText());
        assertEquals("BACKUP", i.path("state").asText());
        assertEquals("192.0.2.11", i.path("master").asText());
        assertEquals(100, i.path("priority").asInt());
        assertEquals(n2.configFile().toString(), doc.path("daemon").path("config").asText());
        assertTrue(doc.path("sockets").isArray() && doc.path("sockets").size() == 1, r.out());
    }

    @Test
    void statusOfAnUnknownInstanceIsExit65() {
        Run r = vrrpctl("--socket", sock(server2), "status", "VI_9");
        assertEquals(65, r.exit());
        assertTrue(r.err().contains("VI_9"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void failoverOnTheBackupExitsOneAndNamesTheMasterOnStderr() {
        Run r = vrrpctl("--socket", sock(server2), "failover");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("vrrpctl: (VI_1) not MASTER"), r.err());
        assertTrue(r.err().contains("the master is 192.0.2.11"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(State.MASTER, n1.state("VI_1"));
    }

    @Test
    void failoverOnTheMasterSucceedsAndTheHoldShowsInStatus() {
        Run r = vrrpctl("--socket", sock(server1), "failover", "VI_1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("handed over VI_1"), r.out());
        cluster.runUntil(() -> n2.state("VI_1") == State.MASTER, Duration.ofSeconds(2));
        Run status = vrrpctl("--socket", sock(server1), "status");
        assertTrue(status.out().contains("HOLD:"), status.out());
        assertTrue(status.out().contains("master: 192.0.2.12"), status.out());
        Run resume = vrrpctl("--socket", sock(server1), "resume");
        assertEquals(0, resume.exit(), resume.err());
        assertFalse(vrrpctl("--socket", sock(server1), "status").out().contains("HOLD:"));
    }

    @Test
    void missingSocketIsExit69WithOneLineAndNoStackTrace() {
        Run r = vrrpctl("--socket", dir.resolve("nobody-home.sock").toString(), "status");
        assertEquals(69, r.exit());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("vrrpctl: vrrpd is not running"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }
}
