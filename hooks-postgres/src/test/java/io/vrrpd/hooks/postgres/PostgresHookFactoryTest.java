package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.hooks.CommandRunner;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookConfigException;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookFactory;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresHookFactoryTest {
    @TempDir
    Path tmp;

    /** Issue 7's configuration block, as the YAML reader hands it over ({@code on} arrives as a boolean). */
    static Map<String, Object> contract() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "postgres");
        m.put("data_dir", "/var/lib/pgsql/15/data");
        m.put("bin_dir", "/usr/pgsql-15/bin");
        m.put("os_user", "postgres");
        m.put("local", Map.of("host", "192.0.2.12"));
        m.put("peer", Map.of("host", "192.0.2.11"));
        m.put("replication", Map.of("user", "replicator"));
        m.put("synchronous", true);
        m.put("rejoin", "auto");
        m.put("max_lag", "1MiB");
        return m;
    }

    HookEnvironment env() {
        CommandRunner refuse = (label, command, e, timeout) -> {
            throw new AssertionError("create() must not run " + label);
        };
        return new HookEnvironment("VI_1", tmp.resolve("state"), tmp.resolve("run"), refuse);
    }

    @Test
    void isFoundByServiceLoaderAsTypePostgres() {
        assertTrue(ServiceLoader.load(HookFactory.class).stream()
                .anyMatch(p -> p.type() == PostgresHookFactory.class && p.get().type().equals("postgres")));
    }

    @Test
    void readsTheIssuesConfigurationBlockWithItsDefaults() throws HookConfigException {
        PostgresSettings s = PostgresSettings.read(HookSettings.of("instances.VI_1.hooks[0]", contract()));
        assertEquals(Path.of("/var/lib/pgsql/15/data"), s.dataDir());
        assertEquals(s.dataDir(), s.configDir());
        assertEquals("/usr/pgsql-15/bin/pg_rewind", s.bin("pg_rewind"));
        assertEquals(new Endpoint("192.0.2.12", 5432, "postgres", "postgres", null), s.local());
        assertEquals(new Endpoint("192.0.2.11", 5432, "postgres", "postgres", null), s.peer());
        assertEquals(new Endpoint("192.0.2.11", 5432, "replicator", "postgres", null), s.replication());
        assertEquals(Synchronous.ON, s.synchronous());
        assertEquals(RejoinMode.AUTO, s.rejoin());
        assertEquals(1L << 20, s.maxLag());
        assertTrue(s.baseBackup());
        assertEquals(Duration.ofSeconds(30), s.timeout());
        assertEquals(Duration.ofSeconds(10), s.stopTimeout());
        assertEquals("192_0_2_12", s.applicationName());
    }

    @Test
    void createsAHookWithoutTouchingAnything() throws HookConfigException {
        Hook h = new PostgresHookFactory().create(HookSettings.of("instances.VI_1.hooks[0]", contract()), env());
        assertEquals("postgres", h.name());
        assertEquals(Set.of(HookPhase.TAKEOVER, HookPhase.RELEASE), h.phases());
        assertTrue(h.healthCheck().isPresent());
        assertEquals(Set.of("rejoin"), h.actions());
        assertTrue(Files.notExists(tmp.resolve("state")), "no file written by create()");
        h.close();
    }

    @Test
    void rejoinIsRefusedOnTheMasterAndOtherActionsAreUnknown() throws Exception {
        Hook h = new PostgresHookFactory().create(HookSettings.of("instances.VI_1.hooks[0]", contract()), env());
        io.vrrpd.hooks.HookContext master = new io.vrrpd.hooks.HookContext("VI_1", "MASTER", "MASTER",
                "action rejoin requested by vrrpctl", 100, List.of(), null, 3);
        io.vrrpd.hooks.HookReport r = h.runAction("rejoin", master, Duration.ofSeconds(1));
        assertEquals(io.vrrpd.hooks.HookOutcome.FAILED, r.outcome());
        assertTrue(r.detail().startsWith("this node is MASTER"), r.detail());
        assertEquals(io.vrrpd.hooks.HookOutcome.FAILED, h.runAction("promote", master, Duration.ofSeconds(1)).outcome());
        h.close();
    }

    @Test
    void whileATakeoverOrPlannedHandoverRunsTheMastersGuardDoesNotFaultTheInstance() throws Exception {
        Hook h = new PostgresHookFactory().create(HookSettings.of("instances.VI_1.hooks[0]", contract()), env());
        PostgresGuard guard = (PostgresGuard) h.healthCheck().orElseThrow();
        guard.busy("takeover in progress (promoting the local standby)");
        io.vrrpd.hooks.Health health = guard.check("VI_1", "MASTER");
        assertEquals(io.vrrpd.hooks.Health.Status.READY, health.status());
        assertEquals("takeover in progress (promoting the local standby)", health.detail());
        h.close();
    }

    @Test
    void everyConnectionKeyTakesPortUserDatabaseAndPasswordFile() throws HookConfigException {
        Map<String, Object> m = contract();
        m.put("peer", Map.of("host", "db1", "port", 5433, "user", "rewinder", "database", "admin",
                "password_file", "/etc/vrrpd/pgpass"));
        m.put("replication", Map.of("user", "replicator", "password_file", "/etc/vrrpd/pgpass"));
        PostgresSettings s = PostgresSettings.read(HookSettings.of("h", m));
        assertEquals(new Endpoint("db1", 5433, "rewinder", "admin", Path.of("/etc/vrrpd/pgpass")), s.peer());
        assertEquals(new Endpoint("db1", 5433, "replicator", "postgres", Path.of("/etc/vrrpd/pgpass")), s.replication());
    }

    @Test
    void reportsEveryProblemLocatedAtOnce() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "postgres");
        m.put("data_dir", "relative/data");
        m.put("local", Map.of("host", "192.0.2.12", "prot", 5432));
        m.put("peer", "192.0.2.11");
        m.put("synchronous", "maybe");
        m.put("rejoin", "sometimes");
        m.put("max_lag", "lots");
        m.put("stop_timeout", "1m");
        HookConfigException e = assertThrows(HookConfigException.class,
                () -> new PostgresHookFactory().create(HookSettings.of("instances.VI_1.hooks[0]", m), env()));
        List<String> p = e.problems();
        String all = String.join("\n", p);
        for (String expected : List.of(
                "instances.VI_1.hooks[0].data_dir: must be an absolute path (was \"relative/data\")",
                "instances.VI_1.hooks[0].bin_dir: is required",
                "instances.VI_1.hooks[0].peer: must be a mapping (key: value)",
                "instances.VI_1.hooks[0].synchronous: must be one of off, on (was \"maybe\")",
                "instances.VI_1.hooks[0].rejoin: must be one of auto, manual (was \"sometimes\")",
                "instances.VI_1.hooks[0].max_lag: must be a size",
                "instances.VI_1.hooks[0].stop_timeout: must be shorter than timeout",
                "instances.VI_1.hooks[0].local.prot: unknown key")) {
            assertTrue(all.contains(expected), "missing <" + expected + "> in\n" + all);
        }
    }

    @Test
    void refusesAPeerThatIsTheLocalServerAndAReplicationHost() {
        Map<String, Object> m = contract();
        m.put("peer", Map.of("host", "192.0.2.12"));
        m.put("replication", Map.of("host", "192.0.2.99"));
        HookConfigException e = assertThrows(HookConfigException.class,
                () -> new PostgresHookFactory().create(HookSettings.of("h", m), env()));
        assertTrue(e.getMessage().contains("h.peer: names the same server as local"), e.getMessage());
        assertTrue(e.getMessage().contains("h.replication.host: is not set here"), e.getMessage());
    }
}
