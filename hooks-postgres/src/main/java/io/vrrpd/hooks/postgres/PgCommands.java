package io.vrrpd.hooks.postgres;

import io.vrrpd.hooks.CommandRunner;
import io.vrrpd.hooks.ScriptCommand;
import io.vrrpd.hooks.ScriptRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL programs the hook runs, as argument vectors through {@link CommandRunner} (no shell,
 * a deadline each, run as {@code os_user}, logged with outcome and duration). {@code LC_ALL=C} keeps
 * their output parseable (pg_controldata and pg_rewind translate it otherwise). A password never reaches
 * an argument: libpq reads {@code PGPASSFILE}. When {@code service} is set, starting and stopping go
 * through systemctl (as root), so the unit stays the owner of the server.
 */
final class PgCommands {
    private final PostgresSettings s;
    private final CommandRunner runner;

    PgCommands(PostgresSettings settings, CommandRunner runner) {
        this.s = settings;
        this.runner = runner;
    }

    ScriptRun start(Duration timeout) throws InterruptedException {
        if (s.service() != null) {
            return runner.run("systemctl start", ScriptCommand.of("systemctl", "start", s.service()), env(null), timeout);
        }
        // -l: the postmaster must not inherit our output pipe (it would block once nobody reads it)
        return pg("pg_ctl start", List.of(s.bin("pg_ctl"), "start", "-D", s.configDir().toString(), "-w",
                "-t", secs(timeout), "-l", s.logFile().toString()), null, timeout);
    }

    /** {@code pg_ctl stop -m fast|immediate}; with a unit: {@code systemctl stop}, or SIGQUIT for immediate. */
    ScriptRun stop(boolean immediate, Duration timeout) throws InterruptedException {
        if (s.service() != null) {
            List<String> argv = immediate ? List.of("systemctl", "kill", "--signal=SIGQUIT", s.service())
                    : List.of("systemctl", "stop", s.service());
            return runner.run(immediate ? "systemctl kill SIGQUIT" : "systemctl stop",
                    new ScriptCommand(argv, null, null), env(null), timeout);
        }
        return pg("pg_ctl stop -m " + (immediate ? "immediate" : "fast"), List.of(s.bin("pg_ctl"), "stop", "-D",
                s.dataDir().toString(), "-m", immediate ? "immediate" : "fast", "-w", "-t", secs(timeout)), null, timeout);
    }

    /**
     * Stops the server at once: fast (rolls back open transactions, disconnects clients, writes a shutdown
     * checkpoint), and immediate (no checkpoint; crash recovery at the next start) when fast fails or takes
     * longer than {@code fast}.
     *
     * @return null when stopped (or not running), else the failure with both commands' summaries
     */
    String stopEscalating(Duration fast, Duration total) throws InterruptedException {
        long deadline = System.nanoTime() + total.toNanos();
        if (!status(fast).succeeded()) {
            return null;
        }
        ScriptRun f = stop(false, fast);
        if (f.succeeded()) {
            return null;
        }
        ScriptRun i = stop(true, Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime())));
        if (i.succeeded() || !status(fast).succeeded()) {
            return null;
        }
        return f.summary() + "; " + i.summary();
    }

    ScriptRun promote(Duration timeout) throws InterruptedException {
        return pg("pg_ctl promote", List.of(s.bin("pg_ctl"), "promote", "-D", s.dataDir().toString(), "-w",
                "-t", secs(timeout)), null, timeout);
    }

    /** Creates the 10/11 trigger file as the server's user, so the server can remove it after promoting. */
    ScriptRun touch(java.nio.file.Path file, Duration timeout) throws InterruptedException {
        return pg("touch trigger_file", List.of("touch", file.toString()), null, timeout);
    }

    /** Whether a server runs on the data directory: {@code pg_ctl status} exits 0 (3: not running). */
    ScriptRun status(Duration timeout) throws InterruptedException {
        if (s.service() != null) {
            return runner.run("systemctl is-active", ScriptCommand.of("systemctl", "is-active", "--quiet", s.service()),
                    env(null), timeout);
        }
        return pg("pg_ctl status", List.of(s.bin("pg_ctl"), "status", "-D", s.dataDir().toString()), null, timeout);
    }

    ScriptRun controldata(Duration timeout) throws InterruptedException {
        return pg("pg_controldata", List.of(s.bin("pg_controldata"), "-D", s.dataDir().toString()), null, timeout);
    }

    /**
     * Crash recovery in single-user mode keeping every WAL segment (archive_command=false never succeeds,
     * so nothing is recycled); stdin is /dev/null, so it recovers, writes a shutdown checkpoint and exits.
     */
    ScriptRun singleUserRecovery(Duration timeout) throws InterruptedException {
        return pg("postgres --single (crash recovery)", List.of(s.bin("postgres"), "--single", "-D",
                s.configDir().toString(), "-c", "archive_mode=on", "-c", "archive_command=false", "template1"),
                null, timeout);
    }

    ScriptRun rewind(boolean restoreTargetWal, Duration timeout) throws InterruptedException {
        List<String> argv = new ArrayList<>(List.of(s.bin("pg_rewind"), "-D", s.dataDir().toString(),
                "--source-server=" + s.peer().conninfo(true, null)));
        if (restoreTargetWal) {
            argv.add("--restore-target-wal");
        }
        return pg("pg_rewind", argv, s.peer(), timeout);
    }

    ScriptRun baseBackup(Duration timeout) throws InterruptedException {
        Endpoint r = s.replication();
        return pg("pg_basebackup", List.of(s.bin("pg_basebackup"), "-D", s.dataDir().toString(), "-h", r.host(),
                "-p", Integer.toString(r.port()), "-U", r.user(), "-X", "stream", "-c", "fast", "--no-password"),
                r, timeout);
    }

    private ScriptRun pg(String label, List<String> argv, Endpoint auth, Duration timeout) throws InterruptedException {
        return runner.run(label, new ScriptCommand(argv, s.osUser(), null), env(auth), timeout);
    }

    private static Map<String, String> env(Endpoint auth) {
        if (auth != null && auth.passwordFile() != null) {
            return Map.of("LC_ALL", "C", "PGPASSFILE", auth.passwordFile().toString(), "PGCONNECT_TIMEOUT", "10");
        }
        return Map.of("LC_ALL", "C", "PGCONNECT_TIMEOUT", "10");
    }

    private static String secs(Duration d) {
        return Long.toString(Math.max(1, d.toSeconds()));
    }
}
