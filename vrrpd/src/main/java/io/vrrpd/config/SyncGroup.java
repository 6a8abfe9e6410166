package io.vrrpd.config;

import java.util.List;
import java.util.Objects;

/**
 * A vrrp_sync_group: instances that change state together.
 *
 * @param name      group name
 * @param instances member instance names, each defined and in no other group
 * @param notifications    group notify scripts
 * @param smtpAlert send mail on group transitions
 */
public record SyncGroup(String name, List<String> instances, Notify notifications, boolean smtpAlert) {
    public SyncGroup {
        Objects.requireNonNull(name, "name");
        instances = List.copyOf(instances);
        Objects.requireNonNull(notifications, "notifications");
    }
}
