package io.vrrpd.runtime;

import io.vrrpd.net.NeighbourAnnouncer;
import java.io.IOException;
import java.net.Inet6Address;

/** The announcer of a platform without IPv6: every call fails with a message saying so. */
enum NoNeighbourAnnouncer implements NeighbourAnnouncer {
    INSTANCE;

    @Override
    public void announce(String ifname, Inet6Address vip) throws IOException {
        throw new IOException("no IPv6 neighbour discovery on this platform");
    }

    @Override
    public void close() {
    }
}
