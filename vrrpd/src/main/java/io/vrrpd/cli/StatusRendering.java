package io.vrrpd.cli;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import io.vrrpd.control.AnswerRenderer;
import io.vrrpd.control.ControlRequest;
import io.vrrpd.control.ControlResponse;
import io.vrrpd.control.JsonTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's side of {@code vrrpctl status} (issue 10: vrrpctl start-up): renders the status document
 * into exactly the bytes {@link ControlCommands#status} prints, so the short-lived client copies them to
 * stdout instead of parsing and re-indenting 175 KB (200 instances) in a cold JVM. The same code renders
 * on both sides, which keeps the output identical whichever side does it. The JSON is laid out by
 * jackson-core's DefaultPrettyPrinter, as databind's INDENT_OUTPUT does (JsonTreeTest), without making an
 * ObjectMapper in the daemon.
 */
public final class StatusRendering implements AnswerRenderer {

    @Override
    public Rendered render(ControlRequest request, ControlResponse response) {
        boolean json = ControlRequest.RENDER_JSON.equals(request.render());
        if (!"status".equals(request.command()) || !response.ok() || response.body() == null
                || !json && !ControlRequest.RENDER_TEXT.equals(request.render())) {
            return null;
        }
        JsonNode body = request.instance() == null ? response.body()
                : ControlCommands.only(response.body(), request.instance());
        if (body == null) {
            return new Rendered(ControlResponse.error(ControlResponse.NO_SUCH_INSTANCE,
                    ControlCommands.noSuchInstance(request.instance())), new byte[0]);
        }
        byte[] bytes;
        try {
            // println's line end, as the client's PrintWriter writes it.
            bytes = json ? JsonTree.bytes(body, new DefaultPrettyPrinter(), System.lineSeparator())
                    : StatusText.render(body).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // a tree always serialises; should it not, the plain answer says what went wrong
        }
        return new Rendered(response, bytes);
    }
}
