package io.vrrpd.hooks;

import java.util.List;
import java.util.Objects;

/**
 * A script as configured, e.g. keepalived's {@code notify_master "/path/to_master.sh arg" user group}
 * (keepalived.conf(5), "notify scripts"): the argument vector after the config parser has split and
 * unquoted it, and who to run it as.
 *
 * @param argv  program and arguments; {@code argv.get(0)} is the script, best an absolute path
 * @param user  user to run as, or {@code null} for the default {@code script_user}
 * @param group group to run as, or {@code null} for the user's primary group
 */
public record ScriptCommand(List<String> argv, String user, String group) {

    public ScriptCommand {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("script command must name a program");
        }
        if (user != null && user.isBlank()) {
            throw new IllegalArgumentException("script user must not be blank");
        }
        if (group != null && group.isBlank()) {
            throw new IllegalArgumentException("script group must not be blank");
        }
    }

    /** A command run as the default script user. */
    public static ScriptCommand of(String... argv) {
        return new ScriptCommand(List.of(argv), null, null);
    }

    /** The program, {@code argv.get(0)}. */
    public String program() {
        return argv.get(0);
    }
}
