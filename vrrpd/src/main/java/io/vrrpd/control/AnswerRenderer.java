package io.vrrpd.control;

/**
 * Renders an answer's body into the exact bytes {@code vrrpctl} prints (issue 10: parsing and
 * re-indenting a 175 KB status line in a cold client JVM cost more than the JVM's start, while the daemon
 * renders it warm). Runs on the control thread, off the event loop.
 */
@FunctionalInterface
public interface AnswerRenderer {
    /** A server that renders nothing: every answer goes out in the plain one-line format. */
    AnswerRenderer NONE = (request, response) -> null;

    /**
     * The rendered answer, or null to send {@code response} in the plain format (a command or form this
     * renderer does not know, or an answer without a body).
     */
    Rendered render(ControlRequest request, ControlResponse response);

    /**
     * What goes on the wire instead of the plain answer.
     *
     * @param envelope ok, message and exit code for the envelope line (its body is ignored)
     * @param bytes    what the client prints on stdout, as is
     */
    record Rendered(ControlResponse envelope, byte[] bytes) {
    }
}
