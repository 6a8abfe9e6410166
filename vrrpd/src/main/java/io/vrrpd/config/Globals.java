package io.vrrpd.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * global_defs (keepalived.conf(5)) / {@code global} (YAML). Empty optionals mean "not set": keepalived then
 * uses the host name for the router id, HELO name and sender domain.
 *
 * @param routerId              router_id
 * @param notificationEmails    notification_email { ... } recipients
 * @param notificationEmailFrom notification_email_from
 * @param smtpServer            smtp_server host or address
 * @param smtpPort              smtp_server's optional port (default 25)
 * @param smtpConnectTimeout    smtp_connect_timeout (default 30 s)
 * @param smtpHeloName          smtp_helo_name
 * @param smtpAlert             smtp_alert: default for instances and sync groups (default false)
 * @param scriptUser            script_user USER
 * @param scriptGroup           script_user USER GROUP
 * @param enableScriptSecurity  enable_script_security
 * @param vrrpStartupDelay      vrrp_startup_delay (default 0)
 * @param garp                  vrrp_garp_* defaults that instances inherit
 * @param vrrpVersion           vrrp_version: default protocol version of instances (2 or 3, default 2)
 * @param stateDir              {@code state_dir}: where hooks keep records across restarts (default /var/lib/vrrpd)
 * @param runtimeDir            {@code runtime_dir}: node-local scratch for hooks, emptied at boot (default /run/vrrpd)
 * @param smtpOptions           what YAML adds for mail: TLS, AUTH, retries, queue size
 * @param realtimePriority      {@code vrrp_rt_priority} / {@code realtime_priority}: the SCHED_RR priority of the
 *                              event loop and receive threads, 1..99, or 0 for the normal policy (default
 *                              {@link #DEFAULT_REALTIME_PRIORITY})
 */
public record Globals(Optional<String> routerId, List<String> notificationEmails,
                      Optional<String> notificationEmailFrom, Optional<String> smtpServer, int smtpPort,
                      Duration smtpConnectTimeout, Optional<String> smtpHeloName, boolean smtpAlert,
                      Optional<String> scriptUser, Optional<String> scriptGroup, boolean enableScriptSecurity,
                      Duration vrrpStartupDelay, Garp garp, int vrrpVersion, Path stateDir, Path runtimeDir,
                      SmtpOptions smtpOptions, int realtimePriority) {
    /** Where hooks keep their records unless {@code state_dir} says otherwise. */
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/vrrpd");
    /** Where hooks keep node-local scratch unless {@code runtime_dir} says otherwise. */
    public static final Path DEFAULT_RUNTIME_DIR = Path.of("/run/vrrpd");
    /**
     * The event loop's SCHED_RR priority unless configured: the lowest real-time priority, enough to run ahead
     * of every normal task (sched(7)); in an hour under full CPU load it cut the adverts' median lateness from
     * 1.04 to 0.08 ms (BENCHMARKS.md, soak).
     */
    public static final int DEFAULT_REALTIME_PRIORITY = 1;
    /** The highest SCHED_RR priority on Linux (sched_get_priority_max(2)). */
    public static final int MAX_REALTIME_PRIORITY = 99;

    /** Globals with the default hook directories. */
    public Globals(Optional<String> routerId, List<String> notificationEmails,
                   Optional<String> notificationEmailFrom, Optional<String> smtpServer, int smtpPort,
                   Duration smtpConnectTimeout, Optional<String> smtpHeloName, boolean smtpAlert,
                   Optional<String> scriptUser, Optional<String> scriptGroup, boolean enableScriptSecurity,
                   Duration vrrpStartupDelay, Garp garp, int vrrpVersion) {
        this(routerId, notificationEmails, notificationEmailFrom, smtpServer, smtpPort, smtpConnectTimeout,
                smtpHeloName, smtpAlert, scriptUser, scriptGroup, enableScriptSecurity, vrrpStartupDelay, garp,
                vrrpVersion, DEFAULT_STATE_DIR, DEFAULT_RUNTIME_DIR, SmtpOptions.DEFAULTS, DEFAULT_REALTIME_PRIORITY);
    }

    /** Globals without vrrpd's mail additions ({@link SmtpOptions#DEFAULTS}), as keepalived.conf gives them. */
    public Globals(Optional<String> routerId, List<String> notificationEmails,
                   Optional<String> notificationEmailFrom, Optional<String> smtpServer, int smtpPort,
                   Duration smtpConnectTimeout, Optional<String> smtpHeloName, boolean smtpAlert,
                   Optional<String> scriptUser, Optional<String> scriptGroup, boolean enableScriptSecurity,
                   Duration vrrpStartupDelay, Garp garp, int vrrpVersion, Path stateDir, Path runtimeDir) {
        this(routerId, notificationEmails, notificationEmailFrom, smtpServer, smtpPort, smtpConnectTimeout,
                smtpHeloName, smtpAlert, scriptUser, scriptGroup, enableScriptSecurity, vrrpStartupDelay, garp,
                vrrpVersion, stateDir, runtimeDir, SmtpOptions.DEFAULTS, DEFAULT_REALTIME_PRIORITY);
    }

    /** Globals with the default real-time priority ({@link #DEFAULT_REALTIME_PRIORITY}). */
    public Globals(Optional<String> routerId, List<String> notificationEmails,
                   Optional<String> notificationEmailFrom, Optional<String> smtpServer, int smtpPort,
                   Duration smtpConnectTimeout, Optional<String> smtpHeloName, boolean smtpAlert,
                   Optional<String> scriptUser, Optional<String> scriptGroup, boolean enableScriptSecurity,
                   Duration vrrpStartupDelay, Garp garp, int vrrpVersion, Path stateDir, Path runtimeDir,
                   SmtpOptions smtpOptions) {
        this(routerId, notificationEmails, notificationEmailFrom, smtpServer, smtpPort, smtpConnectTimeout,
                smtpHeloName, smtpAlert, scriptUser, scriptGroup, enableScriptSecurity, vrrpStartupDelay, garp,
                vrrpVersion, stateDir, runtimeDir, smtpOptions, DEFAULT_REALTIME_PRIORITY);
    }

    public Globals {
        Objects.requireNonNull(routerId, "routerId");
        notificationEmails = List.copyOf(notificationEmails);
        Objects.requireNonNull(notificationEmailFrom, "notificationEmailFrom");
        Objects.requireNonNull(smtpServer, "smtpServer");
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new IllegalArgumentException("smtpPort out of range: " + smtpPort);
        }
        Objects.requireNonNull(smtpConnectTimeout, "smtpConnectTimeout");
        Objects.requireNonNull(smtpHeloName, "smtpHeloName");
        Objects.requireNonNull(scriptUser, "scriptUser");
        Objects.requireNonNull(scriptGroup, "scriptGroup");
        Objects.requireNonNull(vrrpStartupDelay, "vrrpStartupDelay");
        Objects.requireNonNull(garp, "garp");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        Objects.requireNonNull(smtpOptions, "smtpOptions");
        if (vrrpVersion != 2 && vrrpVersion != 3) {
            throw new IllegalArgumentException("vrrpVersion must be 2 or 3");
        }
        if (realtimePriority < 0 || realtimePriority > MAX_REALTIME_PRIORITY) {
            throw new IllegalArgumentException("realtimePriority must be 0..99 (was " + realtimePriority + ")");
        }
    }
}
