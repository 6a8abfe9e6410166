package io.vrrpd.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The client side of the control socket, used by {@code vrrpctl}. */
public final class ControlClient {
    /** Exit code when no daemon answers (EX_UNAVAILABLE). */
    public static final int UNAVAILABLE = ControlResponse.UNAVAILABLE;
    /** Exit code when the socket exists but we may not use it (EX_NOPERM). */
    public static final int NO_PERMISSION = 77;

    /** Databind, made on first use: vrrpctl's lean path never needs it. */
    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final JsonFactory STREAMING = new JsonFactory();

    private ControlClient() {
    }

    /**
     * Sends one request and returns the daemon's answer; never throws: a missing daemon becomes a
     * response with exit code {@link #UNAVAILABLE} and a message that says what to check.
     */
    public static ControlResponse call(Path socket, ControlRequest request) {
        Exchange x = exchange(socket, request);
        if (x.error() != null) {
            return x.error();
        }
        try {
            JsonNode node = Holder.MAPPER.readTree(x.answer());
            return new ControlResponse(node.path("ok").asBoolean(false), node.path("message").asText(""),
                    node.path("exit").asInt(1), node.get("body"));
        } catch (IOException e) {
            return ControlResponse.error(UNAVAILABLE, "vrrpd is not answering on " + socket + ": " + e.getMessage());
        }
    }

    /**
     * The daemon's answer line, unparsed, or the error response when there is none.
     *
     * @param answer one JSON object, or null when {@code error} is set
     * @param error  why there is no answer, or null
     */
    public record Exchange(String answer, ControlResponse error) {
    }

    /**
     * Sends one request and returns the answer line as it came (for vrrpctl's lean path, which reads it
     * with jackson-core's streaming parser instead of databind); never throws.
     */
    public static Exchange exchange(Path socket, ControlRequest request) {
        if (!Files.exists(socket)) {
            return new Exchange(null, ControlResponse.error(UNAVAILABLE, "vrrpd is not running (no control socket at "
                    + socket + "; is the service started, or does it use another --control-socket?)"));
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(ch);
            out.write(requestLine(request));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                return new Exchange(null, ControlResponse.error(UNAVAILABLE,
                        "vrrpd closed the control connection without an answer"));
            }
            return new Exchange(line, null);
        } catch (AccessDeniedException e) {
            return new Exchange(null, noPermission(socket));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (why.contains("ermission denied")) {
                return new Exchange(null, noPermission(socket));
            }
            return new Exchange(null, ControlResponse.error(UNAVAILABLE, "vrrpd is not answering on " + socket + ": " + why));
        }
    }

    private static ControlResponse noPermission(Path socket) {
        return ControlResponse.error(NO_PERMISSION, "permission denied on " + socket
                + " (run as root or as a member of group vrrpd)");
    }

    /** The request as one JSON line, written with jackson-core alone. */
    private static byte[] requestLine(ControlRequest request) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (JsonGenerator g = STREAMING.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("command", request.command());
            if (request.instance() != null) {
                g.writeStringField("instance", request.instance());
            }
            if (request.action() != null) {
                g.writeStringField("action", request.action());
            }
            g.writeEndObject();
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    /** Whether a daemon currently accepts connections on the socket. */
    static boolean answers(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
