package io.vrrpd.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** picocli settings shared by vrrpd and vrrpctl: sysexits codes and never a stack trace. */
public final class Cli {
    private Cli() {
    }

    /** Sets output streams, EX_USAGE for bad arguments and a one-line EX_SOFTWARE report for defects. */
    public static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err, String name) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(name + ": " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.usage(c.getErr());
            }
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(name + ": internal error: " + ex.getClass().getSimpleName() + ": "
                    + ex.getMessage());
            return ExitCodes.SOFTWARE;
        });
        return cl;
    }
}
