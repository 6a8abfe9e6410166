package io.vrrpd.control;

/**
 * One request on the control socket: a command and its optional instance argument.
 *
 * <p>On the wire each request is one JSON object on one line, e.g.
 * {@code {"command":"failover","instance":"VI_1"}}; each answer is one JSON object on one line.
 *
 * @param command  {@code status}, {@code failover}, {@code resume} or {@code reload}
 * @param instance the instance the command is about, or null for "the only one" / "all"
 */
public record ControlRequest(String command, String instance) {
    public ControlRequest {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("control request without a command");
        }
    }
}
