package io.vrrpd.hooks.postgres;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Renders what makes a server start as a standby of the peer (pure text in, text out), with the version
 * switch of PostgreSQL 12 (release notes 12, "recovery.conf is no longer used"):
 * <ul>
 *   <li><b>12+</b>: an empty {@code standby.signal} and {@code primary_conninfo} in
 *       {@code postgresql.auto.conf}. Lines this hook owns are replaced, not appended twice. This is also the
 *       fix for a rewound node: pg_rewind copies the source's {@code postgresql.auto.conf}, whose
 *       {@code primary_conninfo} pointed at the node being rewound, i.e. at itself; and the source's
 *       {@code synchronous_standby_names}, which must not come along (a promoted copy would wait for a
 *       standby that does not exist).</li>
 *   <li><b>10 and 11</b>: a {@code recovery.conf} with {@code standby_mode = 'on'}, the same
 *       {@code primary_conninfo}, {@code recovery_target_timeline = 'latest'} (so the standby follows the new
 *       primary's timeline switch) and the configured {@code trigger_file}.</li>
 * </ul>
 */
public final class StandbyConfig {
    /** Settings this hook writes or clears in postgresql.auto.conf when making a standby. */
    static final Set<String> OWNED = Set.of("primary_conninfo", "recovery_target_timeline",
            "synchronous_standby_names");

    private StandbyConfig() {
    }

    /** Whether {@code major} starts standbys from {@code standby.signal} (12+) rather than recovery.conf. */
    public static boolean usesSignalFiles(int major) {
        return major >= 12;
    }

    /** A postgresql.conf string literal: single quotes, a quote doubled (PostgreSQL docs, "Parameter Names and Values"). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * {@code existing} postgresql.auto.conf with the lines this hook owns removed and a standby's
     * {@code primary_conninfo} (and {@code recovery_target_timeline = 'latest'}) appended.
     */
    public static String autoConfForStandby(String existing, String conninfo) {
        StringBuilder sb = new StringBuilder(stripOwned(existing));
        sb.append("# written by vrrpd (postgres hook): this node is a standby of the peer\n");
        sb.append("primary_conninfo = ").append(literal(conninfo)).append('\n');
        sb.append("recovery_target_timeline = 'latest'\n");
        return sb.toString();
    }

    /** {@code existing} without the settings this hook owns (and without its own comment lines). */
    static String stripOwned(String existing) {
        StringBuilder sb = new StringBuilder();
        for (String line : existing.split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("# written by vrrpd")) {
                continue;
            }
            if (OWNED.contains(settingName(line).orElse(""))) {
                continue;
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** PostgreSQL 10/11's recovery.conf for a standby of the peer. */
    public static String recoveryConf(String conninfo, Path triggerFile) {
        StringBuilder sb = new StringBuilder("# written by vrrpd (postgres hook): this node is a standby of the peer\n");
        sb.append("standby_mode = 'on'\n");
        sb.append("primary_conninfo = ").append(literal(conninfo)).append('\n');
        sb.append("recovery_target_timeline = 'latest'\n");
        if (triggerFile != null) {
            sb.append("trigger_file = ").append(literal(triggerFile.toString())).append('\n');
        }
        return sb.toString();
    }

    /** The value of {@code name} in a postgresql.conf-style text (the last one wins, as in PostgreSQL). */
    public static Optional<String> setting(String text, String name) {
        Optional<String> found = Optional.empty();
        for (String line : text.split("\n")) {
            if (settingName(line).filter(name::equals).isPresent()) {
                found = Optional.of(value(line.strip().substring(name.length())));
            }
        }
        return found;
    }

    /** The {@code host=} a libpq keyword/value connection string names, or empty. */
    public static String conninfoHost(String conninfo) {
        List<String> words = splitConninfo(conninfo);
        for (String w : words) {
            if (w.startsWith("host=")) {
                return w.substring(5);
            }
        }
        return "";
    }

    private static List<String> splitConninfo(String conninfo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < conninfo.length(); i++) {
            char c = conninfo.charAt(i);
            if (c == '\\' && quoted && i + 1 < conninfo.length()) {
                cur.append(conninfo.charAt(++i));
            } else if (c == '\'') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString().replaceFirst("\\s*=\\s*", "="));
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static Optional<String> settingName(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return Optional.empty();
        }
        int end = 0;
        while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_'
                || t.charAt(end) == '.')) {
            end++;
        }
        return end == 0 ? Optional.empty() : Optional.of(t.substring(0, end).toLowerCase(Locale.ROOT));
    }

    private static String value(String rest) {
        String v = rest.strip();
        if (v.startsWith("=")) {
            v = v.substring(1).strip();
        }
        if (v.startsWith("'")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\'' && i + 1 < v.length() && v.charAt(i + 1) == '\'') {
                    sb.append('\'');
                    i++;
                } else if (c == '\\' && i + 1 < v.length()) {
                    sb.append(v.charAt(++i));
                } else if (c == '\'') {
                    break;
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        int hash = v.indexOf('#');
        return (hash >= 0 ? v.substring(0, hash) : v).strip();
    }
}
