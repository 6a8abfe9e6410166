package io.vrrpd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vrrpd.control.AnswerRenderer;
import io.vrrpd.control.ControlClient;
import io.vrrpd.control.ControlRequest;
import io.vrrpd.control.ControlResponse;
import io.vrrpd.control.ControlServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** vrrpctl's lean path (no picocli, no databind) prints byte for byte what the databind path prints. */
class LeanAnswerTest {

    @TempDir
    Path dir;

    private static ObjectNode body() {
        ObjectNode b = new ObjectMapper().createObjectNode();
        ObjectNode i = b.putArray("instances").addObject();
        i.put("name", "VI_1").put("vrid", 51).put("state", "MASTER").put("in_state_seconds", 12.25)
                .put("note", "quote \" and \u00e9").putNull("master");
        i.putArray("virtual_ips").add("192.0.2.100/32").add("2001:db8::1/128");
        i.putObject("counters").put("adverts_sent", 1234567890123L).put("ratio", -1.5e-7);
        i.putArray("fault_sources");
        i.putObject("empty");
        i.putArray("hooks").addObject().put("hook", "a, b: {c} [d]").put("detail", "back\\slash \"q\" \n")
                .putArray("nested").addArray().add(1).add(true);
        b.putArray("more").addObject();
        b.put("n", 0);
        return b;
    }

    private record Out(int code, String out, String err) {
    }

    private static Out vrrpctl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VrrpCtl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Out databind(Path socket, String command, String instance, boolean json) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        ControlResponse r = ControlClient.call(socket, new ControlRequest(command, instance));
        int code = command.equals("status") ? ControlCommands.status(r, instance, json, o, e)
                : ControlCommands.finish(r, json, o, e);
        return new Out(code, out.toString(), err.toString());
    }

    /**
     * The reference (picocli's databind path, a plain request: also what an older vrrpctl sends) and the
     * fast path print the same, against a daemon that renders the status (today's) and one that does not
     * (an older one, which ignores the request's render field).
     */
    @ParameterizedTest(name = "renders: {0}")
    @ValueSource(booleans = {true, false})
    void fastAndDatabindPathsPrintTheSame(boolean renders) throws Exception {
        Path socket = dir.resolve("s.sock");
        AtomicReference<ControlResponse> answer = new AtomicReference<>();
        AtomicReference<ControlRequest> asked = new AtomicReference<>();
        try (ControlServer server = ControlServer.start(socket, request -> {
            asked.set(request);
            return answer.get();
        }, renders ? new StatusRendering() : AnswerRenderer.NONE)) {
            String s = socket.toString();
            for (ControlResponse r : new ControlResponse[] {ControlResponse.ok("", body()),
                ControlResponse.ok("handed over VI_1", null), ControlResponse.refused("VI_1 is not master"),
                ControlResponse.error(ControlResponse.TEMPORARY_FAILURE, "busy")}) {
                answer.set(r);
                assertEquals(databind(socket, "failover", "VI_1", true),
                        vrrpctl("--socket", s, "failover", "--json", "VI_1"));
                assertEquals(databind(socket, "failover", null, false), vrrpctl("--socket=" + s, "failover"));
                assertEquals(databind(socket, "resume", "VI_1", false), vrrpctl("--socket", s, "resume", "VI_1"));
                if (r.ok() && r.body() == null) {
                    continue; // a failover's answer; a status always has a body
                }
                assertEquals(databind(socket, "status", null, true), vrrpctl("--socket", s, "status", "--json"));
                assertEquals(ControlRequest.RENDER_JSON, asked.get().render());
                assertEquals(databind(socket, "status", null, false), vrrpctl("--socket", s, "status"));
                assertEquals(ControlRequest.RENDER_TEXT, asked.get().render());
                for (String instance : new String[] {"VI_1", "VI_9"}) {
                    assertEquals(databind(socket, "status", instance, true),
                            vrrpctl("--socket", s, "status", "--json", instance));
                    assertEquals(databind(socket, "status", instance, false), vrrpctl("--socket", s, "status", instance));
                }
            }
        }
        Path none = dir.resolve("none.sock");
        assertEquals(databind(none, "status", null, true), vrrpctl("--socket", none.toString(), "status", "--json"));
    }

    /** The rendered bytes come from the daemon: what vrrpctl prints for status is exactly them. */
    @Test
    void aRenderingDaemonsBytesArePrintedAsTheyCame() throws Exception {
        Path socket = dir.resolve("r.sock");
        AnswerRenderer marked = (request, response) -> new AnswerRenderer.Rendered(response,
                ("rendered " + request.render() + " \u00e9\n").getBytes(StandardCharsets.UTF_8));
        try (ControlServer server = ControlServer.start(socket, request -> ControlResponse.ok("", body()), marked)) {
            assertEquals(new Out(0, "rendered json-pretty \u00e9\n", ""),
                    vrrpctl("--socket", socket.toString(), "status", "--json"));
            assertEquals(new Out(0, "rendered text \u00e9\n", ""), vrrpctl("--socket", socket.toString(), "status"));
        }
    }

    /** The body of a no-such-instance answer is printed on stderr with the exit code, as by the databind path. */
    @Test
    void aMissingInstanceIsReportedOnStderr() throws Exception {
        Path socket = dir.resolve("m.sock");
        try (ControlServer server = ControlServer.start(socket, request -> ControlResponse.ok("", body()),
                new StatusRendering())) {
            Out r = vrrpctl("--socket", socket.toString(), "status", "--json", "VI_9");
            assertEquals(new Out(ControlResponse.NO_SUCH_INSTANCE, "", "vrrpctl: no instance named 'VI_9'"
                    + System.lineSeparator()), r);
        }
    }
}
