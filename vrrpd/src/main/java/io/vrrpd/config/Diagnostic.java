package io.vrrpd.config;

import java.util.Objects;

/**
 * One located message about a configuration file.
 *
 * @param severity error (the file is rejected) or warning
 * @param location {@code file:line} for keepalived.conf, the YAML path (e.g. {@code instances.VI_1.vrid})
 *                 for YAML, or the file name alone when no better place is known
 * @param message  what is wrong, e.g. {@code virtual_router_id must be 1..255 (was 300)}
 */
public record Diagnostic(Severity severity, String location, String message) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code location: message}, the line printed to the user */
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
