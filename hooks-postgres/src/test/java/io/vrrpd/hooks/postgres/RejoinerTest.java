package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.hooks.HookSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejoinerTest {
    @TempDir
    Path tmp;

    Rejoiner rejoiner(Path dataDir, Map<String, Object> extra) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(PostgresHookFactoryTest.contract());
        m.put("data_dir", dataDir.toString());
        m.put("replication", Map.of("user", "replicator", "password_file", "/etc/vrrpd/pgpass"));
        m.putAll(extra);
        PostgresSettings s = PostgresSettings.read(HookSettings.of("h", m));
        return new Rejoiner(s, new PgCommands(s, new RecordingRunner()), new PgClient(Duration.ofSeconds(1), s.local()),
                Clock.systemUTC(), "VI_1");
    }

    Path dataDir(String version) throws Exception {
        Path d = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(d.resolve("PG_VERSION"), version + "\n");
        return d;
    }

    @Test
    void fifteenGetsStandbySignalAndAConninfoToThePeerInAutoConf() throws Exception {
        Path d = dataDir("15");
        Files.writeString(d.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=192.0.2.12 user=replicator'\n");
        Files.writeString(d.resolve("recovery.signal"), "");
        rejoiner(d, Map.of()).writeStandbyConfig();
        assertTrue(Files.exists(d.resolve("standby.signal")));
        assertFalse(Files.exists(d.resolve("recovery.signal")));
        assertFalse(Files.exists(d.resolve("recovery.conf")));
        String auto = Files.readString(d.resolve("postgresql.auto.conf"));
        assertEquals(Optional.of("host=192.0.2.11 port=5432 user=replicator passfile=/etc/vrrpd/pgpass "
                + "application_name=192_0_2_12"), StandbyConfig.setting(auto, "primary_conninfo"));
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(d.resolve("postgresql.auto.conf")));
    }

    @Test
    void tenGetsARecoveryConfAndLosesALeftoverTriggerFile() throws Exception {
        Path d = dataDir("10");
        Path trigger = Files.writeString(tmp.resolve("postgresql.trigger"), "");
        Files.writeString(d.resolve("recovery.done"), "standby_mode = 'on'\n");
        rejoiner(d, Map.of("trigger_file", trigger.toString())).writeStandbyConfig();
        assertFalse(Files.exists(trigger), "a leftover trigger file would promote the standby at once");
        assertFalse(Files.exists(d.resolve("standby.signal")));
        assertFalse(Files.exists(d.resolve("recovery.done")));
        String rc = Files.readString(d.resolve("recovery.conf"));
        assertEquals(Optional.of("on"), StandbyConfig.setting(rc, "standby_mode"));
        assertEquals(Optional.of(trigger.toString()), StandbyConfig.setting(rc, "trigger_file"));
    }

    @Test
    void reportsTheRangeRewoundAwayFromRealOutput() {
        String single = "LOG:  redo starts at 0/3005CC8\nLOG:  invalid record length at 0/3010770: wanted 24, got 0\n"
                + "LOG:  redo done at 0/3010748 system usage: CPU: user: 0.00 s\n";
        Lsn end = Rejoiner.endOfWal(single).orElseThrow();
        assertEquals(Lsn.parse("0/3010748"), end);
        String rewind = "pg_rewind: servers diverged at WAL location 0/3005C50 on timeline 1\n"
                + "pg_rewind: rewinding from last common checkpoint at 0/2000060 on timeline 1\npg_rewind: Done!\n";
        assertEquals("rewound away WAL 0/3005C50..0/3010748 of timeline 1 (43768 bytes: transactions the old primary "
                + "had that never reached the new primary)", Rejoiner.rewoundRange(rewind, end));
        assertEquals("pg_rewind: no rewind required, nothing lost",
                Rejoiner.rewoundRange("pg_rewind: no rewind required\n", end));
        assertTrue(Rejoiner.rewoundRange(rewind, Lsn.parse("0/3005C50")).contains("no WAL beyond"));
    }
}
