package io.vrrpd.hooks.postgres;

import java.util.Locale;

/**
 * A PostgreSQL WAL position ({@code pg_lsn}), written {@code X/Y} with two hexadecimal halves of a 64-bit
 * byte offset (PostgreSQL docs, "pg_lsn Type"). Compared unsigned; differences are bytes of WAL.
 *
 * @param value the 64-bit position
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /** {@code 0/0}: PostgreSQL's InvalidXLogRecPtr, what a server reports when it knows no position. */
    public static final Lsn ZERO = new Lsn(0);

    /** Parses {@code 16/B374D848}; throws IllegalArgumentException naming the text when it is not one. */
    public static Lsn parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1 || slash > 8 || t.length() - slash - 1 > 8) {
            throw new IllegalArgumentException("not a WAL position (X/Y): \"" + text + "\"");
        }
        try {
            long hi = Long.parseLong(t.substring(0, slash), 16);
            long lo = Long.parseLong(t.substring(slash + 1), 16);
            return new Lsn(hi << 32 | lo);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a WAL position (X/Y): \"" + text + "\"");
        }
    }

    /** Bytes from {@code other} up to this position; negative when this one is behind. */
    public long minus(Lsn other) {
        return value - other.value;
    }

    /** The later of two positions. */
    public static Lsn max(Lsn a, Lsn b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(Lsn o) {
        return Long.compareUnsigned(value, o.value);
    }

    /** True when this position is strictly after {@code o}. */
    public boolean isAfter(Lsn o) {
        return compareTo(o) > 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%X/%X", value >>> 32, value & 0xFFFFFFFFL);
    }
}
