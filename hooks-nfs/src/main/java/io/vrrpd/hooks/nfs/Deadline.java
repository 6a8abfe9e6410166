package io.vrrpd.hooks.nfs;

import java.time.Duration;

/** The end of one takeover or release, on the {@link System#nanoTime()} clock; every command is capped by it. */
record Deadline(long endNanos) {

    static Deadline after(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos());
    }

    /** Time left, never negative. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** {@code max} or what is left, whichever is shorter. */
    Duration cap(Duration max) {
        Duration left = remaining();
        return left.compareTo(max) < 0 ? left : max;
    }

    /** A deadline {@code reserve} earlier (kept for undo), but not in the past. */
    Deadline less(Duration reserve) {
        return new Deadline(Math.max(System.nanoTime(), endNanos - reserve.toNanos()));
    }
}
