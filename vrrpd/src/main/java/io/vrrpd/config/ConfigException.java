package io.vrrpd.config;

import java.util.List;

/**
 * A configuration that cannot be used. Carries every error found (not just the first) and the warnings
 * collected on the way. {@link #unreadable()} tells a missing/unreadable main file (EX_NOINPUT) apart
 * from an invalid one (EX_CONFIG).
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> errors;
    private final transient List<Diagnostic> warnings;
    private final boolean unreadable;

    public ConfigException(List<Diagnostic> errors, List<Diagnostic> warnings, boolean unreadable) {
        super(errors.isEmpty() ? "invalid configuration" : errors.get(0).toString(), null, false, false);
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
        this.unreadable = unreadable;
    }

    /** @return every error, in file order, at least one */
    public List<Diagnostic> errors() {
        return errors;
    }

    /** @return warnings collected before the errors made the file unusable */
    public List<Diagnostic> warnings() {
        return warnings;
    }

    /** @return true when the main configuration file itself could not be read */
    public boolean unreadable() {
        return unreadable;
    }
}
