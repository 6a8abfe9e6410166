package io.vrrpd.runtime;

import io.vrrpd.config.LoadedConfig;
import io.vrrpd.control.ControlException;
import io.vrrpd.control.ControlServer;
import io.vrrpd.cli.StatusRendering;
import io.vrrpd.mail.FailoverMailer;
import io.vrrpd.mail.MailSetupException;
import io.vrrpd.net.linux.Capabilities;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs the daemon in the foreground until SIGTERM/SIGINT: opens the platform, starts the instances,
 * serves the control socket, reloads on SIGHUP, and on the way out resigns every master (priority 0)
 * and removes its VIPs before exiting 0.
 */
final class DaemonRunner {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");
    /** EX_OSERR: the operating system refused something we need (sockets, privileges). */
    static final int OS_ERROR = 71;
    /** EX_CONFIG: the configuration cannot be used (here: the mail settings, e.g. an unreadable password file). */
    static final int CONFIG_ERROR = 78;

    private DaemonRunner() {
    }

    static int run(Path configFile, LoadedConfig loaded, Path controlSocket, Path pidFile, PrintWriter err) {
        // Checked before anything else is printed or opened, so a unit that lacks them fails with one line.
        List<Capabilities.Needed> missing = Capabilities.missingNow();
        if (!missing.isEmpty()) {
            err.println("vrrpd: " + Capabilities.message(missing));
            return OS_ERROR;
        }
        loaded.warnings().forEach(w -> LOG.warn("{}", w));
        ScriptPaths.problems(loaded.config()).forEach(m -> LOG.warn("{}", m));
        LinuxPlatform platform;
        try {
            platform = LinuxPlatform.open();
        } catch (IOException e) {
            err.println("vrrpd: " + e.getMessage() + " (vrrpd needs root, or CAP_NET_ADMIN and CAP_NET_RAW)");
            return OS_ERROR;
        } catch (LinkageError e) {
            err.println("vrrpd: cannot load the native access library (JNA): " + e.getMessage()
                    + "; if /tmp is noexec, set -Djna.tmpdir to a writable, executable directory");
            return OS_ERROR;
        }
        FailoverMailer mail = null;
        try {
            mail = FailoverMailer.start(loaded.config().globals());
        } catch (MailSetupException e) {
            if (MailCheck.alerting(loaded.config())) {
                err.println("vrrpd: " + e.getMessage());
                platform.close();
                return CONFIG_ERROR;
            }
            // keepalived never looks at the mail settings without smtp_alert; neither do we, beyond a warning.
            LOG.warn("mail settings unusable, and no smtp_alert uses them: {}", e.getMessage());
        }
        MailCheck.warn(loaded.config(), mail != null && mail.enabled(), LOG);
        Daemon daemon = new Daemon(configFile, loaded.config(), platform, MonotonicClock.SYSTEM,
                new HookDispatcher(loaded.config().globals(), platform.systemd(), mail));
        if (pidFile != null && !writePid(pidFile, err)) {
            platform.close();
            return OS_ERROR;
        }
        ControlServer control = null;
        try {
            try {
                daemon.start();
            } catch (StartupException e) {
                err.println("vrrpd: " + e.getMessage());
                return OS_ERROR;
            } catch (Exception e) {
                err.println("vrrpd: start-up failed: " + e);
                daemon.stop();
                return OS_ERROR;
            }
            try {
                control = ControlServer.start(controlSocket, daemon::handle, new StatusRendering());
            } catch (ControlException e) {
                err.println("vrrpd: " + e.getMessage());
                daemon.stop();
                return OS_ERROR;
            }
            LOG.info("vrrpd started: {} instance(s) from {}, control socket {}",
                    loaded.config().instances().size(), configFile, controlSocket);
            CountDownLatch stop = new CountDownLatch(1);
            Signal.handle(new Signal("TERM"), s -> stop.countDown());
            Signal.handle(new Signal("INT"), s -> stop.countDown());
            Signal.handle(new Signal("HUP"), s -> new Thread(() -> {
                LOG.info("SIGHUP: reloading {}", configFile);
                try {
                    daemon.reload();
                } catch (Exception e) {
                    LOG.error("reload failed: {}", e.toString());
                }
            }, "vrrpd-reload").start());
            await(stop);
            LOG.info("stopping: masters resign with priority 0 and remove their virtual IPs");
            daemon.stop();
            LOG.info("vrrpd stopped");
            return 0;
        } finally {
            if (control != null) {
                control.close();
            }
            if (pidFile != null) {
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException e) {
                    LOG.warn("cannot remove pid file {}: {}", pidFile, e.getMessage());
                }
            }
        }
    }

    private static void await(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // only a signal ends the daemon
            }
        }
    }

    private static boolean writePid(Path pidFile, PrintWriter err) {
        try {
            if (Files.exists(pidFile)) {
                long old = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
                boolean liveJava = ProcessHandle.of(old).filter(ProcessHandle::isAlive)
                        .flatMap(h -> h.info().command()).map(c -> c.contains("java")).orElse(false);
                if (liveJava && old != ProcessHandle.current().pid()) {
                    err.println("vrrpd: already running as pid " + old + " (" + pidFile + ")");
                    return false;
                }
            }
            Path parent = pidFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | NumberFormatException e) {
            err.println("vrrpd: cannot write pid file " + pidFile + ": " + e.getMessage());
            return false;
        }
    }
}
