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
 */
public record Globals(Optional<String> routerId, List<String> notificationEmails,
                      Optional<String> notificationEmailFrom, Optional<String> smtpServer, int smtpPort,
                      Duration smtpConnectTimeout, Optional<String> smtpHeloName, boolean smtpAlert,
                      Optional<String> scriptUser, Optional<String> scriptGroup, boolean enableScriptSecurity,
                      Duration vrrpStartupDelay, Garp garp, int vrrpVersion, Path stateDir, Path runtimeDir) {
    /** Where hooks keep their records unless {@code state_dir} says otherwise. */
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/vrrpd");
    /** Where hooks keep node-local scratch unless {@code runtime_dir} says otherwise. */
    public static final Path DEFAULT_RUNTIME_DIR = Path.of("/run/vrrpd");

    /** Globals with the default hook directories. */
    public Globals(Optional<String> routerId, List<String> notificationEmails,
                   Optional<String> notificationEmailFrom, Optional<String> smtpServer, int smtpPort,
                   Duration smtpConnectTimeout, Optional<String> smtpHeloName, boolean smtpAlert,
                   Optional<String> scriptUser, Optional<String> scriptGroup, boolean enableScriptSecurity,
                   Duration vrrpStartupDelay, Garp garp, int vrrpVersion) {
        this(routerId, notificationEmails, notificationEmailFrom, smtpServer, smtpPort, smtpConnectTimeout,
                smtpHeloName, smtpAlert, scriptUser, scriptGroup, enableScriptSecurity, vrrpStartupDelay, garp,
                vrrpVersion, DEFAULT_STATE_DIR, DEFAULT_RUNTIME_DIR);
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
        if (vrrpVersion != 2 && vrrpVersion != 3) {
            throw new IllegalArgumentException("vrrpVersion must be 2 or 3");
        }
    }
}
