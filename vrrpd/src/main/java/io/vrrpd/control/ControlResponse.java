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
