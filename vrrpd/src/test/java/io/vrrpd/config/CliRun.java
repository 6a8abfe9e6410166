package io.vrrpd.config;

import io.vrrpd.cli.VrrpCtl;
import io.vrrpd.runtime.VrrpdMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs vrrpd or vrrpctl in-process and captures what they print. */
record CliRun(int exitCode, String out, String err) {
    static CliRun vrrpd(String... args) {
        return capture(true, args);
    }

    static CliRun vrrpctl(String... args) {
        return capture(false, args);
    }

    private static CliRun capture(boolean daemon, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = daemon ? VrrpdMain.run(args, o, e) : VrrpCtl.run(args, o, e);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    boolean hasStackTrace() {
        return (out + err).contains("Exception") || (out + err).contains("\tat ");
    }
}
