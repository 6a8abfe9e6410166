package io.vrrpd.control;

/**
 * One request on the control socket: a command, its optional instance and, for {@code action}, the
 * name of the hook action to run (e.g. {@code rejoin}).
 *
 * <p>On the wire each request is one JSON object on one line, e.g.
 * {@code {"command":"failover","instance":"VI_1"}}; each answer is one JSON object on one line.
 *
 * @param command  {@code status}, {@code failover}, {@code resume}, {@code reload} or {@code action}
 * @param instance the instance the command is about, or null for "the only one" / "all"
 * @param action   the hook action for {@code action} (e.g. {@code rejoin}), else null
 */
public record ControlRequest(String command, String instance, String action) {
    /** A request without an action name. */
    public ControlRequest(String command, String instance) {
        this(command, instance, null);
    }

    public ControlRequest {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("control request without a command");
        }
    }
}
