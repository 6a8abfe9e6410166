package io.vrrpd.config;

import java.util.List;
import java.util.Objects;

/**
 * A valid configuration and the warnings found while reading it.
 *
 * @param config   the frozen model
 * @param warnings located warnings, in file order
 */
public record LoadedConfig(VrrpdConfig config, List<Diagnostic> warnings) {
    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        warnings = List.copyOf(warnings);
    }
}
