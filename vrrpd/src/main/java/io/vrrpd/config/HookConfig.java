package io.vrrpd.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of an instance's {@code hooks:} list, as written: its {@code type} and its own keys as plain
 * Java values ({@code String}, {@code Boolean}, {@code Number}, {@code List}, {@code Map}), already checked
 * by the type's {@link io.vrrpd.hooks.HookFactory} when the configuration was loaded.
 *
 * @param type     the {@code type:} value that picks the factory, e.g. {@code script}
 * @param settings every key of the entry except {@code type}, in file order
 * @param path     where it sits, e.g. {@code instances.VI_1.hooks[0]}, for messages
 */
public record HookConfig(String type, Map<String, Object> settings, String path) {
    public HookConfig {
        Objects.requireNonNull(type, "type");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        Objects.requireNonNull(path, "path");
    }
}
