package io.vrrpd.lab;

/**
 * A lab operation failed: a command exited non-zero or timed out, a log line never came, a namespace could
 * not be made. The message names the command and carries its stderr (or the log's tail), so a failing lab
 * test says why without a debugger.
 */
public final class LabException extends RuntimeException {

    /** @param message what failed, with the command line and its stderr */
    public LabException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying I/O or interrupt
     */
    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
