package io.vrrpd.runtime;

/** The daemon cannot start (or an instance cannot be started on reload); the message is one actionable line. */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message, null, false, false);
    }
}
