package io.vrrpd.runtime;

import io.vrrpd.net.ArpAnnouncer;
import io.vrrpd.net.NeighbourAnnouncer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Picks the announcement of a VIP by address family: gratuitous ARP for IPv4 (RFC 3768 §8.2),
 * unsolicited neighbour advertisement for IPv6 (RFC 5798 §8.2.3, RFC 4861 §7.2.6). The GARP
 * schedule (count, delay, refresh) applies to both, as in keepalived.
 */
final class VipAnnouncer implements InstanceRuntime.ArpPort {
    private final ArpAnnouncer arp;
    private final NeighbourAnnouncer neighbours;

    VipAnnouncer(ArpAnnouncer arp, NeighbourAnnouncer neighbours) {
        this.arp = arp;
        this.neighbours = neighbours;
    }

    @Override
    public void announce(String ifname, InetAddress vip) throws IOException {
        if (vip instanceof Inet4Address v4) {
            arp.announce(ifname, v4);
        } else {
            neighbours.announce(ifname, (Inet6Address) vip);
        }
    }
}
