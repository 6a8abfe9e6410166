package io.vrrpd.cli;

import io.vrrpd.control.ControlClient;
import io.vrrpd.control.ControlRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The commands a monitoring check or an admin runs most, {@code [--socket PATH] status|failover|resume
 * [--json] [INSTANCE]}, parsed without picocli (issue 10: vrrpctl start-up). picocli 4.7 is compiled for
 * Java 5, so the JVM verifies its 175 classes with the old type-inferencing verifier on every start and
 * class-data sharing cannot archive them (JDK 17 archives no class older than Java 6); that was most of
 * vrrpctl's start-up. Everything else, any other option and any doubt, goes to picocli, which owns help,
 * usage errors and every other command; both paths print the same through {@link ControlCommands}.
 */
final class FastPath {

    private FastPath() {
    }

    /** Runs the command when it is one of the simple forms; empty when picocli must handle it. */
    static OptionalInt run(String[] args, PrintWriter out, PrintWriter err) throws IOException {
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
        boolean lean = !command.equals("status") || (json && instance == null);
        if (lean) {
            // No databind: the answer is read and printed with jackson-core's streaming API.
            ControlClient.Exchange x = ControlClient.exchange(path, new ControlRequest(command,
                    command.equals("status") ? null : instance));
            if (x.error() != null) {
                return OptionalInt.of(LeanAnswer.of(x.error()).finish(json, out, err));
            }
            LeanAnswer answer = LeanAnswer.parse(x.answer(), command.equals("status"));
            return OptionalInt.of(command.equals("status") ? answer.statusJson(out, err)
                    : answer.finish(json, out, err));
        }
        if (command.equals("status")) {
            return OptionalInt.of(ControlCommands.status(ControlClient.call(path, new ControlRequest("status", null)),
                    instance, json, out, err));
        }
        return OptionalInt.of(ControlCommands.finish(ControlClient.call(path, new ControlRequest(command, instance)),
                json, out, err));
    }
}
