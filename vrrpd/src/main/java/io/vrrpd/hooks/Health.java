package io.vrrpd.hooks;

import java.util.Objects;

/**
 * What a {@link HealthCheck} says about this node's fitness to hold the instance's VIP.
 *
 * @param status the verdict
 * @param detail one line for logs, {@code vrrpctl status} and the {@code faults} list (why not ready)
 */
public record Health(Status status, String detail) {

    /** The verdicts, from most to least fit. */
    public enum Status {
        /** The service can serve as master here; the instance elects and preempts as configured. */
        READY,
        /**
         * The service can take over when the master is gone (master-down timer, priority-0 advert), but
         * this node must never preempt a live master: e.g. a PostgreSQL standby facing a healthy primary.
         * Failback is then always a planned {@code vrrpctl failover}.
         */
        NO_PREEMPT,
        /**
         * The service cannot serve here (not running, stale data, not replicating): the instance goes to
         * FAULT with {@link #detail} among its faults, and returns to BACKUP once the check says
         * {@link #READY} or {@link #NO_PREEMPT} again.
         */
        UNFIT
    }

    public Health {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static Health ready(String detail) {
        return new Health(Status.READY, detail);
    }

    public static Health noPreempt(String detail) {
        return new Health(Status.NO_PREEMPT, detail);
    }

    public static Health unfit(String detail) {
        return new Health(Status.UNFIT, detail);
    }
}
