package io.vrrpd.lab;

import java.util.List;

/**
 * Where node 1 was without the VIP in a series of {@link VipSample}s taken after its daemon restarted:
 * samples {@code [firstClean, reclaimed)}. A restarted daemon must remove the stale VIP its SIGKILLed
 * predecessor left behind before it takes part in the election, so a preempting node 1 shows at least one
 * such sample before it holds the VIP again.
 *
 * @param firstClean   index of the first sample without the VIP on node 1, or -1 if there is none
 * @param reclaimed    index of the first sample after that with the VIP back on node 1 (the series' size if
 *                     it never came back)
 * @param cleanSamples how many samples node 1 was without it
 * @param cleanMillis  how long, from the first clean sample to the reclaiming one; -1 if it never came back
 */
record VipWindow(int firstClean, int reclaimed, int cleanSamples, long cleanMillis) {

    /** Finds the first run of samples without the VIP on node 1. */
    static VipWindow of(List<VipSample> samples) {
        int first = -1;
        for (int i = 0; i < samples.size(); i++) {
            if (!samples.get(i).on1()) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return new VipWindow(-1, 0, 0, 0);
        }
        int back = first;
        while (back < samples.size() && !samples.get(back).on1()) {
            back++;
        }
        long millis = back < samples.size() ? samples.get(back).ms() - samples.get(first).ms() : -1;
        return new VipWindow(first, back, back - first, millis);
    }
}
