package io.vrrpd.runtime;

import io.vrrpd.election.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault sources of one instance, by key ({@code link:eth0}, {@code track:...}, {@code hook:check-db},
 * a sync group's): the instance stays in FAULT while any is left. The election hears only the first one
 * raised and the last one cleared, and nothing before the instance started ({@link InstanceRuntime#start}
 * tells it of faults raised until then). Event loop only.
 */
final class InstanceFaults {
    private final InstanceRuntime instance;
    private final Map<String, String> faults = new LinkedHashMap<>();

    InstanceFaults(InstanceRuntime instance) {
        this.instance = instance;
    }

    /** Key to reason, in the order raised (status shows them). */
    Map<String, String> all() {
        return faults;
    }

    boolean any() {
        return !faults.isEmpty();
    }

    /** The reasons, joined: what the election is told when the instance starts faulty. */
    String summary() {
        return String.join("; ", faults.values());
    }

    void raise(String key, String reason, long now) {
        boolean was = !faults.isEmpty();
        faults.put(key, reason);
        if (!was && instance.started()) {
            instance.feed(new Event.FaultRaised(reason), now);
        }
    }

    void clear(String key, long now) {
        if (faults.remove(key) != null && faults.isEmpty() && instance.started()) {
            instance.feed(new Event.FaultCleared(), now);
        }
    }

    /** Clears the faults of tracked items no longer wanted, then raises the wanted ones. */
    void trackedAre(Map<String, String> wanted, long now) {
        for (String key : new ArrayList<>(faults.keySet())) {
            if (key.startsWith("track:") && !wanted.containsKey(key)) {
                clear(key, now);
            }
        }
        wanted.forEach((key, reason) -> raise(key, reason, now));
    }

    /** Clears the faults whose key starts with {@code prefix}; returns their reasons. */
    List<String> clearAll(String prefix, long now) {
        List<String> cleared = new ArrayList<>();
        for (String key : List.copyOf(faults.keySet())) {
            if (key.startsWith(prefix)) {
                cleared.add(faults.get(key));
                clear(key, now);
            }
        }
        return cleared;
    }
}
