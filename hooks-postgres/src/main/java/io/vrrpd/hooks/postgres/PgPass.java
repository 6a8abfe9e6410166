package io.vrrpd.hooks.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a libpq password file (PostgreSQL docs, "The Password File"): lines of
 * {@code hostname:port:database:username:password}, {@code *} matching anything, {@code \:} and
 * {@code \\} escaping, {@code #} starting a comment line, the first matching line winning. We use the
 * format rather than a bare password because the same file then serves pgjdbc (through this class),
 * pg_rewind and pg_basebackup ({@code PGPASSFILE}) and the standby's {@code primary_conninfo}
 * ({@code passfile=}), so no password is ever written into a command line or a configuration file.
 * A password read here is never logged or put in a message.
 */
final class PgPass {
    private PgPass() {
    }

    /**
     * The password for {@code endpoint}, or empty when its file has no matching line.
     *
     * @throws IOException when the file cannot be read, or a line is not five fields (the message gives
     *                     the file and line number, never the line)
     */
    static Optional<String> lookup(Endpoint endpoint) throws IOException {
        if (endpoint.passwordFile() == null) {
            return Optional.empty();
        }
        Path file = endpoint.passwordFile();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() != 5) {
                throw new IOException(file + ":" + (i + 1) + ": not a pgpass line (hostname:port:database:username:password)");
            }
            if (matches(f.get(0), endpoint.host()) && matches(f.get(1), Integer.toString(endpoint.port()))
                    && matches(f.get(2), endpoint.database()) && matches(f.get(3), endpoint.user())) {
                return Optional.of(f.get(4));
            }
        }
        return Optional.empty();
    }

    /** Whether the file is usable by libpq: it ignores a file group or others can read (libpq fe-connect.c). */
    static boolean tooOpen(Path file) {
        try {
            return Files.getPosixFilePermissions(file).stream().anyMatch(p -> p.name().startsWith("GROUP")
                    || p.name().startsWith("OTHERS"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
