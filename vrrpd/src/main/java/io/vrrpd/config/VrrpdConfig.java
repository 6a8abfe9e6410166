package io.vrrpd.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole validated configuration of one vrrpd process. Immutable; maps keep file order.
 *
 * @param globals    global_defs / {@code global}
 * @param instances  VRRP instances in file order, names unique
 * @param scripts    vrrp_script blocks by name
 * @param trackFiles vrrp_track_file blocks by name
 * @param syncGroups vrrp_sync_group blocks in file order
 */
public record VrrpdConfig(Globals globals, List<InstanceConfig> instances, Map<String, TrackScript> scripts,
                          Map<String, TrackFile> trackFiles, List<SyncGroup> syncGroups) {
    public VrrpdConfig {
        Objects.requireNonNull(globals, "globals");
        instances = List.copyOf(instances);
        scripts = Collections.unmodifiableMap(new LinkedHashMap<>(scripts));
        trackFiles = Collections.unmodifiableMap(new LinkedHashMap<>(trackFiles));
        syncGroups = List.copyOf(syncGroups);
    }

    /** @return the instance called {@code name}, if any */
    public Optional<InstanceConfig> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
