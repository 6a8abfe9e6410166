package io.vrrpd.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

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

    /** Reads the answer, keeping its body as text (laid out as databind's INDENT_OUTPUT, or compact). */
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
                    case "body" -> {
                        // The body as the daemon wrote it (compact, the same bytes databind would write
                        // again), re-indented by hand for --json: a generic parse and generate of the
                        // 200-instance document cost more than the JVM's start.
                        int from = (int) p.currentTokenLocation().getCharOffset();
                        p.skipChildren();
                        String raw = line.substring(from, (int) p.currentLocation().getCharOffset());
                        a.body = prettyBody ? indent(raw) : raw;
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return a;
    }

    /** Runs the streaming parser and generator once over an envelope, so their classes are initialised. */
    static void warmUp() {
        try {
            parse("{\"ok\":true,\"message\":\"\",\"exit\":0,\"length\":0}", false).finish(true,
                    new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
        } catch (IOException | RuntimeException e) {
            // only a warm-up: the real answer's parse reports any problem
        }
    }

    /** An answer the client made itself (no daemon, no permission), which has no body. */
    static LeanAnswer of(io.vrrpd.control.ControlResponse r) {
        LeanAnswer a = new LeanAnswer();
        a.ok = r.ok();
        a.message = r.message();
        a.exit = r.exitCode();
        return a;
    }

    /**
     * Compact JSON laid out as Jackson's DefaultPrettyPrinter (databind's INDENT_OUTPUT) lays it out:
     * object entries on their own lines indented two spaces per object level, {@code "key" : value},
     * arrays on one line as {@code [ a, b ]}, empty ones as {@code { }} and {@code [ ]}.
     */
    static String indent(String raw) {
        StringBuilder b = new StringBuilder(raw.length() * 2);
        StringBuilder open = new StringBuilder(); // '{' or '[' per level
        int objects = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '"' -> {
                    int end = i + 1;
                    while (raw.charAt(end) != '"') {
                        end += raw.charAt(end) == '\\' ? 2 : 1;
                    }
                    b.append(raw, i, end + 1);
                    i = end;
                }
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    if (i + 1 < raw.length() && raw.charAt(i + 1) == close) {
                        b.append(c).append(' ').append(close);
                        i++;
                    } else {
                        open.append(c);
                        b.append(c);
                        if (c == '{') {
                            newLine(b, ++objects);
                        } else {
                            b.append(' ');
                        }
                    }
                }
                case '}' -> {
                    open.setLength(open.length() - 1);
                    newLine(b, --objects);
                    b.append('}');
                }
                case ']' -> {
                    open.setLength(open.length() - 1);
                    b.append(" ]");
                }
                case ',' -> {
                    if (open.charAt(open.length() - 1) == '{') {
                        b.append(',');
                        newLine(b, objects);
                    } else {
                        b.append(", ");
                    }
                }
                case ':' -> b.append(" : ");
                case ' ', '\n', '\r', '\t' -> {
                    // compact input has none outside strings; drop any
                }
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static void newLine(StringBuilder b, int level) {
        b.append('\n');
        for (int i = 0; i < level; i++) {
            b.append("  ");
        }
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

    /**
     * A rendered status answer: its bytes as they are on stdout, or, refused (no such instance), the
     * message on stderr as {@link ControlCommands#status} prints it.
     */
    int printRendered(byte[] bytes, PrintStream stdout, PrintWriter out, PrintWriter err) {
        if (!ok && !message.isEmpty()) {
            err.println("vrrpctl: " + message);
        }
        out.flush();
        stdout.write(bytes, 0, bytes.length);
        stdout.flush();
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
