package io.vrrpd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
    @TempDir
    Path dir;

    private static ControlResponse echo(ControlRequest r) {
        if (r.command().equals("failover")) {
            return ControlResponse.refused("(" + r.instance() + ") is BACKUP, not the master");
        }
        return ControlResponse.ok("did " + r.command(), JsonNodeFactory.instance.objectNode().put("instance",
                String.valueOf(r.instance())));
    }

    @Test
    void requestAndAnswerTravelAsJsonLines() {
        Path sock = dir.resolve("vrrpd.sock");
        try (ControlServer s = ControlServer.start(sock, ControlServerTest::echo)) {
            ControlResponse ok = ControlClient.call(sock, new ControlRequest("status", "VI_1"));
            assertTrue(ok.ok());
            assertEquals("did status", ok.message());
            assertEquals("VI_1", ok.body().path("instance").asText());

            ControlResponse refused = ControlClient.call(sock, new ControlRequest("failover", "VI_2"));
            assertFalse(refused.ok());
            assertEquals(ControlResponse.REFUSED, refused.exitCode());
            assertEquals("(VI_2) is BACKUP, not the master", refused.message());
        }
        assertFalse(Files.exists(sock), "close removes the socket file");
    }

    /** The raw exchange: a line, then what the daemon sends back, read to the end of the stream. */
    private static String raw(Path sock, String requestLine) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            OutputStream out = Channels.newOutputStream(ch);
            out.write((requestLine + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            ch.shutdownOutput();
            return new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRenderedAnswerIsAnEnvelopeLineAndExactlyItsLengthInBytes() throws Exception {
        Path sock = dir.resolve("vrrpd.sock");
        AnswerRenderer renderer = (request, response) -> "status".equals(request.command())
                ? new AnswerRenderer.Rendered(response, ("<" + request.render() + " \u00e9>\n").getBytes(StandardCharsets.UTF_8))
                : null;
        try (ControlServer s = ControlServer.start(sock, ControlServerTest::echo, renderer)) {
            assertEquals("{\"ok\":true,\"message\":\"did status\",\"exit\":0,\"length\":10}\n<text \u00e9>\n",
                    raw(sock, "{\"command\":\"status\",\"render\":\"text\"}"));
            // No render field (an older vrrpctl), or a command the renderer passes on: the plain answer.
            assertEquals("{\"ok\":true,\"message\":\"did status\",\"exit\":0,\"body\":{\"instance\":\"null\"}}\n",
                    raw(sock, "{\"command\":\"status\"}"));
            assertEquals("{\"ok\":false,\"message\":\"(null) is BACKUP, not the master\",\"exit\":1}\n",
                    raw(sock, "{\"command\":\"failover\",\"render\":\"text\"}"));

            ControlClient.Exchange x = ControlClient.exchange(sock, new ControlRequest("status", null, null, "text"));
            assertEquals("<text \u00e9>\n", new String(x.rendered(), StandardCharsets.UTF_8));
            ControlClient.Exchange plain = ControlClient.exchange(sock, new ControlRequest("status", null));
            assertEquals(null, plain.rendered());
        }
        // A server without a renderer (as a daemon older than the render field) answers plainly.
        try (ControlServer s = ControlServer.start(sock, ControlServerTest::echo)) {
            ControlClient.Exchange x = ControlClient.exchange(sock, new ControlRequest("status", "VI_1", null, "text"));
            assertEquals(null, x.rendered());
            assertEquals("VI_1", ControlClient.response(sock, x.answer()).body().path("instance").asText());
        }
    }

    @Test
    void socketIsGroupReadableOnly() throws Exception {
        Path sock = dir.resolve("vrrpd.sock");
        try (ControlServer s = ControlServer.start(sock, ControlServerTest::echo)) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        }
    }

    @Test
    void malformedRequestGetsUsageErrorNotADroppedConnection() throws Exception {
        Path sock = dir.resolve("vrrpd.sock");
        try (ControlServer s = ControlServer.start(sock, ControlServerTest::echo);
             SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            OutputStream out = Channels.newOutputStream(ch);
            out.write("{not json\n{\"instance\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            String first = in.readLine();
            String second = in.readLine();
            assertTrue(first.contains("\"exit\":64") && first.contains("malformed control request"), first);
            assertTrue(second.contains("\"exit\":64") && second.contains("no \\\"command\\\""), second);
        }
    }

    @Test
    void missingDaemonIsUnavailableWithAHint() {
        ControlResponse r = ControlClient.call(dir.resolve("absent.sock"), new ControlRequest("status", null));
        assertEquals(ControlClient.UNAVAILABLE, r.exitCode());
        assertTrue(r.message().startsWith("vrrpd is not running"), r.message());
    }

    @Test
    void staleSocketOfACrashedRunIsReplaced() throws Exception {
        Path sock = dir.resolve("vrrpd.sock");
        ControlServer first = ControlServer.start(sock, ControlServerTest::echo);
        // Simulate a crash: the file stays, nobody listens.
        java.lang.reflect.Field f = ControlServer.class.getDeclaredField("server");
        f.setAccessible(true);
        ((java.nio.channels.ServerSocketChannel) f.get(first)).close();
        assertTrue(Files.exists(sock));
        // Closing a channel another thread is blocked in accept() on takes effect once that thread has been
        // woken; until then the socket still listens and the second start would rightly refuse.
        assertTrue(refusesWithin(sock, 2_000), "the closed socket still accepts connections after 2 s");
        try (ControlServer second = ControlServer.start(sock, ControlServerTest::echo)) {
            assertTrue(ControlClient.call(sock, new ControlRequest("status", null)).ok());
        }
    }

    private static boolean refusesWithin(Path sock, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            try (java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(
                    java.net.UnixDomainSocketAddress.of(sock))) {
                Thread.sleep(10);
            } catch (java.io.IOException e) {
                return true;
            }
        }
        return false;
    }

    @Test
    void secondDaemonOnTheSameSocketIsRefused() {
        Path sock = dir.resolve("vrrpd.sock");
        try (ControlServer s = ControlServer.start(sock, ControlServerTest::echo)) {
            ControlException e = assertThrows(ControlException.class,
                    () -> ControlServer.start(sock, ControlServerTest::echo));
            assertTrue(e.getMessage().startsWith("another vrrpd is already serving"), e.getMessage());
        }
    }
}
