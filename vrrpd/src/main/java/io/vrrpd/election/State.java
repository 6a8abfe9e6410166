package io.vrrpd.election;

/**
 * The states of one VRRP instance (RFC 3768 §6.4), plus the two keepalived adds: {@link #FAULT} (a tracked
 * interface or check failed: no adverts, no VIPs) and {@link #STOP} (terminal, after shutdown).
 */
public enum State {
    /** Created, not started yet (RFC 3768 §6.4.1). */
    INIT,
    /** Listening for the master's adverts, master-down timer armed (RFC 3768 §6.4.2). */
    BACKUP,
    /** Owning the VIPs and advertising (RFC 3768 §6.4.3). */
    MASTER,
    /** Not eligible: a fault source is active; no timers, adverts ignored. */
    FAULT,
    /** Shut down; every later event is ignored. */
    STOP
}
