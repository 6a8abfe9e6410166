package io.vrrpd.runtime;

import io.vrrpd.protocol.DropReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-instance counters shown by {@code vrrpctl status}. Written and read on the event loop only.
 */
final class InstanceCounters {
    long advertsSent;
    long advertsReceived;
    long sendErrors;
    long transitions;
    long becameMaster;
    long vipsRestored;
    final EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);

    void drop(DropReason reason) {
        drops.merge(reason, 1L, Long::sum);
    }

    Map<DropReason, Long> dropsView() {
        return drops;
    }
}
