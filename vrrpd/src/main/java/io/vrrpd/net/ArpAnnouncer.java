package io.vrrpd.net;

import java.io.IOException;
import java.net.Inet4Address;

/**
 * Sends gratuitous ARP for a virtual IPv4 address (RFC 3768 §8.2: "broadcast a gratuitous ARP
 * request containing the virtual router MAC address for each IP address"; we use the
 * interface MAC, as keepalived does without use_vmac).
 *
 * <p>One call sends one frame; how many and when (e.g. 5 at takeover, 5 after
 * garp_master_delay) is the runtime's decision. Safe to call from any thread.
 */
public interface ArpAnnouncer extends AutoCloseable {

    /**
     * Broadcasts one ARP request on {@code ifname} with sender IP = target IP = {@code vip} and
     * sender MAC = the interface MAC.
     */
    void announce(String ifname, Inet4Address vip) throws IOException;

    @Override
    void close();
}
