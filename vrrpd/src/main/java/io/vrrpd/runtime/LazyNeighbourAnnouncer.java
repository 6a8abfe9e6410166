package io.vrrpd.runtime;

import io.vrrpd.net.NeighbourAnnouncer;
import java.io.IOException;
import java.net.Inet6Address;

/**
 * The ICMPv6 announcer, opened at start-up when the host can ({@link #tryOpen}: the first
 * takeover must not pay for opening a socket), otherwise on the first IPv6 VIP, so a kernel
 * booted with ipv6.disable=1 still runs its IPv4 instances. A failed open is retried on the next
 * call. Thread-safe.
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

    /** Opens the announcer now if it can; a failure is left for the first announcement to report. */
    synchronized void tryOpen() {
        if (open == null && !closed) {
            try {
                open = opener.open();
            } catch (IOException | RuntimeException e) {
                open = null;
            }
        }
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
