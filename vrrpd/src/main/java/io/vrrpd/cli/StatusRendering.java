package io.vrrpd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vrrpd.control.AnswerRenderer;
import io.vrrpd.control.ControlRequest;
import io.vrrpd.control.ControlResponse;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's side of {@code vrrpctl status} (issue 10: vrrpctl start-up): renders the status document
 * into exactly the bytes {@link ControlCommands#status} prints, so the short-lived client copies them to
 * stdout instead of parsing and re-indenting 175 KB (200 instances) in a cold JVM. The same code renders
 * on both sides, which keeps the output identical whichever side does it.
 */
public final class StatusRendering implements AnswerRenderer {

    private static final ObjectWriter PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writer();

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
        String text;
        try {
            // println's line end, as the client's PrintWriter writes it.
            text = json ? PRETTY.writeValueAsString(body) + System.lineSeparator() : StatusText.render(body);
        } catch (JsonProcessingException e) {
            return null; // a tree always serialises; should it not, the plain answer says what went wrong
        }
        return new Rendered(response, text.getBytes(StandardCharsets.UTF_8));
    }
}
