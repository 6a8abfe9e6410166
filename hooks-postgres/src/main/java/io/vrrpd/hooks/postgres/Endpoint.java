package io.vrrpd.hooks.postgres;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One PostgreSQL connection as configured ({@code local}, {@code peer}, {@code replication}).
 *
 * @param host         address or name of the server
 * @param port         TCP port, 5432 by default
 * @param user         role to connect as
 * @param database     database to connect to ({@code postgres}); unused by physical replication
 * @param passwordFile a libpq password file (pgpass format) or {@code null} for none (trust, peer or
 *                     certificate authentication)
 */
public record Endpoint(String host, int port, String user, String database, Path passwordFile) {

    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535 (was " + port + ")");
        }
    }

    /** {@code host:port} for messages; never a password. */
    public String where() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code user@host:port/database} for messages; never a password. */
    public String describe() {
        return user + "@" + where() + "/" + database;
    }

    /**
     * A libpq connection string (PostgreSQL docs, "Connection Strings", keyword/value form) for the
     * programs and for {@code primary_conninfo}. The password stays in its file ({@code passfile}, libpq
     * 10+), so it never appears in a command line, {@code postgresql.auto.conf} or {@code recovery.conf}.
     *
     * @param withDatabase    false for a replication connection ({@code dbname} means logical replication)
     * @param applicationName the {@code application_name} a standby reports to its primary, or null
     */
    public String conninfo(boolean withDatabase, String applicationName) {
        StringBuilder sb = new StringBuilder();
        sb.append("host=").append(quote(host)).append(" port=").append(port).append(" user=").append(quote(user));
        if (withDatabase) {
            sb.append(" dbname=").append(quote(database));
        }
        if (passwordFile != null) {
            sb.append(" passfile=").append(quote(passwordFile.toString()));
        }
        if (applicationName != null) {
            sb.append(" application_name=").append(quote(applicationName));
        }
        return sb.toString();
    }

    /** libpq's value quoting: single quotes, with {@code \} and {@code '} escaped by a backslash. */
    static String quote(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c != '\'' && c != '\\' && c != '=')) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
