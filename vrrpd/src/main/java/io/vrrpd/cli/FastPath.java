package io.vrrpd.cli;

import io.vrrpd.control.ControlClient;
import io.vrrpd.control.ControlRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The commands a monitoring check or an admin runs most, {@code [--socket PATH] status|failover|resume
 * [--json] [INSTANCE]}, parsed without picocli (issue 10: vrrpctl start-up). picocli 4.7 is compiled for
 * Java 5, so the JVM verifies its 175 classes with the old type-inferencing verifier on every start and
 * class-data sharing cannot archive them (JDK 17 archives no class older than Java 6); that was most of
 * vrrpctl's start-up. Everything else, any other option and any doubt, goes to picocli, which owns help,
 * usage errors and every other command; both paths print the same through {@link ControlCommands} (for
 * {@code status}, rendered by the daemon with the same code: {@link StatusRendering}).
 */
final class FastPath {

    private FastPath() {
    }

    /** Runs the command when it is one of the simple forms; empty when picocli must handle it. */
    static OptionalInt run(String[] args, PrintStream stdout, PrintWriter out, PrintWriter err) throws IOException {
        int i = 0;
        String socket = ControlCommands.DEFAULT_SOCKET;
        if (i < args.length && args[i].startsWith("--socket=") && args[i].length() > 9) {
            socket = args[i++].substring(9);
        } else if (i + 1 < args.length && args[i].equals("--socket") && !args[i + 1].startsWith("-")) {
            socket = args[i + 1];
            i += 2;
        }
        if (i >= args.length) {
            return OptionalInt.empty();
        }
        String command = args[i++];
        if (!command.equals("status") && !command.equals("failover") && !command.equals("resume")) {
            return OptionalInt.empty();
        }
        boolean json = false;
        String instance = null;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json") && !json) {
                json = true;
            } else if (!a.isEmpty() && !a.startsWith("-") && instance == null) {
                instance = a;
            } else {
                return OptionalInt.empty();
            }
        }
        Path path = Path.of(socket);
        if (command.equals("status")) {
            return OptionalInt.of(status(path, instance, json, stdout, out, err));
        }
        // No databind: the answer is read and printed with jackson-core's streaming API.
        ControlClient.Exchange x = ControlClient.exchange(path, new ControlRequest(command, instance));
        if (x.error() != null) {
            return OptionalInt.of(LeanAnswer.of(x.error()).finish(json, out, err));
        }
        return OptionalInt.of(LeanAnswer.parse(x.answer(), false).finish(json, out, err));
    }

    /**
     * {@code status}: the daemon renders the bytes to print (issue 10) and they are copied to stdout; a
     * daemon without that (older than the request's {@code render} field, which it ignores) answers in the
     * plain format, printed here as before.
     */
    private static int status(Path path, String instance, boolean json, PrintStream stdout, PrintWriter out,
            PrintWriter err) throws IOException {
        // Jackson's first parser and generator cost a cold JVM 10 to 20 ms; made on a second core while
        // this thread sets up the socket (the JDK's NIO and SecureRandom start-up), they are ready when
        // the request is written and the answer read.
        Thread warm = new Thread(LeanAnswer::warmUp, "vrrpctl-warm-up");
        warm.setDaemon(true);
        warm.start();
        ControlClient.Exchange x = ControlClient.exchange(path, new ControlRequest("status", instance, null,
                json ? ControlRequest.RENDER_JSON : ControlRequest.RENDER_TEXT));
        if (x.error() != null) {
            return LeanAnswer.of(x.error()).finish(json, out, err);
        }
        if (x.rendered() != null) {
            return LeanAnswer.parse(x.answer(), false).printRendered(x.rendered(), stdout, out, err);
        }
        if (json && instance == null) {
            return LeanAnswer.parse(x.answer(), true).statusJson(out, err);
        }
        return ControlCommands.status(ControlClient.response(path, x.answer()), instance, json, out, err);
    }
}
