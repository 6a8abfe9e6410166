package io.vrrpd.hooks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts scripts for hooks the way a daemon should: stdin from {@code /dev/null}, working directory
 * {@code /}, stdout and stderr logged at INFO line by line and their last 4 KiB kept, {@code NOTIFY_SOCKET}
 * removed from the environment (a script must not be able to send sd_notify messages in our name), and a
 * timeout after which the whole process tree is killed: SIGTERM to the script and every descendant, then
 * SIGKILL after {@link #KILL_GRACE} to whatever is left. Descendants are collected before the script is
 * signalled, because once it dies they are re-parented and no longer found through it.
 *
 * <p><b>Running as another user.</b> When a {@link ScriptCommand} (or the default {@code script_user})
 * names a user and vrrpd runs as root, the script is run through util-linux
 * {@code setpriv --reuid=USER --regid=GROUP --init-groups --inh-caps=-all --ambient-caps=-all --}, the group being the configured one or the
 * user's primary group ({@code id -gn USER}). Without root a user cannot be switched: that is logged once
 * per user and the script runs as vrrpd's own user.
 *
 * <p>Thread-safe; one instance may serve every hook.
 */
public final class ScriptExecutor {

    /** Default time a script may run: keepalived's {@code script_timeout}-like 30 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Time between SIGTERM and SIGKILL when a script overruns. */
    public static final Duration KILL_GRACE = Duration.ofSeconds(2);
    /** How much of each output stream is kept for the result. */
    public static final int OUTPUT_LIMIT = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(ScriptExecutor.class);
    private static final Logger SCRIPT_LOG = LoggerFactory.getLogger("io.vrrpd.hooks.script");

    private final String defaultUser;
    private final String defaultGroup;
    private final boolean root;
    private final Duration killGrace;
    private final Map<String, String> baseEnvironment;
    private final Set<String> warnedUsers = ConcurrentHashMap.newKeySet();
    private final Map<String, String> primaryGroups = new ConcurrentHashMap<>();

    /**
     * @param defaultUser  keepalived's {@code script_user}: who runs scripts that name no user, or
     *                     {@code null} to run them as vrrpd's own user
     * @param defaultGroup the group for {@code defaultUser}, or {@code null} for its primary group
     */
    public ScriptExecutor(String defaultUser, String defaultGroup) {
        this(defaultUser, defaultGroup, runningAsRoot(), KILL_GRACE, null);
    }

    /** For tests: forced root-ness, kill grace, and an environment to start from instead of ours. */
    ScriptExecutor(String defaultUser, String defaultGroup, boolean root, Duration killGrace,
                   Map<String, String> baseEnvironment) {
        this.defaultUser = defaultUser;
        this.defaultGroup = defaultGroup;
        this.root = root;
        this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
        this.baseEnvironment = baseEnvironment == null ? null : Map.copyOf(baseEnvironment);
    }

    /** Whether scripts naming a user are switched to it (vrrpd runs as root). */
    public boolean switchesUsers() {
        return root;
    }

    /**
     * Runs a script to completion or its timeout. Never throws for a bad script: a missing or
     * non-executable program comes back as {@link ScriptRun.Status#NOT_STARTED} with the reason.
     *
     * @param label     what to call it in logs and results, e.g. {@code notify_master /x.sh}
     * @param logPrefix prefix of its output lines in the log, e.g. {@code (VI_1) notify_master}
     * @param command   the configured command
     * @param extraArgs arguments appended to the configured ones
     * @param extraEnv  variables added to the inherited environment
     * @param timeout   how long it may run before its process tree is killed
     * @throws InterruptedException if interrupted while waiting; the process tree is killed first
     */
    public ScriptRun run(String label, String logPrefix, ScriptCommand command, List<String> extraArgs,
                         Map<String, String> extraEnv, Duration timeout) throws InterruptedException {
        return start(label, logPrefix, command, extraArgs, extraEnv).await(System.nanoTime() + timeout.toNanos());
    }

    /** Starts a script without waiting; {@link RunningScript#await} collects it. */
    RunningScript start(String label, String logPrefix, ScriptCommand command, List<String> extraArgs,
                        Map<String, String> extraEnv) {
        String problem = checkProgram(command.program());
        if (problem != null) {
            return RunningScript.failedToStart(ScriptRun.notStarted(label, problem));
        }
        List<String> argv = new ArrayList<>();
        String user = command.user() != null ? command.user() : defaultUser;
        if (user != null) {
            String group = command.user() != null ? command.group() : defaultGroup;
            if (root) {
                if (group == null) {
                    group = primaryGroup(user);
                    if (group == null) {
                        return RunningScript.failedToStart(ScriptRun.notStarted(label,
                                "cannot find the primary group of user " + user));
                    }
                }
                // Drop the inheritable and ambient sets too: under the systemd unit vrrpd holds CAP_NET_ADMIN
                // and CAP_NET_RAW as ambient capabilities, which a non-root to non-root switch would pass on
                // to the script (capabilities(7), "Effect of user ID changes on capabilities").
                argv.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups",
                        "--inh-caps=-all", "--ambient-caps=-all", "--"));
            } else if (!user.equals(System.getProperty("user.name")) && warnedUsers.add(user)) {
                LOG.warn("not running as root: scripts configured to run as user {} run as {} instead",
                        user, System.getProperty("user.name"));
            }
        }
        argv.addAll(command.argv());
        argv.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        if (baseEnvironment != null) {
            env.clear();
            env.putAll(baseEnvironment);
        }
        env.remove("NOTIFY_SOCKET");
        env.putAll(extraEnv);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return RunningScript.failedToStart(ScriptRun.notStarted(label,
                    "cannot run " + command.program() + ": " + HookLane.oneLine(e)));
        }
        String thread = "script-" + process.pid();
        OutputTail out = new OutputTail(process.getInputStream(), SCRIPT_LOG, logPrefix, OUTPUT_LIMIT)
                .start(thread + "-out");
        OutputTail err = new OutputTail(process.getErrorStream(), SCRIPT_LOG, logPrefix + " (stderr)", OUTPUT_LIMIT)
                .start(thread + "-err");
        return new RunningScript(label, process, out, err, start, killGrace, null);
    }

    /** Why a program cannot run, or null when it looks runnable (relative names are left to PATH). */
    private static String checkProgram(String program) {
        Path path = Path.of(program);
        if (!path.isAbsolute()) {
            return null;
        }
        if (!Files.exists(path)) {
            return "script " + program + " does not exist";
        }
        if (!Files.isRegularFile(path)) {
            return "script " + program + " is not a regular file";
        }
        if (!Files.isExecutable(path)) {
            return "script " + program + " is not executable";
        }
        return null;
    }

    private String primaryGroup(String user) {
        String cached = primaryGroups.get(user);
        if (cached != null) {
            return cached;
        }
        try {
            Process id = new ProcessBuilder("id", "-gn", "--", user)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String name = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!id.waitFor(5, TimeUnit.SECONDS) || id.exitValue() != 0 || name.isEmpty()) {
                id.destroyForcibly();
                return null;
            }
            primaryGroups.put(user, name);
            return name;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether this process runs as root (effective uid 0). */
    public static boolean runningAsRoot() {
        try {
            // /proc/self is owned by the process's effective uid (proc(5)).
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
