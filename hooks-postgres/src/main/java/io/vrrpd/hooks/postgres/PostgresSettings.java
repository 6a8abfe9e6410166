package io.vrrpd.hooks.postgres;

import io.vrrpd.hooks.HookSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated settings of one {@code type: postgres} hook (every key and default is in docs/postgres.md).
 *
 * @param dataDir          PGDATA: pg_controldata, pg_rewind, pg_basebackup and the standby files work here
 * @param configDir        where postgresql.conf lives ({@code pg_ctl -D}); the data directory by default
 * @param binDir           pg_ctl, pg_controldata, pg_rewind, pg_basebackup, postgres
 * @param osUser           runs every PostgreSQL program
 * @param local            this node's server
 * @param peer             the other node's server; also pg_rewind's source
 * @param replication      user and password file for {@code primary_conninfo} and pg_basebackup (host: the peer)
 * @param applicationName  what this node's walreceiver calls itself on the primary
 * @param synchronous      off or on
 * @param rejoin           auto or manual
 * @param maxLag           most WAL a standby may be behind the last primary position seen and still promote
 * @param baseBackup       whether a rejoin falls back to a fresh base backup when pg_rewind cannot work
 * @param restoreTargetWal pass {@code --restore-target-wal} to pg_rewind (needs a restore_command, PG 13+)
 * @param service          a systemd unit that starts and stops the server instead of pg_ctl, or null
 * @param triggerFile      PostgreSQL 10/11: the trigger file to write into a rendered recovery.conf, or null
 * @param logFile          pg_ctl's {@code -l} file
 * @param timeout          the hook's budget for a takeover or a release
 * @param stopTimeout      how long a fast stop may take before an immediate stop
 * @param connectTimeout   connect and query timeout of every SQL connection
 * @param checkInterval    how often the guard runs
 * @param rejoinTimeout    the budget of one rejoin (a base backup of a large cluster takes long)
 * @param splitBrainHold   how long the guard keeps the node in FAULT after a takeover refused for split brain
 */
