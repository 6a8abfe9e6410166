package io.vrrpd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    @Test
    void leanAndDatabindPathsPrintTheSame() throws Exception {
        Path socket = dir.resolve("s.sock");
        AtomicReference<ControlResponse> answer = new AtomicReference<>();
        try (ControlServer server = ControlServer.start(socket, request -> answer.get())) {
            String s = socket.toString();
            for (ControlResponse r : new ControlResponse[] {ControlResponse.ok("", body()),
                ControlResponse.ok("handed over VI_1", null), ControlResponse.refused("VI_1 is not master"),
                ControlResponse.error(ControlResponse.TEMPORARY_FAILURE, "busy")}) {
                answer.set(r);
                assertEquals(databind(socket, "status", null, true), vrrpctl("--socket", s, "status", "--json"));
                assertEquals(databind(socket, "failover", "VI_1", true),
                        vrrpctl("--socket", s, "failover", "--json", "VI_1"));
                assertEquals(databind(socket, "failover", null, false), vrrpctl("--socket=" + s, "failover"));
                assertEquals(databind(socket, "resume", "VI_1", false), vrrpctl("--socket", s, "resume", "VI_1"));
            }
        }
        Path none = dir.resolve("none.sock");
        assertEquals(databind(none, "status", null, true), vrrpctl("--socket", none.toString(), "status", "--json"));
    }
}
