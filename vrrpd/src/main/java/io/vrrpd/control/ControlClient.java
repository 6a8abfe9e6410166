package io.vrrpd.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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
    /** Far above a rendered status of thousands of instances; a larger announcement is no vrrpd. */
    static final int MAX_RENDERED = 64 * 1024 * 1024;

    private ControlClient() {
    }

    /**
     * Sends one request and returns the daemon's answer; never throws: a missing daemon becomes a
     * response with exit code {@link #UNAVAILABLE} and a message that says what to check.
     */
    public static ControlResponse call(Path socket, ControlRequest request) {
        Exchange x = exchange(socket, request);
        return x.error() != null ? x.error() : response(socket, x.answer());
    }

    /** A plain answer line as a response; a line that is no JSON becomes an {@link #UNAVAILABLE} error. */
    public static ControlResponse response(Path socket, String answer) {
        try {
            JsonNode node = Holder.MAPPER.readTree(answer);
            return new ControlResponse(node.path("ok").asBoolean(false), node.path("message").asText(""),
                    node.path("exit").asInt(1), node.get("body"));
        } catch (IOException e) {
            return ControlResponse.error(UNAVAILABLE, "vrrpd is not answering on " + socket + ": " + e.getMessage());
        }
    }

    /**
     * The daemon's answer line, unparsed, or the error response when there is none.
     *
     * @param answer   one JSON object, or null when {@code error} is set
     * @param rendered the bytes that followed a rendered answer's envelope line (then {@code answer} is
     *                 that envelope: ok, message, exit, length), or null for a plain answer
     * @param error    why there is no answer, or null
     */
    public record Exchange(String answer, byte[] rendered, ControlResponse error) {
    }

    /**
     * Sends one request and returns the answer as it came (for vrrpctl's lean path, which reads it with
     * jackson-core's streaming parser instead of databind); never throws. When the request asks for a
     * rendered body and the daemon knows how, the rendered bytes come with it; a daemon that does not
     * (an older one ignores the field) answers in the plain format, which the caller then prints itself.
     */
    public static Exchange exchange(Path socket, ControlRequest request) {
        if (!Files.exists(socket)) {
            return new Exchange(null, null, ControlResponse.error(UNAVAILABLE, "vrrpd is not running (no control socket at "
                    + socket + "; is the service started, or does it use another --control-socket?)"));
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(requestLine(request)));
            AnswerReader in = new AnswerReader(ch);
            String line = in.line();
            if (line == null) {
                return new Exchange(null, null, ControlResponse.error(UNAVAILABLE,
                        "vrrpd closed the control connection without an answer"));
            }
            long length = request.render() == null ? -1 : renderedLength(line);
            if (length < 0) {
                return new Exchange(line, null, null);
            }
            if (length > MAX_RENDERED) {
                return new Exchange(null, null, ControlResponse.error(UNAVAILABLE, "vrrpd announced a " + length
                        + "-byte answer on " + socket + " (more than " + MAX_RENDERED + "); is that vrrpd?"));
            }
            byte[] body = in.bytes((int) length);
            if (body == null) {
                return new Exchange(null, null, ControlResponse.error(UNAVAILABLE,
                        "vrrpd closed the control connection before the end of its " + length + "-byte answer"));
            }
            return new Exchange(line, body, null);
        } catch (AccessDeniedException e) {
            return new Exchange(null, null, noPermission(socket));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (why.contains("ermission denied")) {
                return new Exchange(null, null, noPermission(socket));
            }
            return new Exchange(null, null, ControlResponse.error(UNAVAILABLE, "vrrpd is not answering on " + socket + ": " + why));
        }
    }

    /**
     * The {@code length} of a rendered answer's envelope, or -1 for a plain answer. A plain answer's
     * {@code body} comes last (ControlServer writes it so), and the scan stops there, so a 175 KB plain
     * status line costs a few tokens here, not a parse.
     */
    static long renderedLength(String line) throws IOException {
        try (JsonParser p = STREAMING.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("body")) {
                    return -1;
                }
                if (name.equals("length")) {
                    return value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                }
                p.skipChildren();
            }
            return -1;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return -1; // not an envelope; the caller's parse of the plain line says what is wrong with it
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
            if (request.render() != null) {
                g.writeStringField("render", request.render());
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
