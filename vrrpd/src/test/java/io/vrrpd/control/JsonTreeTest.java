package io.vrrpd.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming writer and reader give exactly what databind gives, for every kind of node. */
class JsonTreeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode everyKind() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("text", "VI_1 \"quoted\" \u00e9 \n");
        root.put("int", 42).put("long", 1L << 40).put("double", 0.1).put("float", 0.1f);
        root.put("big", new BigInteger("123456789012345678901234567890"));
        root.put("dec", new BigDecimal("1.50"));
        root.put("yes", true).putNull("nothing");
        root.putArray("empty");
        root.putObject("none");
        root.putArray("list").add(1).add("two").addObject().put("three", 3);
        root.putObject("nested").putObject("deeper").putArray("xs").add(false);
        return root;
    }

    @Test
    void compactOutputIsDatabinds() throws IOException {
        assertArrayEquals(MAPPER.writeValueAsBytes(everyKind()), JsonTree.bytes(everyKind()));
    }

    @Test
    void indentedOutputIsDatabinds() throws IOException {
        byte[] expected = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(everyKind());
        assertArrayEquals(expected, JsonTree.bytes(everyKind(), new DefaultPrettyPrinter()));
    }

    @Test
    void readsTopLevelStringsAndSkipsTheRest() throws IOException {
        Map<String, String> f = JsonTree.topLevelText(
                "{\"command\":\"failover\",\"instance\":\"VI_1\",\"n\":3,\"x\":{\"a\":[1,2]},\"nil\":null}");
        assertEquals(Map.of("command", "failover", "instance", "VI_1"), f);
    }

    @Test
    void rejectsWhatIsNoObject() {
        assertThrows(IOException.class, () -> JsonTree.topLevelText("[1,2]"));
        assertThrows(IOException.class, () -> JsonTree.topLevelText("{\"command\":"));
        assertThrows(IOException.class, () -> JsonTree.topLevelText("not json"));
    }
}
