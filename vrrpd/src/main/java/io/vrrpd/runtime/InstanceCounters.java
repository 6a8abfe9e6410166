package io.vrrpd.runtime;

import io.vrrpd.protocol.DropReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-instance counters shown by {@code vrrpctl status}. Written and read on the event loop only.
 */
final class InstanceCounters {
    private static final DropReason[] REASONS = DropReason.values();

    long advertsSent;
    long advertsReceived;
    long sendErrors;
    long transitions;
    long becameMaster;
    long vipsRestored;
    /** By {@link DropReason#ordinal()}: counting a drop must not box a Long (a flood of them, issue 10). */
    private final long[] drops = new long[REASONS.length];

    void drop(DropReason reason) {
        drops[reason.ordinal()]++;
    }

    /** The reasons seen so far with their counts, in declaration order; a copy. */
    Map<DropReason, Long> dropsView() {
        EnumMap<DropReason, Long> seen = new EnumMap<>(DropReason.class);
        for (DropReason r : REASONS) {
            if (drops[r.ordinal()] > 0) {
                seen.put(r, drops[r.ordinal()]);
            }
        }
        return seen;
    }
}
