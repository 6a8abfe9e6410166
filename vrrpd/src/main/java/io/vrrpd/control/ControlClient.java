package io.vrrpd.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlClient() {
    }

    /**
     * Sends one request and returns the daemon's answer; never throws: a missing daemon becomes a
     * response with exit code {@link #UNAVAILABLE} and a message that says what to check.
     */
    public static ControlResponse call(Path socket, ControlRequest request) {
        if (!Files.exists(socket)) {
            return ControlResponse.error(UNAVAILABLE, "vrrpd is not running (no control socket at " + socket
                    + "; is the service started, or does it use another --control-socket?)");
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(ch);
            ObjectNode req = JSON.createObjectNode();
            req.put("command", request.command());
            if (request.instance() != null) {
                req.put("instance", request.instance());
            }
            if (request.action() != null) {
                req.put("action", request.action());
            }
            out.write(JSON.writeValueAsBytes(req));
            out.write('\n');
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                return ControlResponse.error(UNAVAILABLE, "vrrpd closed the control connection without an answer");
            }
            JsonNode node = JSON.readTree(line);
            return new ControlResponse(node.path("ok").asBoolean(false), node.path("message").asText(""),
                    node.path("exit").asInt(1), node.get("body"));
        } catch (AccessDeniedException e) {
            return ControlResponse.error(NO_PERMISSION, "permission denied on " + socket
                    + " (run as root or as a member of group vrrpd)");
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (why.contains("ermission denied")) {
                return ControlResponse.error(NO_PERMISSION, "permission denied on " + socket
                        + " (run as root or as a member of group vrrpd)");
            }
            return ControlResponse.error(UNAVAILABLE, "vrrpd is not answering on " + socket + ": " + why);
        }
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
