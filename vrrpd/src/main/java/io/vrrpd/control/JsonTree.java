package io.vrrpd.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * JSON in and out of the control socket with jackson-core's streaming API alone: a request's top-level
 * fields read with a parser, an answer's node tree written by walking it with a generator. No ObjectMapper:
 * creating one loads about 330 classes of databind's (serializers, deserializers, introspection), some 3 MB
 * of metaspace and symbols in a daemon that must stay small (issue 10), for three fields in and one tree out.
 */
public final class JsonTree {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTree() {
    }

    /**
     * The top-level string fields of a JSON object (numbers, booleans, nulls and nested values are skipped).
     *
     * @throws IOException when the text is no JSON object
     */
    public static Map<String, String> topLevelText(String json) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == null) {
                    throw new IOException("the JSON object ends early");
                }
                if (value.isStructStart()) {
                    p.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    out.put(name, p.getText());
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IOException("the JSON object ends early");
            }
        }
        return out;
    }

    /** The tree as compact JSON, UTF-8, as databind's {@code writeValueAsBytes} writes it. */
    public static byte[] bytes(JsonNode node) throws IOException {
        return bytes(node, null);
    }

    /** The tree as JSON laid out by {@code printer} (null: compact), UTF-8. */
    public static byte[] bytes(JsonNode node, PrettyPrinter printer) throws IOException {
        return bytes(node, printer, "");
    }

    /** As {@link #bytes(JsonNode, PrettyPrinter)}, followed by {@code end} (a line end, say), in one buffer. */
    public static byte[] bytes(JsonNode node, PrettyPrinter printer, String end) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (printer != null) {
                g.setPrettyPrinter(printer);
            }
            write(g, node);
        }
        out.write(end.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Writes {@code node} and everything below it. */
    public static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode child : node) {
                    write(g, child);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NUMBER -> writeNumber(g, node);
            case NULL, MISSING -> g.writeNull();
            default -> g.writeString(node.asText()); // BINARY, POJO: the status tree holds neither
        }
    }

    private static void writeNumber(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.numberType()) {
            case INT -> g.writeNumber(n.intValue());
            case LONG -> g.writeNumber(n.longValue());
            case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
            case FLOAT -> g.writeNumber(n.floatValue());
            case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
            default -> g.writeNumber(n.doubleValue());
        }
    }
}
