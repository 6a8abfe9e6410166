package io.vrrpd.runtime;

import io.vrrpd.net.NeighbourAnnouncer;
import java.io.IOException;
import java.net.Inet6Address;

/**
 * Opens the real announcer on the first IPv6 VIP, so IPv4-only hosts never open an ICMPv6 socket
 * (and a kernel booted with ipv6.disable=1 costs nothing until an IPv6 instance is configured).
 * A failed open is retried on the next call. Thread-safe.
 */
final class LazyNeighbourAnnouncer implements NeighbourAnnouncer {
    /** Opens the announcer; may fail like any socket call. */
    interface Opener {
        NeighbourAnnouncer open() throws IOException;
    }

    private final Opener opener;
    private NeighbourAnnouncer open;
    private boolean closed;

    LazyNeighbourAnnouncer(Opener opener) {
        this.opener = opener;
    }

    @Override
    public synchronized void announce(String ifname, Inet6Address vip) throws IOException {
        if (closed) {
            throw new java.nio.channels.ClosedChannelException();
        }
        if (open == null) {
            open = opener.open();
        }
        open.announce(ifname, vip);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (open != null) {
            open.close();
        }
    }
}
