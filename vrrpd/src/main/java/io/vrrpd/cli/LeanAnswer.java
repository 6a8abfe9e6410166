package io.vrrpd.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Prints a daemon's answer line with jackson-core's streaming parser alone, exactly as
 * {@link ControlCommands#finish} and {@link ControlCommands#status} print it through databind (issue 10:
 * databind's start-up, about 500 classes, was the largest part of {@code vrrpctl status --json} once
 * picocli was out of the way).
 */
final class LeanAnswer {

    private static final JsonFactory JSON = new JsonFactory();

    private boolean ok;
    private String message = "";
    private int exit = 1;
    private String body;

    private LeanAnswer() {
    }

    /** Reads the answer, keeping its body as text (pretty-printed as databind's INDENT_OUTPUT, or compact). */
    static LeanAnswer parse(String line, boolean prettyBody) throws IOException {
        LeanAnswer a = new LeanAnswer();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the daemon's answer is no JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "ok" -> a.ok = value == JsonToken.VALUE_TRUE;
                    case "message" -> a.message = value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : "";
                    case "exit" -> a.exit = value.isNumeric() ? p.getIntValue() : 1;
                    case "body" -> a.body = copy(p, prettyBody);
                    default -> p.skipChildren();
                }
            }
        }
        return a;
    }

    /** An answer the client made itself (no daemon, no permission), which has no body. */
    static LeanAnswer of(io.vrrpd.control.ControlResponse r) {
        LeanAnswer a = new LeanAnswer();
        a.ok = r.ok();
        a.message = r.message();
        a.exit = r.exitCode();
        return a;
    }

    private static String copy(JsonParser p, boolean pretty) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.copyCurrentStructure(p);
        }
        return text.toString();
    }

    /** As {@link ControlCommands#finish}: {ok, message, exit[, body]} with --json, else the message. */
    int finish(boolean json, PrintWriter out, PrintWriter err) throws IOException {
        if (json) {
            StringWriter text = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(text)) {
                g.writeStartObject();
                g.writeBooleanField("ok", ok);
                g.writeStringField("message", message);
                g.writeNumberField("exit", exit);
                if (body != null) {
                    g.writeFieldName("body");
                    g.writeRawValue(body);
                }
                g.writeEndObject();
            }
            out.println(text);
            return exit;
        }
        PrintWriter w = ok ? out : err;
        if (!message.isEmpty()) {
            w.println(ok ? message : "vrrpctl: " + message);
        }
        return exit;
    }

    /** As {@link ControlCommands#status} for every instance with --json: the pretty body, or the error. */
    int statusJson(PrintWriter out, PrintWriter err) throws IOException {
        if (!ok) {
            return finish(true, out, err);
        }
        out.println(body);
        return 0;
    }
}
