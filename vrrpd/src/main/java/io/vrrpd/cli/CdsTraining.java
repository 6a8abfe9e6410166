package io.vrrpd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vrrpd.control.AnswerRenderer;
import io.vrrpd.control.ControlHandler;
import io.vrrpd.control.ControlResponse;
import io.vrrpd.control.ControlServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run of vrrpctl's class-data-sharing archive (issue 10): the build runs {@code vrrpctl} with
 * {@code -XX:ArchiveClassesAtExit} and the hidden first argument {@link #ARGUMENT}, which lands here. It
 * answers a canned status on a private socket and runs the commands an admin or a monitoring check runs
 * most ({@code status}, {@code status --json}, {@code failover} refused, {@code --help}), so the classes
 * of their whole path, not only of the "no daemon" error, are in the archive.
 */
final class CdsTraining {

    /** The first argument that selects the training run; no admin types it. */
    static final String ARGUMENT = "__cds-training";

    private CdsTraining() {
    }

    static int run() {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vrrpctl-cds-");
            Path socket = dir.resolve("train.sock");
            ObjectNode status = cannedStatus();
            ControlHandler canned = request -> "status".equals(request.command())
                    ? ControlResponse.ok("", status) : ControlResponse.refused("training: " + request.command());
            // A daemon that renders the status (today's) and one that does not (an older one).
            for (AnswerRenderer renderer : new AnswerRenderer[] {new StatusRendering(), AnswerRenderer.NONE}) {
                try (ControlServer server = ControlServer.start(socket, canned, renderer)) {
                    String s = socket.toString();
                    VrrpCtl.run(new String[] {"--socket", s, "status"}, sink, sink);
                    VrrpCtl.run(new String[] {"--socket", s, "status", "--json"}, sink, sink);
                    VrrpCtl.run(new String[] {"--socket", s, "status", "VI_1"}, sink, sink);
                    VrrpCtl.run(new String[] {"--socket", s, "status", "--json", "VI_9"}, sink, sink);
                    VrrpCtl.run(new String[] {"--socket", s, "failover", "VI_1"}, sink, sink);
                    VrrpCtl.run(new String[] {"--socket", s, "failover", "--json", "VI_1"}, sink, sink);
                }
            }
            VrrpCtl.run(new String[] {"--socket", socket.toString(), "status"}, sink, sink);
            VrrpCtl.run(new String[] {"--help"}, sink, sink);
            VrrpCtl.run(new String[] {"status", "--help"}, sink, sink);
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("vrrpctl CDS training failed: " + e);
            return 1;
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    /** A status document with the fields {@link StatusText} prints, for one master instance. */
    private static ObjectNode cannedStatus() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode();
        ArrayNode instances = body.putArray("instances");
        ObjectNode i = instances.addObject();
        i.put("name", "VI_1").put("vrid", 51).put("interface", "eth0").put("state", "MASTER")
                .put("priority", 101).put("effective_priority", 101).put("master", "192.0.2.10")
                .put("in_state_seconds", 12.5).put("vips_installed", true);
        i.putArray("virtual_ips").add("192.0.2.100/32");
        i.putArray("fault_sources");
        ObjectNode last = i.putObject("last_transition");
        last.put("from", "BACKUP").put("to", "MASTER").put("reason", "master down").put("seconds_ago", 12.5);
        i.putObject("counters").put("adverts_sent", 12).put("adverts_received", 3).put("send_errors", 0)
                .put("transitions", 2);
        ArrayNode hooks = i.putArray("hooks");
        hooks.addObject().put("hook", "notify").put("phase", "NOTIFY").put("outcome", "OK").put("sequence", 2)
                .put("took_seconds", 0.01).put("detail", "");
        return body;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind by a build step is harmless.
        }
    }
}
