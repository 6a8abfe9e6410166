package io.vrrpd.config;

/**
 * The {@code state} hint of an instance. Per keepalived.conf(5) it only decides the start-up state and, when
 * {@code priority} is missing, makes MASTER mean priority 255; the election decides the rest.
 */
public enum InitialState {
    BACKUP,
    MASTER
}
