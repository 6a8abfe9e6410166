package io.vrrpd.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The seed deployment's keepalived.conf files (test resources), and small edits of them. */
public final class SeedConfigs {
    public static final String VIP = "192.0.2.100";

    private SeedConfigs() {
    }

    public static String primary() {
        return read("db-primary.conf");
    }

    public static String standby() {
        return read("db-standby.conf");
    }

    /** Inserts {@code lines} at the top of the VI_1 block. */
    public static String withInInstance(String conf, String lines) {
        String marker = "vrrp_instance VI_1 {\n";
        if (!conf.contains(marker)) {
            throw new IllegalArgumentException("no VI_1 block");
        }
        return conf.replace(marker, marker + lines + "\n");
    }

    /** Replaces the priority line of VI_1. */
    public static String withPriority(String conf, int priority) {
        return conf.replaceFirst("(?m)^priority \\d+$", "priority " + priority);
    }

    private static String read(String name) {
        Path p = Path.of("src/test/resources/config/seed", name);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
