package io.vrrpd.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads a configuration file: {@code .yaml}/{@code .yml} as vrrpd's YAML format, anything else as
 * keepalived.conf. Both go through the same validator, so a file either yields a frozen
 * {@link VrrpdConfig} or every error at once.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @param file configuration file
     * @return the model and its warnings
     * @throws ConfigException with every error; {@link ConfigException#unreadable()} when the file itself
     *                         cannot be read
     */
    public static LoadedConfig load(Path file) throws ConfigException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw unreadable(file, "is a directory");
            }
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(file, ConfTokenizer.reason(e));
        }
        return parse(file, text);
    }

    /**
     * Parses text as if read from {@code file} (its name picks the format; includes resolve next to it).
     */
    public static LoadedConfig parse(Path file, String text) throws ConfigException {
        Diagnostics diag = new Diagnostics();
        RawConfig raw = isYaml(file) ? YamlReader.read(file, text, diag) : KeepalivedReader.read(file, text, diag);
        VrrpdConfig config = raw == null ? null : new ConfigAssembler(diag).assemble(raw);
        if (config == null || diag.hasErrors()) {
            throw new ConfigException(diag.errors(), diag.warnings(), false);
        }
        if (config.instances().isEmpty()) {
            diag.warn(String.valueOf(file.getFileName()), "no VRRP instances defined");
        }
        return new LoadedConfig(config, diag.warnings());
    }

    /** @return true when the file name says YAML */
    public static boolean isYaml(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static ConfigException unreadable(Path file, String reason) {
        return new ConfigException(List.of(new Diagnostic(Severity.ERROR, file.toString(),
                "cannot read configuration: " + reason)), List.of(), true);
    }
}
