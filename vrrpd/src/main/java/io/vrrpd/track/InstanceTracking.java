package io.vrrpd.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one instance tracks, and what it adds up to: the effective priority, the faults, and whether
 * preemption is blocked. Mutable; confined to the event loop.
 */
public final class InstanceTracking {
    private final List<TrackedItem> items;
    private int basePriority;

    public InstanceTracking(int basePriority, List<TrackedItem> items) {
        this.basePriority = basePriority;
        this.items = List.copyOf(items);
    }

    /** No tracked items. */
    public static InstanceTracking none(int basePriority) {
        return new InstanceTracking(basePriority, List.of());
    }

    public List<TrackedItem> items() {
        return items;
    }

    /** The item of that kind and name, if tracked. */
    public Optional<TrackedItem> item(TrackedItem.Kind kind, String name) {
        return items.stream().filter(i -> i.kind() == kind && i.name().equals(name)).findFirst();
    }

    /** A reload changed the configured priority. */
    public void basePriority(int priority) {
        this.basePriority = priority;
    }

    public int basePriority() {
        return basePriority;
    }

    /** keepalived's total_priority: the configured priority plus every weight now in force. */
    public int totalPriority() {
        int total = basePriority;
        for (TrackedItem i : items) {
            total += i.contribution();
        }
        return total;
    }

    /** The priority to advertise: {@link EffectivePriority#of} the total. */
    public int effectivePriority() {
        return EffectivePriority.of(basePriority, totalPriority() - basePriority);
    }

    /** The faults the items cause now, by {@link TrackedItem#key()}. */
    public Map<String, String> faults() {
        Map<String, String> out = new LinkedHashMap<>();
        for (TrackedItem i : items) {
            i.fault().ifPresent(f -> out.put("track:" + i.key(), f));
        }
        return out;
    }

    /** The hooks whose health check says NO_PREEMPT now, with their detail. */
    public List<String> preemptionBlockers() {
        List<String> out = new ArrayList<>();
        for (TrackedItem i : items) {
            if (i.blocksPreemption()) {
                out.add(i.name() + ": " + i.detail());
            }
        }
        return out;
    }
}
