package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One PostgreSQL server in a lab node: data directory {@code <lab dir>/<node>-pgdata} owned by
 * {@code postgres}, server log {@code <lab dir>/<node>-postgres.log}, started with {@code pg_ctl} as user
 * postgres inside the node's namespace ({@code ip netns exec NS setpriv --reuid postgres ...}), so it
 * listens on the node's address and on the VIP when the node holds it, and on nothing of the host's.
 *
 * <p>pg_ctl daemonizes the server, so it is no {@link LabProcess}: the server registers with
 * {@link Lab#onClose} and {@link #close()} stops it ({@code pg_ctl stop -m immediate}, then SIGKILL of what
 * postmaster.pid names) before the lab kills what is left in its namespaces. An immediate stop still lets
 * the postmaster remove its shared memory; a SIGKILL would leave a SysV segment behind.
 */
public final class PostgresServer implements AutoCloseable {

    /** pg_ctl's own wait for start/stop (-t), below the command's deadline. */
    private static final Duration PG_CTL_WAIT = Duration.ofSeconds(60);
    private static final Duration COMMAND_TIMEOUT = PG_CTL_WAIT.plusSeconds(15);

    private final Node node;
    private final Path bin;
    private final Path dataDir;
    private final Path log;

    private PostgresServer(Node node) {
        this.node = node;
        this.bin = PostgresInstall.binDir();
        this.dataDir = node.lab().dir().resolve(node.name() + "-pgdata");
        this.log = node.lab().dir().resolve(node.name() + "-postgres.log");
    }

    /**
     * Prepares (but neither initializes nor starts) a server on a node: an empty data directory owned by
     * postgres, the log file, and a lab directory postgres can traverse.
     *
     * @param node the node
     * @return the server, registered to be stopped when the lab closes
     */
    public static PostgresServer on(Node node) {
        PostgresServer s = new PostgresServer(node);
        Lab lab = node.lab();
        try {
            // The lab directory is root's 0700; postgres only needs to pass through it.
            Files.setPosixFilePermissions(lab.dir(), PosixFilePermissions.fromString("rwx--x--x"));
            Files.createDirectories(s.dataDir);
            Files.setPosixFilePermissions(s.dataDir, PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(s.log)) {
                Files.createFile(s.log);
            }
        } catch (IOException e) {
            throw new LabException("cannot prepare " + s.dataDir + ": " + e.getMessage(), e);
        }
        CommandRunner.check("chown", PostgresInstall.OS_USER + ":", s.dataDir.toString(), s.log.toString());
        lab.onClose("postgres on " + node.name(), s);
        return s;
    }

