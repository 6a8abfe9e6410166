package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's own replication check ("Testing the PostgreSQL Database Cluster") on the lab's pair: a table
 * created on the primary appears on the standby, and CREATE TABLE on the standby fails with "cannot execute
 * CREATE TABLE in a read-only transaction". Also checks the fixture itself: the client namespace reaches
 * only the VIP, and closing the lab leaves no server, namespace or process behind.
 */
@LabTest
class PostgresReplicationIT {

    @BeforeAll
    static void postgresInstalled() {
        assumeTrue(PostgresInstall.missing().isEmpty(), () -> PostgresInstall.missing().orElse(""));
    }

    @Test
    void tableCreatedOnThePrimaryAppearsOnTheStandbyWhichRefusesDdl(Lab lab) {
        ReplicatedPair pair = ReplicatedPair.create(lab, false);
        PostgresServer primary = pair.server(1);
        PostgresServer standby = pair.server(2);
        assertTrue(primary.isPrimary(), "n1 is not a primary");
        assertTrue(standby.isStandby(), "n2 is not in recovery");
        assertEquals(pair.n1().address(), standby.streamingFrom().orElse("none"), "n2 does not stream from n1");

        primary.query("CREATE TABLE test (name char(10))");
        boolean replicated = Lab.waitUntil(Duration.ofSeconds(10),
                () -> standby.psql("SELECT 1 FROM pg_tables WHERE tablename = 'test'").stdout().strip().equals("1"));
        assertTrue(replicated, "table test never appeared on the standby");

        CommandResult ddl = standby.psql("CREATE TABLE test2 (name char(10))");
        assertFalse(ddl.ok(), "CREATE TABLE on the standby succeeded");
        assertTrue(ddl.stderr().contains("cannot execute CREATE TABLE in a read-only transaction"), ddl.stderr());

        primary.query("DROP TABLE test");
        assertTrue(Lab.waitUntil(Duration.ofSeconds(10),
                () -> standby.psql("SELECT count(*) FROM pg_tables WHERE tablename = 'test'").stdout().strip()
                        .equals("0")), "DROP TABLE never reached the standby");
    }

    @Test
    void clientReachesOnlyTheVipAndNothingSurvivesTheLab() {
        Lab lab = Lab.create();
        Path dir = lab.dir();
        long postmaster;
        try {
            ReplicatedPair pair = ReplicatedPair.create(lab, true);
            postmaster = pair.server(1).postmasterPid().orElseThrow();
            for (PostgresServer s : pair.servers()) {
                CommandResult route = pair.client().run("ip", "route", "get", s.node().address());
                assertFalse(route.ok(), "client has a route to " + s.node().address() + ": " + route.stdout());
            }
            assertTrue(pair.client().run("ip", "route", "get", ReplicatedPair.VIP).ok(), "client has no route to the VIP");
            // Synchronous: a commit on the primary returns because the standby confirmed it.
            pair.server(1).query("CREATE TABLE sync_check (i int)");
            assertEquals("*", pair.server(2).query("SHOW synchronous_standby_names"), "standby did not inherit it");
        } finally {
            lab.close();
        }
        long pm = postmaster;
        assertTrue(Lab.waitUntil(Duration.ofSeconds(5), () -> ProcessHandle.of(pm).isEmpty()),
                "postmaster " + pm + " survived the lab");
        List<String> left = SeedPair.leftovers(lab.id(), dir, java.util.Set.of());
        assertTrue(left.isEmpty(), "survived the lab: " + left);
    }
}
