package io.vrrpd.lab;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a lab namespace: {@code vrl<pid>-<seq>-<role>}, e.g. {@code vrl4242-1-sw} or
 * {@code vrl4242-1-n2}. The pid is the JVM that made it, so a sweep can tell a crashed run's leftovers from
 * a lab that another build is running right now; seq tells apart labs of one JVM.
 *
 * @param pid  the creating process
 * @param seq  the lab's number within that process, from 1
 * @param role {@code sw} for the switch, {@code n<i>} for node i
 */
public record LabName(long pid, int seq, String role) {

    /** The prefix every lab namespace starts with; nothing else on the host may use it. */
    public static final String PREFIX = "vrl";

    private static final Pattern FORMAT = Pattern.compile("^" + PREFIX + "(\\d{1,10})-(\\d{1,6})-(sw|n\\d{1,3})$");

    /** Validates the parts. */
    public LabName {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive (was " + pid + ")");
        }
        if (seq <= 0) {
            throw new IllegalArgumentException("seq must be positive (was " + seq + ")");
        }
        if (!role.matches("sw|n\\d{1,3}")) {
            throw new IllegalArgumentException("role must be sw or n<number> (was " + role + ")");
        }
    }

    /**
     * @param name a namespace name, e.g. a line of {@code ip netns list} without its {@code (id: N)}
     * @return the parsed name, or empty if it is not a lab namespace
     */
    public static Optional<LabName> parse(String name) {
        Matcher m = FORMAT.matcher(name.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(m.group(1));
        int seq = Integer.parseInt(m.group(2));
        // A name of the right shape with pid or seq 0 was not made by a lab: leave it alone.
        return pid > 0 && seq > 0 ? Optional.of(new LabName(pid, seq, m.group(3))) : Optional.empty();
    }

    /** @return the lab's id, the name without its role, e.g. {@code vrl4242-1} */
    public String labId() {
        return PREFIX + pid + "-" + seq;
    }

    /** @return the namespace name */
    @Override
    public String toString() {
        return labId() + "-" + role;
    }
}
