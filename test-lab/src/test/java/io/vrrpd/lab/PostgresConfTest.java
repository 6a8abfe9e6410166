package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresConfTest {

    @Test
    void replicationSettingsFollowTheSeedAndEnablePgRewind() {
        String conf = PostgresConf.postgresqlConf(false);
        for (String line : List.of("listen_addresses = '*'", "wal_level = replica", "hot_standby = on",
                "wal_keep_size = 512MB", "wal_log_hints = on", "unix_socket_directories = ''",
                "synchronous_standby_names = ''")) {
            assertTrue(conf.contains("\n" + line + "\n"), "missing " + line + " in\n" + conf);
        }
        assertTrue(PostgresConf.postgresqlConf(true).contains("\nsynchronous_standby_names = '*'\n"));
    }

    @Test
    void hbaAllowsReplicationWithAPasswordOnlyFromTheNodes() {
        String hba = PostgresConf.pgHba(List.of("192.0.2.11", "192.0.2.12"));
        assertTrue(hba.contains("host replication replicator 192.0.2.11/32 md5\n"), hba);
        assertTrue(hba.contains("host replication replicator 192.0.2.12/32 md5\n"), hba);
        assertTrue(hba.contains("host all writer 192.0.2.0/24 md5\n"), hba);
        assertFalse(hba.contains("192.0.2.0/24 trust"), "the client's subnet must not get trust: " + hba);
    }
}
