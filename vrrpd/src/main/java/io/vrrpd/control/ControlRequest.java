package io.vrrpd.control;

/**
 * One request on the control socket: a command, its optional instance, for {@code action} the name of
 * the hook action to run (e.g. {@code rejoin}), and optionally the form the client wants the answer's
 * body rendered in.
 *
 * <p>On the wire each request is one JSON object on one line, e.g.
 * {@code {"command":"failover","instance":"VI_1"}}; each answer is one JSON object on one line, except
 * a rendered answer (see {@link AnswerRenderer}): one envelope line {@code {ok, message, exit, length}}
 * followed by exactly {@code length} bytes to print.
 *
 * @param command  {@code status}, {@code failover}, {@code resume}, {@code reload} or {@code action}
 * @param instance the instance the command is about, or null for "the only one" / "all"
 * @param action   the hook action for {@code action} (e.g. {@code rejoin}), else null
 * @param render   {@code json-pretty} or {@code text} to have the daemon render the status body, else null;
 *                 a daemon that does not know the field or the form answers in the plain format
 */
public record ControlRequest(String command, String instance, String action, String render) {
    /** The body forms {@code vrrpctl status} asks for: {@code status --json} and plain {@code status}. */
    public static final String RENDER_JSON = "json-pretty";
    public static final String RENDER_TEXT = "text";

    /** A request without an action name. */
    public ControlRequest(String command, String instance) {
        this(command, instance, null, null);
    }

    /** A request whose answer comes in the plain format. */
    public ControlRequest(String command, String instance, String action) {
        this(command, instance, action, null);
    }

    public ControlRequest {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("control request without a command");
        }
    }
}
