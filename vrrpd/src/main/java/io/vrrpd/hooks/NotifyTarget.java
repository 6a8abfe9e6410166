package io.vrrpd.hooks;

/**
 * What a keepalived notification is about, the first word of the generic {@code notify} script's extra
 * arguments and of a notify FIFO line (keepalived.conf(5), {@code notify} and {@code notify_fifo}).
 */
public enum NotifyTarget {
    /** A {@code vrrp_instance}; the priority reported is its effective priority. */
    INSTANCE,
    /** A {@code vrrp_sync_group}; keepalived reports priority 0 for a group. */
    GROUP;

    /** The priority to report: the context's for an instance, 0 for a group, as keepalived does. */
    int reportedPriority(HookContext context) {
        return this == GROUP ? 0 : context.priority();
    }
}