public record PostgresSettings(Path dataDir, Path configDir, Path binDir, String osUser, Endpoint local,
                               Endpoint peer, Endpoint replication, String applicationName, Synchronous synchronous,
                               RejoinMode rejoin, long maxLag, boolean baseBackup, boolean restoreTargetWal,
                               String service, Path triggerFile, Path logFile, Duration timeout,
                               Duration stopTimeout, Duration connectTimeout, Duration checkInterval,
                               Duration rejoinTimeout, Duration splitBrainHold) {

    /** Patroni's {@code maximum_lag_on_failover} default. */
    public static final long DEFAULT_MAX_LAG = 1L << 20;

    public PostgresSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(binDir, "binDir");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(replication, "replication");
        configDir = configDir == null ? dataDir : configDir;
    }

    /**
     * Reads the keys through {@code s}, recording located problems; returns null when a required value is
     * missing or wrong (the caller's {@link HookSettings#finish()} then throws with every problem).
     */
    static PostgresSettings read(HookSettings s) {
        Optional<Path> dataDir = s.file("data_dir");
        if (!s.has("data_dir")) {
            s.problem("data_dir", "is required (this node's PGDATA, e.g. /var/lib/pgsql/15/data)");
        }
        Optional<Path> binDir = s.file("bin_dir");
        if (!s.has("bin_dir")) {
            s.problem("bin_dir", "is required (where pg_ctl and pg_rewind are, e.g. /usr/pgsql-15/bin)");
        }
        Optional<Path> configDir = s.file("config_dir");
        String osUser = s.string("os_user").orElse("postgres");
        Endpoint local = endpoint(s, "local");
        Endpoint peer = endpoint(s, "peer");
        Endpoint replication = peer == null ? null : replication(s, peer);
        String appName = s.string("application_name").orElseGet(
                () -> local == null ? "vrrpd" : local.host().replaceAll("[^A-Za-z0-9_]", "_"));
        Synchronous sync = s.choice("synchronous", Synchronous.class).orElse(Synchronous.OFF);
        RejoinMode rejoin = s.choice("rejoin", RejoinMode.class).orElse(RejoinMode.AUTO);
        long maxLag = s.size("max_lag").orElse(DEFAULT_MAX_LAG);
        boolean baseBackup = s.bool("base_backup").orElse(true);
        boolean restoreTargetWal = s.bool("restore_target_wal").orElse(false);
        String service = s.string("service").orElse(null);
        Path trigger = s.file("trigger_file").orElse(null);
        Optional<Path> logFile = s.file("log_file");
        Duration timeout = positive(s, "timeout", Duration.ofSeconds(30));
        Duration stopTimeout = positive(s, "stop_timeout", Duration.ofSeconds(10));
        Duration connectTimeout = positive(s, "connect_timeout", Duration.ofSeconds(1));
        Duration checkInterval = positive(s, "check_interval", Duration.ofSeconds(2));
        Duration rejoinTimeout = positive(s, "rejoin_timeout", Duration.ofMinutes(30));
        Duration splitBrainHold = positive(s, "split_brain_hold", Duration.ofSeconds(30));
        if (stopTimeout.compareTo(timeout) >= 0) {
            s.problem("stop_timeout", "must be shorter than timeout (" + timeout.toSeconds()
                    + " s): the immediate stop needs time after the fast one");
        }
        if (local != null && peer != null && local.host().equals(peer.host()) && local.port() == peer.port()) {
            s.problem("peer", "names the same server as local (" + local.where() + ")");
        }
        if (dataDir.isEmpty() || binDir.isEmpty() || local == null || peer == null) {
            return null;
        }
        return new PostgresSettings(dataDir.get(), configDir.orElse(null), binDir.get(), osUser, local, peer,
                replication, appName, sync, rejoin, maxLag, baseBackup, restoreTargetWal, service, trigger,
                logFile.orElse(dataDir.get().resolve("vrrpd-pg_ctl.log")), timeout, stopTimeout, connectTimeout,
                checkInterval, rejoinTimeout, splitBrainHold);
    }

    private static Endpoint endpoint(HookSettings s, String key) {
        Optional<HookSettings> m = s.map(key);
        if (m.isEmpty()) {
            if (!s.has(key)) {
                s.problem(key, "is required (a mapping such as {host: 192.0.2.12})");
            }
            return null;
        }
        HookSettings e = m.get();
        String host = e.requiredString("host");
        int port = e.integer("port", 1, 65535).orElse(5432);
        String user = e.string("user").orElse("postgres");
        String db = e.string("database").orElse("postgres");
        Path pw = e.file("password_file").orElse(null);
        return host == null ? null : new Endpoint(host, port, user, db, pw);
    }

    private static Endpoint replication(HookSettings s, Endpoint peer) {
        Optional<HookSettings> m = s.map("replication");
        if (m.isEmpty()) {
            return new Endpoint(peer.host(), peer.port(), "replicator", "postgres", null);
        }
        HookSettings e = m.get();
        if (e.has("host")) {
            e.problem("host", "is not set here: a rejoining node always streams from the peer (peer.host)");
        }
        int port = e.integer("port", 1, 65535).orElse(peer.port());
        String user = e.string("user").orElse("replicator");
        String db = e.string("database").orElse("postgres");
        Path pw = e.file("password_file").orElse(null);
        return new Endpoint(peer.host(), port, user, db, pw);
    }

    private static Duration positive(HookSettings s, String key, Duration dflt) {
        Duration d = s.duration(key).orElse(dflt);
        if (d.isZero() || d.isNegative()) {
            s.problem(key, "must be longer than 0");
            return dflt;
        }
        return d;
    }

    /** The file {@code name} under {@link #binDir}. */
    public String bin(String name) {
        return binDir.resolve(name).toString();
    }
}
