package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The seed deployment's real keepalived.conf files as committed in the repository
 * ({@code vrrpd/src/test/resources/config/seed/}: {@code db-primary.conf}, state MASTER priority 101, and
 * {@code db-standby.conf}, state BACKUP priority 100 with notify scripts), read byte for byte so an
 * interoperability test runs vrrpd "with the seed's configuration" literally. Unlike
 * {@link Keepalived#seedDatabaseConfig}, they keep the SMTP and notify lines.
 */
public final class SeedConfig {

    /** Where the seed files live, relative to the repository root. */
    public static final String SEED_DIR = "vrrpd/src/test/resources/config/seed";

    private SeedConfig() {
    }

    /** @return the text of {@code db-primary.conf} */
    public static String databasePrimary() {
        return read("db-primary.conf");
    }

    /** @return the text of {@code db-standby.conf} */
    public static String databaseStandby() {
        return read("db-standby.conf");
    }

    /**
     * @return the text of {@code db-primary-v3.conf}: the seed primary as VRRPv3 at advert_int 0.1 s, the
     *         fast-failover option (docs/fast-failover.md), for the PostgreSQL failover benchmark
     */
    public static String databasePrimaryV3() {
        return read("db-primary-v3.conf");
    }

    /** @return the text of {@code db-standby-v3.conf}, the standby of the fast-failover pair */
    public static String databaseStandbyV3() {
        return read("db-standby-v3.conf");
    }

    /**
     * Finds a seed file by walking up from the working directory (the reactor root or {@code test-lab/}).
     *
     * @param name the file name in {@link #SEED_DIR}
     * @return its path
     * @throws LabException if no parent directory holds it
     */
    public static Path file(String name) {
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            Path candidate = d.resolve(SEED_DIR).resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new LabException("no " + SEED_DIR + "/" + name + " in " + start + " or a parent directory");
    }

    /** @return the text of a file in {@link #SEED_DIR} */
    public static String read(String name) {
        Path p = file(name);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