    /**
     * Runs initdb (superuser postgres, no locale, UTF8) and writes the lab's postgresql.conf additions and
     * pg_hba.conf.
     *
     * @param synchronous see {@link PostgresConf#postgresqlConf(boolean)}
     * @param nodes       the pair's node addresses, for pg_hba.conf
     */
    public void initdb(boolean synchronous, List<String> nodes) {
        asPostgres(COMMAND_TIMEOUT, Map.of(), List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(),
                "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-instructions")).orThrow();
        appendAsOwner(dataDir.resolve("postgresql.conf"), PostgresConf.postgresqlConf(synchronous));
        writeAsOwner(dataDir.resolve("pg_hba.conf"), PostgresConf.pgHba(nodes));
    }

    /**
     * Makes this (empty) data directory a standby of {@code primary}: {@code pg_basebackup -R} as the seed
     * does (replication user and password), which copies the configuration files, writes
     * {@code standby.signal} and {@code primary_conninfo} into postgresql.auto.conf.
     *
     * @param primary the running primary's node
     */
    public void baseBackupFrom(Node primary) {
        asPostgres(COMMAND_TIMEOUT, Map.of("PGPASSWORD", PostgresConf.REPLICATION_PASSWORD), List.of(
                bin.resolve("pg_basebackup").toString(), "-h", primary.address(), "-p",
                Integer.toString(PostgresConf.PORT), "-U", PostgresConf.REPLICATION_USER, "-D", dataDir.toString(),
                "-X", "stream", "-c", "fast", "-R")).orThrow();
    }

    /** Starts the server ({@code pg_ctl start -w}); throws with the server log's tail if it does not come up. */
    public void start() {
        CommandResult r = pgCtl("start", "-l", log.toString());
        if (!r.ok()) {
            throw new LabException(this + ": pg_ctl start: exit " + r.exitCode() + ": " + r.stdout().strip()
                    + r.stderr().strip() + "; server log ends:\n" + logTail());
        }
    }

    /** Stops the server with {@code pg_ctl stop -m immediate} (a crash: no shutdown checkpoint). */
    public CommandResult stopImmediate() {
        return pgCtl("stop", "-m", "immediate");
    }

    /** Stops the server with {@code pg_ctl stop -m fast}. */
    public CommandResult stopFast() {
        return pgCtl("stop", "-m", "fast");
    }

    /** @return true if {@code pg_ctl status} finds a running server */
    public boolean isRunning() {
        return pgCtl("status").exitCode() == 0;
    }

    /**
     * Runs {@code pg_ctl ARGS -D DATA -w -t 60} as postgres inside the node's namespace.
     *
     * @param args the action and its options
     * @return the result
     */
    public CommandResult pgCtl(String... args) {
        List<String> argv = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString()));
        argv.addAll(List.of(args));
        argv.addAll(List.of("-D", dataDir.toString(), "-w", "-t", Long.toString(PG_CTL_WAIT.toSeconds())));
        return asPostgres(COMMAND_TIMEOUT, Map.of(), argv);
    }

    /**
     * Runs SQL as the superuser over 127.0.0.1 inside the node's namespace (psql -X -At, stop on error).
     * Works while the node's cable is cut.
     *
     * @param sql one or more statements
     * @return the result (check {@link CommandResult#ok()}; errors are in stderr)
     */
    public CommandResult psql(String sql) {
        return node.run(Duration.ofSeconds(30), List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(PostgresConf.PORT), "-U", "postgres", "-d", PostgresConf.DATABASE, "-X", "-At",
                "-v", "ON_ERROR_STOP=1", "-c", sql));
    }

    /**
     * @param sql a query
     * @return its output, trimmed
     * @throws LabException if it fails
     */
    public String query(String sql) {
        CommandResult r = psql(sql);
        if (!r.ok()) {
            throw new LabException(this + ": psql -c \"" + sql + "\": exit " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout().strip();
    }

    /** @return true if the server answers and is in recovery (a standby) */
    public boolean isStandby() {
        CommandResult r = psql("SELECT pg_is_in_recovery()");
        return r.ok() && r.stdout().strip().equals("t");
    }

    /** @return true if the server answers and is not in recovery (a primary) */
    public boolean isPrimary() {
        CommandResult r = psql("SELECT pg_is_in_recovery()");
        return r.ok() && r.stdout().strip().equals("f");
    }

    /**
     * @return the timeline the server writes (a primary: from its current WAL file name) or replays (a
     *         standby: pg_last_wal_replay_lsn's timeline is not exposed, so the WAL receiver's)
     */
    public int timeline() {
        String hex = query("SELECT CASE WHEN pg_is_in_recovery() THEN (SELECT lpad(to_hex(received_tli), 8, '0')"
                + " FROM pg_stat_wal_receiver) ELSE substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8) END");
        if (hex.isEmpty()) {
            throw new LabException(this + ": standby without a WAL receiver: timeline unknown");
        }
        return Integer.parseInt(hex, 16);
    }

    /**
     * @return the address of the primary this standby's WAL receiver streams from, if it streams now
     */
    public Optional<String> streamingFrom() {
        CommandResult r = psql("SELECT sender_host FROM pg_stat_wal_receiver WHERE status = 'streaming'");
        String host = r.ok() ? r.stdout().strip() : "";
        return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }

    /** @return the number of rows in a table, read on this server */
    public long count(String table) {
        return Long.parseLong(query("SELECT count(*) FROM " + table));
    }

    /** @return the last lines of the server log */
    public String logTail() {
        String text = logText();
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    /**
     * @return the whole server log of pg_ctl starts made by the lab (a hook that starts the server itself
     *         may log elsewhere)
     */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    public Node node() {
        return node;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path binDir() {
        return bin;
    }

    public Path log() {
        return log;
    }

    /**
     * Stops the server if it runs: {@code pg_ctl stop -m immediate}, then SIGKILL of the postmaster named in
     * postmaster.pid if it survived. Never throws (it runs from the lab's teardown); problems go to stderr.
     */
    @Override
    public void close() {
        try {
            Optional<Long> pid = postmasterPid();
            if (pid.isEmpty() || !alive(pid.get())) {
                return;
            }
            CommandResult r = stopImmediate();
            if (!r.ok() && alive(pid.get())) {
                System.err.println(this + ": pg_ctl stop failed (" + r.exitCode() + "): " + r.stderr().strip()
                        + "; killing postmaster " + pid.get());
                CommandRunner.run("kill", "-s", "KILL", Long.toString(pid.get()));
            }
        } catch (RuntimeException e) {
            System.err.println(this + ": stop failed: " + e.getMessage());
        }
    }

    /** @return the postmaster's pid from postmaster.pid (first line), if the file exists */
    public Optional<Long> postmasterPid() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Runs a command as postgres in the node's namespace: setpriv(1) switches uid, gid and supplementary
     * groups, and {@code --reset-env} gives postgres's HOME and PATH (libpq would otherwise look for root's
     * ~/.pgpass).
     */
    CommandResult asPostgres(Duration timeout, Map<String, String> env, List<String> argv) {
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + PostgresInstall.OS_USER,
                "--regid=" + PostgresInstall.OS_USER, "--init-groups", "--reset-env", "--"));
        if (!env.isEmpty()) {
            full.add("env");
            env.forEach((k, v) -> full.add(k + "=" + v));
        }
        full.addAll(argv);
        return node.run(timeout, full);
    }

    private void appendAsOwner(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeAsOwner(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "postgres@" + node.name();
    }
}
