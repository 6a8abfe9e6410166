package io.vrrpd.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping with its path, for {@link YamlReader}: remembers which keys were read so that
 * {@link #finish()} can report every unknown key with its path.
 */
final class YamlNode {
    private final JsonNode node;
    private final String path;
    private final Diagnostics diag;
    private final Set<String> used = new HashSet<>();

    private YamlNode(JsonNode node, String path, Diagnostics diag) {
        this.node = node;
        this.path = path;
        this.diag = diag;
    }

    /** @return the mapping, or null after reporting that the node is not one */
    static YamlNode mapping(JsonNode node, String path, Diagnostics diag) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new YamlNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), path,
                    diag);
        }
        if (!node.isObject()) {
            diag.error(Place.yaml(path.isEmpty() ? "(document)" : path), "must be a mapping (key: value)");
            return null;
        }
        return new YamlNode(node, path, diag);
    }

    String path() {
        return path;
    }

    String child(String key) {
        // Found by fuzzing: YAML allows an empty (or null) key, which made an error's place blank.
        String shown = key.isEmpty() ? "\"\"" : key;
        return path.isEmpty() ? shown : path + "." + shown;
    }

    Place place() {
        return Place.yaml(path);
    }

    JsonNode raw(String key) {
        used.add(key);
        return node.get(key);
    }

    /** @return the scalar under {@code key} as text, null when absent or after reporting a non-scalar */
    Val scalar(String key) {
        JsonNode v = raw(key);
        return v == null ? null : scalar(v, child(key), diag);
    }

    static Val scalar(JsonNode v, String path, Diagnostics diag) {
        if (v.isNull()) {
            diag.error(Place.yaml(path), "needs a value");
            return null;
        }
        if (!v.isValueNode()) {
            diag.error(Place.yaml(path), "must be a single value, not a " + (v.isArray() ? "list" : "mapping"));
            return null;
        }
        return new Val(v.asText(), Place.yaml(path));
    }

    YamlNode map(String key) {
        JsonNode v = raw(key);
        return v == null ? null : mapping(v, child(key), diag);
    }

    /** @return the list elements with their paths; a single scalar counts as a one-element list */
    List<Map.Entry<String, JsonNode>> list(String key) {
        JsonNode v = raw(key);
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isObject()) {
            diag.error(Place.yaml(child(key)), "must be a list");
            return out;
        }
        if (!v.isArray()) {
            out.add(Map.entry(child(key), v));
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(Map.entry(child(key) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    /** @return the entries of a mapping of named blocks (instances, scripts, ...) */
    List<Map.Entry<String, JsonNode>> named() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            used.add(e.getKey());
            out.add(e);
        }
        return out;
    }

    /** Reports every key that no reader asked for. */
    void finish() {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!used.contains(k)) {
                diag.error(Place.yaml(child(k)), "unknown key");
            }
        }
    }
}
