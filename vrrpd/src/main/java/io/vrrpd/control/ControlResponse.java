package io.vrrpd.control;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to one {@link ControlRequest}.
 *
 * @param ok       whether the command was carried out
 * @param message  one human line: what was done, or why not (never a stack trace)
 * @param exitCode the exit code vrrpctl should end with (0 when ok)
 * @param body     command-specific data (the status document), or null
 */
public record ControlResponse(boolean ok, String message, int exitCode, JsonNode body) {
    /** Exit code for a command the daemon understood but refused (e.g. failover on a backup). */
    public static final int REFUSED = 1;
    /** Exit code for a new configuration that failed validation (EX_CONFIG). */
    public static final int BAD_CONFIG = 78;
    /** Exit code for a malformed request (EX_USAGE). */
    public static final int BAD_REQUEST = 64;
    /** Exit code for an instance name the daemon does not have (EX_DATAERR). */
    public static final int NO_SUCH_INSTANCE = 65;
    /** Exit code when no daemon answers, or it is stopping (EX_UNAVAILABLE). */
    public static final int UNAVAILABLE = 69;
    /** Exit code for a defect inside the daemon (EX_SOFTWARE). */
    public static final int SOFTWARE = 70;
    /** Exit code for "try again" (busy, or the event loop did not answer in time) (EX_TEMPFAIL). */
    public static final int TEMPORARY_FAILURE = 75;

    public static ControlResponse ok(String message, JsonNode body) {
        return new ControlResponse(true, message, 0, body);
    }

    public static ControlResponse refused(String message) {
        return new ControlResponse(false, message, REFUSED, null);
    }

    public static ControlResponse error(int exitCode, String message) {
        return new ControlResponse(false, message, exitCode, null);
    }
}
