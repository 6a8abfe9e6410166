package io.vrrpd.hooks.nfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts nfs-ganesha with the rendered configuration and stops it on release.
 *
 * <p>Start: render ganesha.conf into the node's runtime directory; if our ganesha already runs with that
 * config, nothing to do; if it runs with another, write it and SIGHUP (ganesha re-reads its exports);
 * otherwise {@code ganesha.nfsd -p PID -L LOG -f CONF -N NIV_EVENT}. ganesha forks and its parent exits 0
 * before the child has read the config, so success is only the child alive with "NFS SERVER INITIALIZED"
 * in its log; a child that dies first fails the step with its last CRIT/FATAL line.
 *
 * <p>Stop: SIGTERM, wait {@code stop_timeout}, SIGKILL, and check that the process is gone. The pid file
 * and the log stay node-local: ganesha locks its pid file, and on the shared volume the returning node's
 * ganesha would die with "already started" while the other is still shutting down.
 */
final class GaneshaServer implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(GaneshaServer.class);
    private static final String READY_LINE = "NFS SERVER INITIALIZED";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);

    private final NfsSettings settings;
    private final GaneshaConfig.Files files;
    private final Commands commands;
    private final String instance;

    GaneshaServer(NfsSettings settings, GaneshaConfig.Files files, Commands commands, String instance) {
        this.settings = settings;
        this.files = files;
        this.commands = commands;
        this.instance = instance;
    }

    @Override
    public String name() {
        return "ganesha";
    }

    @Override
    public String takeOver(Deadline d) throws StepFailure, InterruptedException {
        for (NfsExport e : settings.exports()) {
            // ganesha starts without an export whose path is missing; clients would then see an empty
            // pseudo file system. Refuse instead.
            if (!Files.isDirectory(e.path())) {
                throw new StepFailure("export directory " + e.path() + " (id " + e.id() + ") is missing");
            }
        }
        String conf = GaneshaConfig.render(settings);
        Optional<ProcessHandle> running = running();
        if (running.isPresent()) {
            if (conf.equals(read())) {
                return "already running (pid " + running.get().pid() + ")";
            }
            write(conf);
            commands.check(d, List.of("kill", "-s", "HUP", Long.toString(running.get().pid())));
            return "reloaded (pid " + running.get().pid() + ")";
        }
        write(conf);
        try {
            Files.deleteIfExists(files.pid());
            Files.writeString(files.log(), "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StepFailure("cannot prepare " + files.dir() + ": " + e.getMessage());
        }
        LOG.info("({}) nfs: ganesha starts with grace {} s and lease {} s (ganesha's own defaults, 90 and 60 s, "
                        + "would add minutes to every failover); server scope {}", instance,
                settings.grace().toSeconds(), settings.lease().toSeconds(), settings.serverScope());
        commands.check(d, List.of(settings.tools().ganeshaNfsd(), "-p", files.pid().toString(),
                "-L", files.log().toString(), "-f", files.conf().toString(), "-N", "NIV_EVENT"));
        return awaitStarted(d);
    }

    private String awaitStarted(Deadline d) throws StepFailure, InterruptedException {
        long start = System.nanoTime();
        while (true) {
            Optional<ProcessHandle> p = running();
            String log = logText();
            if (p.isPresent() && log.contains(READY_LINE)) {
                return "started (pid " + p.get().pid() + ", " + (System.nanoTime() - start) / 1_000_000 + " ms)";
            }
            boolean died = p.isEmpty() && (log.contains(":FATAL :") || log.contains("Server exiting"));
            if (died || d.passed()) {
                throw new StepFailure("ganesha.nfsd " + (died ? "exited" : "did not report ready in time")
                        + ": " + lastProblem(log) + " (log " + files.log() + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    @Override
    public String release(Deadline d) throws StepFailure, InterruptedException {
        Optional<ProcessHandle> running = running();
        if (running.isEmpty()) {
            return "not running";
        }
        ProcessHandle p = running.get();
        p.destroy();
        if (!gone(p, d.cap(settings.stopTimeout()))) {
            LOG.warn("({}) nfs: ganesha pid {} still runs {} s after SIGTERM; sending SIGKILL", instance, p.pid(),
                    settings.stopTimeout().toSeconds());
            p.destroyForcibly();
            if (!gone(p, KILL_WAIT)) {
                throw new StepFailure("ganesha pid " + p.pid() + " survived SIGKILL");
            }
            deletePidFile();
            return "killed (pid " + p.pid() + ")";
        }
        deletePidFile();
        return "stopped (pid " + p.pid() + ")";
    }

    /** Our ganesha: the pid in our pid file, alive, and a ganesha (not a recycled pid). */
    Optional<ProcessHandle> running() {
        String text;
        try {
            text = Files.readString(files.pid(), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(GaneshaServer::isGanesha);
    }

    private static boolean isGanesha(ProcessHandle p) {
        // A zombie has no command; so does a process we may not inspect. /proc/PID/comm is the fallback.
        Optional<String> cmd = p.info().command();
        if (cmd.isPresent()) {
            return cmd.get().contains("ganesha");
        }
        try {
            String comm = Files.readString(java.nio.file.Path.of("/proc", Long.toString(p.pid()), "comm"));
            return comm.contains("ganesha") && !Files.readString(java.nio.file.Path.of("/proc",
                    Long.toString(p.pid()), "stat")).contains(") Z ");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean gone(ProcessHandle p, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (p.isAlive() && isGanesha(p)) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(files.pid());
        } catch (IOException e) {
            LOG.warn("({}) nfs: cannot remove {}: {}", instance, files.pid(), e.getMessage());
        }
    }

    private String read() {
        try {
            return Files.readString(files.conf(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void write(String conf) throws StepFailure {
        try {
            Files.createDirectories(files.dir());
            Files.writeString(files.conf(), conf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StepFailure("cannot write " + files.conf() + ": " + e.getMessage());
        }
    }

    private String logText() {
        try {
            return Files.readString(files.log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Why ganesha gave up, from its log: the first CRIT line that is not start-up noise (no D-Bus, no
     * Kerberos keytab: both are expected without them) and the last FATAL line.
     */
    static String lastProblem(String log) {
        String crit = null;
        String fatal = null;
        for (String line : log.split("\n")) {
            int i = line.indexOf(":CRIT :");
            int j = line.indexOf(":FATAL :");
            if (j >= 0) {
                fatal = line.substring(j + 8).strip();
            } else if (i >= 0 && crit == null && !line.contains(":DBUS :") && !line.contains("krb5")
                    && !line.contains("gssd")) {
                crit = line.substring(i + 7).strip();
            }
        }
        if (crit == null && fatal == null) {
            return "no CRIT or FATAL line in its log";
        }
        return crit == null ? fatal : fatal == null ? crit : crit + "; " + fatal;
    }
}
