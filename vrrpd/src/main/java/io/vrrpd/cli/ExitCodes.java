package io.vrrpd.cli;

/** Process exit codes of vrrpd and vrrpctl, from sysexits.h. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** EX_USAGE: bad command-line arguments. */
    public static final int USAGE = 64;
    /** EX_NOINPUT: the configuration file cannot be read. */
    public static final int NO_INPUT = 66;
    /** EX_SOFTWARE: internal error, or a mode not implemented yet. */
    public static final int SOFTWARE = 70;
    /** EX_CONFIG: the configuration is invalid. */
    public static final int CONFIG = 78;

    private ExitCodes() {
    }
}
