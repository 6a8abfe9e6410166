package io.vrrpd.hooks;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a hook runs, handed to {@link HookFactory#create}.
 *
 * @param instance         the VRRP instance the hook belongs to, e.g. {@code VI_1}
 * @param stateDirectory   a directory this node keeps across restarts for the hook's own records
 *                         (e.g. the last promotion), {@code /var/lib/vrrpd} by default; a hook uses a
 *                         sub-directory or file named after its type and instance
 * @param runtimeDirectory a directory on this node that is emptied at boot ({@code /run/vrrpd} by
 *                         default): rendered configs, pid files, sockets; never on shared storage
 * @param commands         how to run external programs (argv, deadline, user, logged, tree-killed)
 */
public record HookEnvironment(String instance, Path stateDirectory, Path runtimeDirectory, CommandRunner commands) {
    public HookEnvironment {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(runtimeDirectory, "runtimeDirectory");
        Objects.requireNonNull(commands, "commands");
    }
}
