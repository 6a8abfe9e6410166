package io.vrrpd.config;

/** How bad a configuration {@link Diagnostic} is: an error rejects the file, a warning does not. */
public enum Severity {
    ERROR,
    WARNING
}
