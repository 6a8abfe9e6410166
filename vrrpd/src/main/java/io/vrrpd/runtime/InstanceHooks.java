package io.vrrpd.runtime;

import io.vrrpd.config.Globals;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.hooks.HookResult;
import io.vrrpd.mail.MailCounters;
import java.util.List;
import java.util.Optional;

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

    /** A reload's global settings (mail relay, recipients). */
    default void reconfigure(Globals globals) {
    }

    /** The failover mail counters; empty when no mail is configured. */
    default Optional<MailCounters> mailCounters() {
        return Optional.empty();
    }

    /** Waits (bounded) for queued hooks, e.g. the STOP notifications sent at shutdown. */
    default void close() {
    }

    /** No hooks at all (tests). */
    InstanceHooks NONE = (instance, transition) -> { };
}
