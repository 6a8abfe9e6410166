package io.vrrpd.hooks.postgres;

/** The {@code synchronous:} setting: whether the primary makes commits wait for its standby. */
public enum Synchronous {
    /** Asynchronous streaming: commits never wait; a failover may lose what the standby had not received. */
    OFF,
    /**
     * The primary lists its streaming standby in {@code synchronous_standby_names} while it streams and
     * clears the list when it is gone (Patroni's non-strict {@code synchronous_mode}): commits wait for the
     * standby's flush while it is there and never hang for good when it is not.
     */
    ON
}
