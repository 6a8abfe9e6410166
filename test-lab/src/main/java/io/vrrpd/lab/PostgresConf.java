package io.vrrpd.lab;

import java.util.List;

/**
 * The lab's PostgreSQL configuration, the same text on both servers (a base backup and pg_rewind copy the
 * configuration files from the peer, so nothing node-specific may live in the data directory).
 *
 * <p>Following the seed's streaming replication setup (replication user {@code replicator} with a password,
 * {@code md5} lines for it in pg_hba.conf, wal_keep_segments 32 of 16 MB = {@code wal_keep_size 512MB} on
 * 13+, {@code hot_standby on}), with what the lab adds:
 * <ul>
 *   <li>{@code listen_addresses '*'}: the seed lists the node address and the VIP; '*' lets the server
 *       answer on the VIP whenever it is added, without a restart.</li>
 *   <li>no Unix socket ({@code unix_socket_directories ''}): both servers share one file system, and a
 *       socket path copied from the peer would collide; local access goes over 127.0.0.1 inside the node's
 *       namespace. pg_ctl -w waits on postmaster.pid's status line (PostgreSQL 10+), not on a socket.</li>
 *   <li>{@code wal_log_hints on}: pg_rewind needs it or data checksums (pg_rewind(1), "requirements").</li>
 *   <li>{@code fsync off}: no test crashes the kernel, only processes; an immediate stop keeps what reached
 *       the page cache, so durability between processes is unchanged and the shared machine's disk is
 *       spared.</li>
 *   <li>small memory (shared_buffers 32MB, 40 connections): two servers per lab on a shared machine.</li>
 * </ul>
 */
public final class PostgresConf {

    /** The seed's replication user and password ({@code CREATE USER replicator REPLICATION ...}). */
    public static final String REPLICATION_USER = "replicator";
    public static final String REPLICATION_PASSWORD = "dbpass";
    /** The application user the writer and the probe connect as. */
    public static final String APP_USER = "writer";
    public static final String APP_PASSWORD = "writerpass";
    /** The application database (the seed's is lunadirectordb; the lab keeps the default one). */
    public static final String DATABASE = "postgres";
    public static final int PORT = 5432;

    private PostgresConf() {
    }

    /**
     * @param synchronous true to require a synchronous standby ({@code synchronous_standby_names = '*'}), as
     *                    a DBA sets it on the primary before the base backup (so the standby inherits it)
     * @return the lines appended to initdb's postgresql.conf (later settings win)
     */
    public static String postgresqlConf(boolean synchronous) {
        return String.join("\n", List.of(
                "",
                "# vrrpd PostgreSQL lab (io.vrrpd.lab.PostgresConf)",
                "listen_addresses = '*'",
                "port = " + PORT,
                "unix_socket_directories = ''",
                "max_connections = 40",
                "shared_buffers = 32MB",
                "wal_level = replica",
                "max_wal_senders = 5",
                "max_replication_slots = 5",
                "wal_keep_size = 512MB",
                "hot_standby = on",
                "wal_log_hints = on",
                "fsync = off",
                "wal_receiver_status_interval = 1s",
                "wal_retrieve_retry_interval = 1s",
                "synchronous_standby_names = '" + (synchronous ? "*" : "") + "'",
                "log_line_prefix = '%m [%p] %q%u@%d '",
                "log_connections = off",
                ""));
    }

    /**
     * pg_hba.conf: replication from the two nodes with a password (the seed's
     * {@code host replication replicator <peer>/32 md5}); the superuser without a password from the node
     * itself (127.0.0.1) and from the two nodes (the hook's local and peer connections and pg_rewind); the
     * application user with a password from anywhere on the lab's subnet (the client and the probe).
     *
     * @param nodeAddresses the two servers' own addresses
     * @return the whole file
     */
    public static String pgHba(List<String> nodeAddresses) {
        StringBuilder b = new StringBuilder("# vrrpd PostgreSQL lab (io.vrrpd.lab.PostgresConf)\n");
        b.append("host all postgres 127.0.0.1/32 trust\n");
        b.append("host replication ").append(REPLICATION_USER).append(" 127.0.0.1/32 md5\n");
        for (String a : nodeAddresses) {
            b.append("host replication ").append(REPLICATION_USER).append(' ').append(a).append("/32 md5\n");
            b.append("host all postgres ").append(a).append("/32 trust\n");
        }
        b.append("host all ").append(APP_USER).append(' ').append(Lab.SUBNET).append(" md5\n");
        return b.toString();
    }

    /** @return a libpq password file (pgpass format) with the replication and application users */
    public static String pgpass() {
        return "*:*:*:" + REPLICATION_USER + ":" + REPLICATION_PASSWORD + "\n"
                + "*:*:*:" + APP_USER + ":" + APP_PASSWORD + "\n";
    }

    /** @return the SQL run once on the new primary: the seed's replication user, the lab's tables */
    public static List<String> setupSql() {
        return List.of(
                "CREATE USER " + REPLICATION_USER + " REPLICATION LOGIN PASSWORD '" + REPLICATION_PASSWORD + "'",
                "CREATE USER " + APP_USER + " LOGIN PASSWORD '" + APP_PASSWORD + "'",
                "CREATE TABLE writes (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())",
                "CREATE TABLE lab_probe (node text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())",
                "GRANT INSERT, SELECT ON writes, lab_probe TO " + APP_USER);
    }
}
