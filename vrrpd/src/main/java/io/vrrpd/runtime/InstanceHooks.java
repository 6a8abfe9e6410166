package io.vrrpd.runtime;

import io.vrrpd.config.InstanceConfig;
import io.vrrpd.hooks.HealthCheck;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the daemon asks of the hook side: hear about transitions, learn each instance's hooks when it is
 * created or reloaded, forget removed ones, tell status the last results, and run the takeover and
 * planned-release hooks whose results gate the VIPs. Nothing here may block the event loop: hooks run
 * on their instance's lane and the futures complete there.
 */
public interface InstanceHooks extends InstanceRuntime.TransitionListener {
    default void configure(InstanceConfig instance) {
    }

    default void forget(String instance) {
    }

    default List<HookResult> recent(String instance) {
        return List.of();
    }

    /** A vrrp_sync_group's state changed: run its notify scripts (keepalived's {@code GROUP} notifications). */
    default void onGroupTransition(io.vrrpd.config.SyncGroup group, io.vrrpd.election.State from,
                                   io.vrrpd.election.State to, String reason) {
    }

    /** True when the instance has takeover hooks: becoming MASTER then waits for them before adding VIPs. */
    default boolean gates(String instance) {
        return false;
    }

    /** True when the instance has release hooks: a planned handover then runs them before resigning. */
    default boolean releases(String instance) {
        return false;
    }

    /** Queues the takeover hooks of a transition to MASTER; results in configured order. */
    default CompletableFuture<List<HookResult>> takeover(HookContext context) {
        return CompletableFuture.completedFuture(List.of());
    }

    /** Queues the release hooks of a planned handover ({@code context.planned()} is true). */
    default CompletableFuture<List<HookResult>> plannedRelease(HookContext context) {
        return CompletableFuture.completedFuture(List.of());
    }

    /**
     * The health checks the instance's hooks offer, by hook name, for tracking ({@link Tracking}): an UNFIT
     * verdict is a fault (key {@code track:hook:<name>}, as long as the verdict lasts); READY or NO_PREEMPT
     * after UNFIT also clears the fault a failed hook raised ({@link InstanceRuntime#hookFaultKey}).
     */
    default Map<String, HealthCheck> healthChecks(String instance) {
        return Map.of();
    }

    /** The admin actions the instance's hooks offer (e.g. {@code rejoin}). */
    default Set<String> actions(String instance) {
        return Set.of();
    }

    /**
     * Runs an admin action on the instance's lane, serial with its transitions; completes with one report
     * per hook offering it (empty when none does).
     */
    default CompletableFuture<List<HookResult>> action(String action, HookContext context) {
        return CompletableFuture.completedFuture(List.of());
    }

    /** Waits (bounded) for queued hooks, e.g. the STOP notifications sent at shutdown. */
    default void close() {
    }

    /** No hooks at all (tests). */
    InstanceHooks NONE = (instance, transition) -> { };
}
