package io.vrrpd.hooks.postgres;

/** The {@code rejoin:} setting: who turns a stale ex-primary (or a stopped standby) into a streaming standby. */
public enum RejoinMode {
    /** The guard starts the rejoin by itself as soon as the peer's server answers as the primary. */
    AUTO,
    /** The node stays in FAULT with the reason until an admin runs {@code vrrpctl rejoin INSTANCE}. */
    MANUAL
}
