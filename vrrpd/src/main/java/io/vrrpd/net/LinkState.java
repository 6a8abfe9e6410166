package io.vrrpd.net;

import java.util.Objects;

/**
 * The state of one link, from IFF_* flags and IFLA_OPERSTATE (see rtnetlink(7), netdevice(7)).
 *
 * @param ifindex interface index
 * @param name interface name
 * @param up IFF_UP: administratively up
 * @param running IFF_RUNNING: the kernel considers it operational (carrier present)
 * @param operState IFLA_OPERSTATE as RFC 2863 names it, e.g. {@code UP}, {@code DOWN},
 *     {@code LOWERLAYERDOWN}, {@code UNKNOWN}
 */
public record LinkState(int ifindex, String name, boolean up, boolean running, String operState) {
    public LinkState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operState, "operState");
    }

    /**
     * True when the link can carry VRRP: administratively up and running. Devices without
     * carrier detection (e.g. some virtual ones) report operstate UNKNOWN but RUNNING, so
     * IFF_RUNNING rather than operstate decides.
     */
    public boolean usable() {
        return up && running;
    }
}
