package io.vrrpd.net;

import java.io.IOException;
import java.net.Inet6Address;

/**
 * Sends unsolicited neighbour advertisements for a virtual IPv6 address: what gratuitous ARP is for
 * IPv4 (RFC 5798 §8.2.3 points to RFC 4861 §7.2.6: a new master sends unsolicited NAs so that
 * neighbours update their caches at once).
 *
 * <p>One call sends one advertisement; how many and when is the runtime's decision (the same
 * schedule as gratuitous ARP, as keepalived does with its garp settings for IPv6). Safe to call
 * from any thread.
 */
public interface NeighbourAnnouncer extends AutoCloseable {

    /**
     * Sends one NA on {@code ifname} to all-nodes (ff02::1), hop limit 255, target {@code vip},
     * Override flag set, Solicited flag clear, with the interface MAC as target link-layer address.
     */
    void announce(String ifname, Inet6Address vip) throws IOException;

    @Override
    void close();
}
