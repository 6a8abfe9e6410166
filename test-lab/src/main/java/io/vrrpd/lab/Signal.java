package io.vrrpd.lab;

/** The signals a lab test sends to daemons, with their names as {@code kill -s} takes them (signal(7)). */
public enum Signal {
    /** Polite stop: a VRRP master sends priority 0 and drops its VIPs (RFC 3768 §6.4.3). */
    TERM,
    /** A crash: no goodbye advert, the peer waits for the master-down interval. */
    KILL,
    /** A hang: the process keeps its sockets but sends nothing until CONT. */
    STOP,
    /** Resume after STOP. */
    CONT,
    /** Reload configuration (keepalived and vrrpd). */
    HUP,
    /** Interrupt. */
    INT,
    /** keepalived: dump configuration and state. */
    USR1,
    /** keepalived: dump statistics. */
    USR2
}
