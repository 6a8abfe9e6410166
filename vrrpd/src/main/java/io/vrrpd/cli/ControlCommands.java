package io.vrrpd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vrrpd.control.ControlClient;
import io.vrrpd.control.ControlRequest;
import io.vrrpd.control.ControlResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The vrrpctl subcommands that talk to a running daemon over its control socket. */
final class ControlCommands {
    /** Where vrrpd listens unless told otherwise (vrrpd --control-socket). */
    static final String DEFAULT_SOCKET = "/run/vrrpd/vrrpd.sock";

    private ControlCommands() {
    }

    /** Prints a daemon's answer: {ok, message, exit} with --json, else its message; returns its exit code. */
    static int finish(ControlResponse r, boolean json, PrintWriter out, PrintWriter err) {
        if (json) {
            var node = new ObjectMapper().createObjectNode();
            node.put("ok", r.ok());
            node.put("message", r.message());
            node.put("exit", r.exitCode());
            if (r.body() != null) {
                node.set("body", r.body());
            }
            out.println(node.toString());
            return r.exitCode();
        }
        PrintWriter w = r.ok() ? out : err;
        if (!r.message().isEmpty()) {
            w.println(r.ok() ? r.message() : "vrrpctl: " + r.message());
        }
        return r.exitCode();
    }

    /** Prints the answer to {@code status}, of every instance or of {@code instance} only. */
    static int status(ControlResponse r, String instance, boolean json, PrintWriter out, PrintWriter err)
            throws java.io.IOException {
        if (!r.ok()) {
            return finish(r, json, out, err);
        }
        JsonNode body = instance == null ? r.body() : only(r.body(), instance);
        if (instance != null && body == null) {
            err.println("vrrpctl: " + noSuchInstance(instance));
            return ControlResponse.NO_SUCH_INSTANCE;
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body));
        } else {
            out.print(StatusText.render(body));
        }
        return 0;
    }

    /** The status document with only the instance named so (the last of that name), or null when none is. */
    static JsonNode only(JsonNode body, String instance) {
        if (body == null) {
            return null;
        }
        JsonNode found = null;
        for (JsonNode i : body.path("instances")) {
            if (instance.equals(i.path("name").asText())) {
                found = i;
            }
        }
        if (found == null) {
            return null;
        }
        // A shallow copy in the original field order: the daemon's document is shared with no one, but a
        // caller's may be.
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (var field : body.properties()) {
            copy.set(field.getKey(), field.getKey().equals("instances")
                    ? JsonNodeFactory.instance.arrayNode().add(found) : field.getValue());
        }
        return copy;
    }

    static String noSuchInstance(String instance) {
        return "no instance named '" + instance + "'";
    }

    /** Shared by the subcommands: send, print the one-line message, return the daemon's exit code. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        VrrpCtl parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "print JSON for scripts: status prints the status document, the others"
                + " {ok, message, exit}; an error is {ok:false, message, exit} on stdout")
        boolean json;

        ControlResponse send(String command, String instance) {
            return ControlClient.call(socket(), new ControlRequest(command, instance));
        }

        ControlResponse sendAction(String action, String instance) {
            return ControlClient.call(socket(), new ControlRequest("action", instance, action));
        }

        Path socket() {
            return parent == null ? Path.of(DEFAULT_SOCKET) : parent.socket();
        }

        int finish(ControlResponse r) {
            return ControlCommands.finish(r, json, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show each instance: state, priority, VIPs, current master, counters.",
                "Exit 0 when the daemon answered; 69 when it is not running."})
    static final class Status extends Base {
        @Parameters(arity = "0..1", paramLabel = "INSTANCE", description = "only this instance")
        String instance;

        @Override
        public Integer call() throws Exception {
            return status(send("status", null), instance, json, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }

    @Command(name = "failover", mixinStandardHelpOptions = true,
            description = {"Planned handover: the master removes its VIPs, sends priority 0 so the peer",
                "takes over after its skew time, and holds BACKUP until 'vrrpctl resume'.",
                "Without INSTANCE: every instance this node is master of.",
                "Exit 1 (with the reason) when this node is not the master."})
    static final class Failover extends Base {
        @Parameters(arity = "0..1", paramLabel = "INSTANCE")
        String instance;

        @Override
        public Integer call() {
            return finish(send("failover", instance));
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Release the hold a 'failover' left; the node may preempt again as configured.")
    static final class Resume extends Base {
        @Parameters(arity = "0..1", paramLabel = "INSTANCE")
        String instance;

        @Override
        public Integer call() {
            return finish(send("resume", instance));
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = {"Re-read the configuration (like SIGHUP). Unchanged instances keep their state and",
                "VIPs; a configuration with errors is refused, printed, and the running one stays (exit 78)."})
    static final class Reload extends Base {
        @Override
        public Integer call() {
            return finish(send("reload", null));
        }
    }

    @Command(name = "rejoin", mixinStandardHelpOptions = true,
            description = {"Run the 'rejoin' action of the instance's hooks (the PostgreSQL hook: make this node",
                "a standby of the current primary again), on the instance's hook lane, serial with its",
                "transitions. Without INSTANCE: the only instance whose hooks offer it.",
                "Exit 0 when every hook reported OK, 1 when one failed (the reason is printed),",
                "64 when no hook offers 'rejoin'."})
    static final class Rejoin extends Base {
        @Parameters(arity = "0..1", paramLabel = "INSTANCE")
        String instance;

        @Override
        public Integer call() {
            return finish(sendAction("rejoin", instance));
        }
    }

    @Command(name = "hook-action", mixinStandardHelpOptions = true,
            description = {"Run a named admin action that an instance's hooks offer (see the hook's documentation),",
                "like 'rejoin'. Exit codes as for rejoin."})
    static final class HookAction extends Base {
        @Parameters(index = "0", paramLabel = "ACTION")
        String action;
        @Parameters(index = "1", arity = "0..1", paramLabel = "INSTANCE")
        String instance;

        @Override
        public Integer call() {
            return finish(sendAction(action, instance));
        }
    }

    static String duration(double seconds) {
        long s = (long) seconds;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h" + (s % 3600 / 60) + "m";
        }
        return (s / 86400) + "d" + (s % 86400 / 3600) + "h";
    }
}
