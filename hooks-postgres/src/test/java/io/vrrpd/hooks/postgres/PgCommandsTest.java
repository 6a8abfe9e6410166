package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.hooks.HookSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgCommandsTest {
    static PostgresSettings settings(Map<String, Object> extra) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(PostgresHookFactoryTest.contract());
        m.put("replication", Map.of("user", "replicator", "password_file", "/etc/vrrpd/pgpass"));
        m.putAll(extra);
        return PostgresSettings.read(HookSettings.of("h", m));
    }

    @Test
    void releaseStopsFastAndEscalatesToImmediateWhenFastFails() throws InterruptedException {
        RecordingRunner r = new RecordingRunner().exits(0, 1, 0);
        assertNull(new PgCommands(settings(Map.of()), r).stopEscalating(Duration.ofSeconds(10), Duration.ofSeconds(29)));
        assertEquals(List.of("pg_ctl status", "pg_ctl stop -m fast", "pg_ctl stop -m immediate"), r.labels());
        assertEquals(List.of("/usr/pgsql-15/bin/pg_ctl", "stop", "-D", "/var/lib/pgsql/15/data", "-m", "fast", "-w",
                "-t", "10"), r.calls.get(1).argv());
        assertTrue(r.calls.stream().allMatch(c -> "postgres".equals(c.user())), "every command runs as os_user");
    }

    @Test
    void aServerThatIsNotRunningIsNotStopped() throws InterruptedException {
        RecordingRunner r = new RecordingRunner().exits(3);
        assertNull(new PgCommands(settings(Map.of()), r).stopEscalating(Duration.ofSeconds(10), Duration.ofSeconds(29)));
        assertEquals(List.of("pg_ctl status"), r.labels());
    }

    @Test
    void aStopThatFailsTwiceIsReportedWithBothCommands() throws InterruptedException {
        RecordingRunner r = new RecordingRunner().exits(0, 1, 1, 0);
        String failed = new PgCommands(settings(Map.of()), r).stopEscalating(Duration.ofSeconds(10), Duration.ofSeconds(29));
        assertEquals("pg_ctl stop -m fast: exit 1: boom; pg_ctl stop -m immediate: exit 1: boom", failed);
    }

    @Test
    void aSystemdUnitStartsAndStopsTheServerInsteadOfPgCtl() throws InterruptedException {
        RecordingRunner r = new RecordingRunner().exits(0, 1, 0);
        PgCommands c = new PgCommands(settings(Map.of("service", "postgresql-15.service")), r);
        assertNull(c.stopEscalating(Duration.ofSeconds(10), Duration.ofSeconds(29)));
        c.start(Duration.ofSeconds(30));
        assertEquals(List.of(List.of("systemctl", "is-active", "--quiet", "postgresql-15.service"),
                List.of("systemctl", "stop", "postgresql-15.service"),
                List.of("systemctl", "kill", "--signal=SIGQUIT", "postgresql-15.service"),
                List.of("systemctl", "start", "postgresql-15.service")),
                r.calls.stream().map(RecordingRunner.Call::argv).toList());
    }

    @Test
    void pgCtlStartLogsToAFileSoThePostmasterNeverHoldsOurPipe() throws InterruptedException {
        RecordingRunner r = new RecordingRunner();
        new PgCommands(settings(Map.of()), r).start(Duration.ofSeconds(30));
        assertEquals(List.of("/usr/pgsql-15/bin/pg_ctl", "start", "-D", "/var/lib/pgsql/15/data", "-w", "-t", "30",
                "-l", "/var/lib/pgsql/15/data/vrrpd-pg_ctl.log"), r.calls.get(0).argv());
    }

    @Test
    void rewindAndBaseBackupTakeThePasswordFromThePasswordFileNeverTheCommandLine() throws InterruptedException {
        RecordingRunner r = new RecordingRunner();
        PgCommands c = new PgCommands(settings(Map.of()), r);
        c.rewind(false, Duration.ofMinutes(1));
        c.baseBackup(Duration.ofMinutes(1));
        assertEquals(List.of("/usr/pgsql-15/bin/pg_rewind", "-D", "/var/lib/pgsql/15/data",
                "--source-server=host=192.0.2.11 port=5432 user=postgres dbname=postgres"), r.calls.get(0).argv());
        assertEquals(List.of("/usr/pgsql-15/bin/pg_basebackup", "-D", "/var/lib/pgsql/15/data", "-h", "192.0.2.11",
                "-p", "5432", "-U", "replicator", "-X", "stream", "-c", "fast", "--no-password"), r.calls.get(1).argv());
        assertEquals("/etc/vrrpd/pgpass", r.calls.get(1).env().get("PGPASSFILE"));
        assertEquals("C", r.calls.get(0).env().get("LC_ALL"));
        assertFalse(r.calls.get(0).env().containsKey("PGPASSWORD"));
    }

    @Test
    void crashRecoveryKeepsEveryWalSegment() throws InterruptedException {
        RecordingRunner r = new RecordingRunner();
        new PgCommands(settings(Map.of()), r).singleUserRecovery(Duration.ofMinutes(1));
        assertEquals(List.of("/usr/pgsql-15/bin/postgres", "--single", "-D", "/var/lib/pgsql/15/data", "-c",
                "archive_mode=on", "-c", "archive_command=false", "template1"), r.calls.get(0).argv());
    }
}
