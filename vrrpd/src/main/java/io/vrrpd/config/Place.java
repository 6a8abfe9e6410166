package io.vrrpd.config;

/**
 * Where a value was written, and how messages about it are phrased. keepalived.conf places are
 * {@code file:line} plus the keyword ("keepalived.conf:14: virtual_router_id must be 1..255 (was 300)");
 * YAML places are the key path, which already names the key ("instances.VI_1.vrid: must be 1..255").
 *
 * @param location {@code file:line} or YAML path
 * @param key      keepalived keyword to put in front of messages, or null for YAML
 * @param yaml     true for the native format, which accepts unit suffixes on durations
 */
record Place(String location, String key, boolean yaml) {
    static Place conf(String location, String keyword) {
        return new Place(location, keyword, false);
    }

    static Place yaml(String path) {
        return new Place(path, null, true);
    }

    /** @return the place of a sub-value, e.g. the password inside an authentication block */
    Place child(String yamlKey, String keyword) {
        return yaml ? yaml(location + "." + yamlKey) : conf(location, keyword);
    }

    String phrase(String message) {
        return key == null ? message : key + " " + message;
    }
}
