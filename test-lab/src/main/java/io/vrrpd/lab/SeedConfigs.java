package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The seed deployment's two database keepalived.conf files as committed in the repository
 * ({@value #DIR}/db-primary.conf and db-standby.conf): VI_1, vrid 51, advert_int 1, PASS auth, VIP
 * 192.0.2.100 on eth0; priority 101 (state MASTER) on the primary, 100 (state BACKUP) on the standby.
 * The demo and the benchmark run them unchanged, on vrrpd and on keepalived alike.
 */
public final class SeedConfigs {

    /** Where the files live, relative to the repository root. */
    public static final String DIR = "vrrpd/src/test/resources/config/seed";

    private SeedConfigs() {
    }

    /** @return db-primary.conf's text */
    public static String primary() {
        return read("db-primary.conf");
    }

    /** @return db-standby.conf's text */
    public static String standby() {
        return read("db-standby.conf");
    }

    /**
     * @param name a file in {@link #DIR}
     * @return its text, found from the working directory or one of its parents (system property
     *         {@code vrrpd.repo} overrides)
     */
    public static String read(String name) {
        Path file = repoRoot().resolve(DIR).resolve(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot read the seed config " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path repoRoot() {
        String prop = System.getProperty("vrrpd.repo");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(DIR))) {
                return d;
            }
        }
        throw new LabException("no " + DIR + " in " + start + " or its parents (run from the repository)");
    }
}
