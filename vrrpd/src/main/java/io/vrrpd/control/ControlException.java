package io.vrrpd.control;

/** A control-socket failure with a one-line, actionable message. */
public final class ControlException extends RuntimeException {
    public ControlException(String message) {
        super(message);
    }
}
