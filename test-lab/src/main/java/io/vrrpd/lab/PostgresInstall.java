package io.vrrpd.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the PostgreSQL lab finds its server: Debian's {@code postgresql-15} package
 * ({@code /usr/lib/postgresql/15/bin}, installed by scripts/install-lab-postgres.sh), or the directory in the
 * system property {@code vrrpd.pg.bin}. The servers run as the OS user {@code postgres} the package creates.
 */
public final class PostgresInstall {

    /** The major version the lab runs (the acceptance lines name PostgreSQL 15). */
    public static final int MAJOR = 15;
    /** The OS user that owns data directories and runs pg_ctl, initdb, pg_basebackup. */
    public static final String OS_USER = "postgres";

    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres", "pg_basebackup",
            "pg_rewind", "psql");

    private PostgresInstall() {
    }

    /** @return the directory with pg_ctl, initdb, pg_rewind, psql */
    public static Path binDir() {
        String prop = System.getProperty("vrrpd.pg.bin");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of("/usr/lib/postgresql/" + MAJOR + "/bin");
    }

    /**
     * @return why the PostgreSQL lab cannot run here (besides {@link LabPrerequisites}), or empty if it can
     */
    public static Optional<String> missing() {
        List<String> problems = new ArrayList<>();
        Path bin = binDir();
        List<String> absent = new ArrayList<>();
        for (String p : PROGRAMS) {
            if (!Files.isExecutable(bin.resolve(p))) {
                absent.add(p);
            }
        }
        if (!absent.isEmpty()) {
            problems.add("no " + String.join(", ", absent) + " in " + bin);
        }
        if (!userExists(OS_USER)) {
            problems.add("no OS user " + OS_USER);
        }
        for (String tool : List.of("setpriv", "nft")) {
            if (LabPrerequisites.find(tool).isEmpty()) {
                problems.add("no " + tool);
            }
        }
        return problems.isEmpty() ? Optional.empty()
                : Optional.of("PostgreSQL lab tests need PostgreSQL " + MAJOR + ": " + String.join("; ", problems)
                        + " (scripts/install-lab-postgres.sh installs them)");
    }

    private static boolean userExists(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(user + ":"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
