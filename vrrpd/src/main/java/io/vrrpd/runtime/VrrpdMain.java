package io.vrrpd.runtime;

import io.vrrpd.cli.Cli;
import io.vrrpd.cli.ConfigCheck;
import io.vrrpd.cli.ExitCodes;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Entry point of the {@code vrrpd} launcher. {@code --check-config} validates the configuration and prints
 * a summary; without it the daemon runs in the foreground, logging to stdout, until SIGTERM.
 */
@Command(name = "vrrpd", mixinStandardHelpOptions = true, version = "vrrpd 0.1.0",
        description = "VRRP failover daemon (RFC 3768) reading keepalived.conf or vrrpd YAML.")
public final class VrrpdMain implements Callable<Integer> {
    /** Used when --config is not given. */
    public static final String DEFAULT_CONFIG = "/etc/vrrpd/vrrpd.yaml";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--config"}, paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
            description = "configuration file: .yaml/.yml is vrrpd YAML, anything else keepalived.conf"
                    + " (default: ${DEFAULT-VALUE})")
    private Path config;

    @Option(names = {"-t", "--check-config"}, description = "check the configuration, print a summary, exit")
    private boolean checkConfig;

    @Option(names = "--control-socket", paramLabel = "PATH", defaultValue = "/run/vrrpd/vrrpd.sock",
            description = "Unix socket vrrpctl talks to, mode 0660 (default: ${DEFAULT-VALUE})")
    private Path controlSocket;

    @Option(names = "--pid-file", paramLabel = "PATH", description = "write the daemon's pid here")
    private Path pidFile;

    private VrrpdMain() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigCheck.Outcome o = ConfigCheck.load(config, err);
        if (o.loaded() == null) {
            return o.exitCode();
        }
        if (checkConfig) {
            out.print(ConfigCheck.summary(o.loaded().config()));
            ScriptPaths.problems(o.loaded().config()).forEach(m -> err.println("warning: " + m));
            out.println(config + ": configuration OK");
            return ExitCodes.OK;
        }
        return DaemonRunner.run(config, o.loaded(), controlSocket, pidFile, err);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs vrrpd's command line in-process (tests call this; main exits with its result).
     *
     * @return the exit code (see {@link ExitCodes})
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
        int code = Cli.configure(new CommandLine(new VrrpdMain()), o, e, "vrrpd").execute(args);
        o.flush();
        e.flush();
        return code;
    }
}
