package io.vrrpd.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A command to run (notify script or track script), already split into argv: no shell is involved.
 *
 * @param argv  program and arguments, non-empty
 * @param user  user to run as (keepalived's script-line token 2, or script_user)
 * @param group group to run as (token 3)
 */
public record Script(List<String> argv, Optional<String> user, Optional<String> group) {
    public Script {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
    }

    /** @return a script run as the default user */
    public static Script of(String... argv) {
        return new Script(List.of(argv), Optional.empty(), Optional.empty());
    }
}
