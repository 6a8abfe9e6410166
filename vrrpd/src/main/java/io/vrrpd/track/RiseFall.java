package io.vrrpd.track;

/**
 * keepalived's rise/fall counter of one {@code vrrp_script} (vrrp_scheduler.c, vrrp_script_child_thread and
 * vrrp_init_script), kept exact so a pair mixing keepalived and vrrpd flips on the same run:
 *
 * <ul>
 *   <li>{@code result} runs from 0 to {@code rise + fall - 1}; the script is good while
 *       {@code result >= rise}.</li>
 *   <li>At start it is {@code rise - 1} ("one success is enough") and the state is unknown; the first run
 *       decides either way. With {@code init_fail} it is 0 and the script counts as failed from the
 *       start.</li>
 *   <li>A success while bad counts up; reaching {@code rise} turns it good and jumps to the top, so
 *       {@code fall} failures in a row are needed to turn it bad again. A success while good goes back to
 *       the top.</li>
 *   <li>A failure while good counts down; the failure that finds it at {@code rise} turns it bad and
 *       resets it to 0, so {@code rise} successes are needed again. A failure while bad stays at 0.</li>
 * </ul>
 * A run that overruns its timeout is a failure (keepalived: "timed_out"). Not thread-safe.
 */
public final class RiseFall {

    /** What one result did to the state. */
    public enum Change {
        /** No change of state. */
        NONE,
        /** Became good (or the first run succeeded). */
        UP,
        /** Became bad (or the first run failed). */
        DOWN
    }

    private final int rise;
    private final int fall;
    private int result;
    private boolean initial;

    /**
     * @param rise     successes needed to become good, at least 1
     * @param fall     failures needed to become bad, at least 1
     * @param initFail start as failed instead of unknown
     */
    public RiseFall(int rise, int fall, boolean initFail) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be >= 1 (were " + rise + ", " + fall + ")");
        }
        this.rise = rise;
        this.fall = fall;
        this.result = initFail ? 0 : rise - 1;
        this.initial = !initFail;
    }

    /** Records one run and says whether the state changed. */
    public Change record(boolean success) {
        Change change = Change.NONE;
        if (success) {
            if (result < rise - 1) {
                result++;
            } else if (result != rise + fall - 1) {
                if (result < rise) {
                    change = Change.UP;
                }
                result = rise + fall - 1;
            }
        } else {
            if (result > rise) {
                result--;
            } else {
                if (result == rise || initial) {
                    change = Change.DOWN;
                }
                result = 0;
            }
        }
        initial = false;
        return change;
    }

    /** True before the first run when not {@code init_fail}: the script neither adds nor faults yet. */
    public boolean unknown() {
        return initial;
    }

    /** True while good ({@code result >= rise}); meaningless while {@link #unknown()}. */
    public boolean good() {
        return result >= rise;
    }

    /** keepalived's counter, shown in {@code vrrpctl status}. */
    public int result() {
        return result;
    }

    public int rise() {
        return rise;
    }

    public int fall() {
        return fall;
    }
}
