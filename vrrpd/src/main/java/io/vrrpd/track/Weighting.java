package io.vrrpd.track;

/**
 * How one tracked item with a good/bad state acts on an instance (keepalived 2.2.7 vrrp_track.c,
 * process_script_update_priority and initialise_track_script_state; the same rule serves track_interface).
 *
 * <ul>
 *   <li>weight 0: bad means FAULT; with {@code reverse}, good means FAULT.</li>
 *   <li>weight &gt; 0: added while good, nothing while bad.</li>
 *   <li>weight &lt; 0: nothing while good, added (so subtracted) while bad.</li>
 *   <li>{@code reverse} negates the amount, so {@code weight 10 reverse} lowers the priority by 10 while
 *       good.</li>
 *   <li>Before the first result (keepalived's SCRIPT_INIT_STATE_INIT) the item adds nothing and does not
 *       fault.</li>
 * </ul>
 *
 * @param weight  -253..253
 * @param reverse keepalived's {@code reverse}
 */
public record Weighting(int weight, boolean reverse) {

    public Weighting {
        if (weight < -253 || weight > 253) {
            throw new IllegalArgumentException("weight must be -253..253 (was " + weight + ")");
        }
    }

    /** True when the item's failure puts the instance in FAULT instead of changing its priority. */
    public boolean faultsInstead() {
        return weight == 0;
    }

    /** The priority change while the item is {@code good} (0 for weight 0). */
    public int contribution(boolean good) {
        int multiplier = reverse ? -1 : 1;
        if (weight > 0) {
            return good ? weight * multiplier : 0;
        }
        return good ? 0 : weight * multiplier;
    }

    /** For weight 0: whether the item in this state puts the instance in FAULT. */
    public boolean faults(boolean good) {
        return weight == 0 && good == reverse;
    }
}
