package io.vrrpd.track;

import java.util.OptionalLong;

/**
 * A {@code vrrp_track_file}'s value and what it does (keepalived 2.2.7 trackers/track_file.c,
 * process_track_file and update_track_file_status).
 *
 * <ul>
 *   <li>The file is read as C's {@code strtol(buf, NULL, 0)}: leading blanks, a sign, {@code 0x} hex or
 *       leading-0 octal, and anything after the number ignored. A missing or empty file, or no digits, is
 *       0. A number outside the 32-bit range is ignored (the previous value stays).</li>
 *   <li>With a weight, the priority changes by {@code value x weight} (negated with {@code reverse}),
 *       clamped to -254..253; -254 or less means FAULT.</li>
 *   <li>With weight 0, a non-zero value means FAULT (with {@code reverse}: a zero value).</li>
 * </ul>
 */
public final class TrackFileValue {
    /** The status at or below which the instance goes to FAULT. */
    public static final int FAULT = -254;

    private TrackFileValue() {
    }

    /** The value of a file's text; empty when the number is out of range (keepalived ignores it). */
    public static OptionalLong parse(String text) {
        if (text == null) {
            return OptionalLong.of(0);
        }
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && text.charAt(i) == '0' && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            radix = 8;
        }
        long value = 0;
        while (i < n && Character.digit(text.charAt(i), radix) >= 0) {
            value = value * radix + Character.digit(text.charAt(i), radix);
            if (value > (1L << 40)) {
                return OptionalLong.empty();
            }
            i++;
        }
        value = negative ? -value : value;
        if (value < Integer.MIN_VALUE || value > (long) Integer.MAX_VALUE + 1) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    /**
     * The status for a value: the priority change, or {@link #FAULT} or less for FAULT.
     *
     * @param value   the file's number
     * @param weight  the effective weight (track_file entry's, else the block's)
     * @param reverse keepalived's {@code reverse}
     */
    public static int status(long value, int weight, boolean reverse) {
        if (weight == 0) {
            return (value != 0) != reverse ? FAULT : 0;
        }
        long product = value * weight * (reverse ? -1 : 1);
        return (int) Math.max(FAULT, Math.min(253, product));
    }
}
