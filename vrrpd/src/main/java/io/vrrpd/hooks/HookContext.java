package io.vrrpd.hooks;

import java.util.List;
import java.util.Objects;

/**
 * What a hook knows about the transition it runs for. States are the election state names in upper
 * case ({@code INIT}, {@code BACKUP}, {@code MASTER}, {@code FAULT}, {@code STOP}); the runtime maps
 * its own types to these strings so hook modules depend on nothing else in vrrpd.
 *
 * @param instance   the VRRP instance (or sync group) name, e.g. {@code VI_1}
 * @param fromState  the state left
 * @param toState    the state entered
 * @param reason     why, in words, for logs and mails (e.g. "master-down timer expired")
 * @param priority   the effective priority, 0..255
 * @param virtualIps the instance's virtual addresses as text (e.g. {@code 192.0.2.10/24})
 * @param peer       the current master's address as text, or {@code null} when unknown or ourselves
 * @param sequence   the instance's transition counter; increases with every transition
 * @param planned    true when an admin asked for it ({@code vrrpctl failover}): a release may then take the
 *                   time to hand over cleanly (e.g. stop PostgreSQL so its shutdown checkpoint reaches the
 *                   standby) instead of fencing at once
 */
public record HookContext(String instance, String fromState, String toState, String reason, int priority,
                          List<String> virtualIps, String peer, long sequence, boolean planned) {

    /** An unplanned transition (election, fault, shutdown). */
    public HookContext(String instance, String fromState, String toState, String reason, int priority,
                       List<String> virtualIps, String peer, long sequence) {
        this(instance, fromState, toState, reason, priority, virtualIps, peer, sequence, false);
    }

    public HookContext {
        requireText(instance, "instance");
        requireText(fromState, "fromState");
        requireText(toState, "toState");
        Objects.requireNonNull(reason, "reason");
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority must be 0..255 (was " + priority + ")");
        }
        virtualIps = List.copyOf(Objects.requireNonNull(virtualIps, "virtualIps"));
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0 (was " + sequence + ")");
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
