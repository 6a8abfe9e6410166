package io.vrrpd.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code vrrpctl} launcher: {@code status}, {@code failover}, {@code resume},
 * {@code reload}, {@code rejoin} and {@code hook-action} talk to the running daemon; {@code convert} works
 * on files.
 */
@Command(name = "vrrpctl", mixinStandardHelpOptions = true, version = "vrrpctl 0.1.0",
        description = "Control and inspect vrrpd.",
        subcommands = {ControlCommands.Status.class, ControlCommands.Failover.class, ControlCommands.Resume.class,
            ControlCommands.Reload.class, ControlCommands.Rejoin.class, ControlCommands.HookAction.class, ConvertCommand.class, CommandLine.HelpCommand.class})
public final class VrrpCtl implements Runnable {
    @CommandLine.Option(names = "--socket", paramLabel = "PATH", defaultValue = ControlCommands.DEFAULT_SOCKET,
            description = "vrrpd's control socket (default: ${DEFAULT-VALUE})")
    private java.nio.file.Path socket;

    java.nio.file.Path socket() {
        return socket;
    }

    @picocli.CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: print usage; the caller exits with EX_USAGE. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals(CdsTraining.ARGUMENT)) {
            System.exit(CdsTraining.run());
        }
        nameSelectorProvider();
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Names the JDK's own Linux NIO provider (issue 10: vrrpctl start-up). Without the property the first
     * socket looks for a provider service in every jar of the class path (java.nio.channels.spi.SelectorProvider#provider:
     * property, then ServiceLoader, then the default), which opened all 19 jars: 20 to 35 ms of a cold
     * client. Only when the class is there, so another JDK falls back to that lookup.
     */
    private static void nameSelectorProvider() {
        String property = "java.nio.channels.spi.SelectorProvider";
        String linux = "sun.nio.ch.EPollSelectorProvider";
        if (System.getProperty(property) != null) {
            return;
        }
        try {
            Class.forName(linux, false, ClassLoader.getSystemClassLoader());
            System.setProperty(property, linux);
        } catch (ClassNotFoundException | LinkageError e) {
            // not a Linux OpenJDK: the standard lookup finds the default provider, a little slower
        }
    }

    /**
     * Runs vrrpctl in-process.
     *
     * @return the exit code (see {@link ExitCodes})
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
        try {
            OptionalInt fast = FastPath.run(args, out, o, e);
            if (fast.isPresent()) {
                o.flush();
                e.flush();
                return fast.getAsInt();
            }
        } catch (IOException | RuntimeException ex) {
            e.println("vrrpctl: internal error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            e.flush();
            return ExitCodes.SOFTWARE;
        }
        CommandLine cl = Cli.configure(new CommandLine(new VrrpCtl()), o, e, "vrrpctl");
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return code;
    }
}
