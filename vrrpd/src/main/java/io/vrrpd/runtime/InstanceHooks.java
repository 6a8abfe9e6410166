package io.vrrpd.runtime;

import io.vrrpd.config.InstanceConfig;
import io.vrrpd.hooks.HookResult;
import java.util.List;

/**
 * What the daemon asks of the hook side: hear about transitions, learn each instance's hooks when it is
 * created or reloaded, forget removed ones, and tell status the last results.
 */
public interface InstanceHooks extends InstanceRuntime.TransitionListener {
    default void configure(InstanceConfig instance) {
    }

    default void forget(String instance) {
    }

    default List<HookResult> recent(String instance) {
        return List.of();
    }

    /**
     * The health checks the instance's hooks offer ({@link io.vrrpd.hooks.Hook#healthCheck()}), by hook name;
     * the tracker runs them like weight-0 track scripts.
     */
    default java.util.Map<String, io.vrrpd.hooks.HealthCheck> healthChecks(String instance) {
        return java.util.Map.of();
    }

    /** A vrrp_sync_group's state changed: run its notify scripts (keepalived's {@code GROUP} notifications). */
    default void onGroupTransition(io.vrrpd.config.SyncGroup group, io.vrrpd.election.State from,
                                   io.vrrpd.election.State to, String reason) {
    }

    /** Waits (bounded) for queued hooks, e.g. the STOP notifications sent at shutdown. */
    default void close() {
    }

    /** No hooks at all (tests). */
    InstanceHooks NONE = (instance, transition) -> { };
}
