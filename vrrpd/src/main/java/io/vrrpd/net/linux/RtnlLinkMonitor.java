package io.vrrpd.net.linux;

import io.vrrpd.net.InterfaceAddress;
import io.vrrpd.net.LinkEvent;
import io.vrrpd.net.LinkMonitor;
import io.vrrpd.net.LinkState;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LinkMonitor} over an rtnetlink subscription to RTMGRP_LINK, RTMGRP_IPV4_IFADDR and
 * RTMGRP_IPV6_IFADDR.
 *
 * <p>Threading: {@link #start} runs a daemon thread named {@code vrrpd-link-monitor} that is the
 * only reader of the subscription; this thread is the error boundary: a listener exception or
 * a receive failure is logged and the loop goes on. Queries use a separate request socket so
 * they never interleave with notifications.
 *
 * <p>Both sockets live in the network namespace of the thread that called {@link #open}; the
 * monitor thread itself needs no namespace.
 */
public final class RtnlLinkMonitor implements LinkMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(RtnlLinkMonitor.class);
    private static final int GROUPS = RtnlCodec.RTMGRP_LINK | RtnlCodec.RTMGRP_IPV4_IFADDR | RtnlCodec.RTMGRP_IPV6_IFADDR;

    private final NetlinkSocket subscription;
    private final RtnlClient queries;
    private Thread thread;
    private volatile boolean stopping;

    private RtnlLinkMonitor(NetlinkSocket subscription, RtnlClient queries) {
        this.subscription = subscription;
        this.queries = queries;
    }

    /**
     * Subscribes now, so events that happen between {@code open} and {@link #start} are queued by
     * the kernel rather than lost.
     */
    public static RtnlLinkMonitor open() throws SyscallException {
        NetlinkSocket sub = NetlinkSocket.open(GROUPS);
        try {
            return new RtnlLinkMonitor(sub, RtnlClient.open());
        } catch (SyscallException e) {
            sub.close();
            throw e;
        }
    }

    @Override
    public synchronized void start(Listener listener) {
        if (thread != null) {
            throw new IllegalStateException("link monitor already started");
        }
        thread = new Thread(() -> run(listener), "vrrpd-link-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Listener listener) {
        while (!stopping) {
            try {
                subscription.receiveNotifications(-1, m -> deliver(listener, m));
            } catch (IOException e) {
                if (stopping) {
                    return;
                }
                LOG.warn("link monitor: {}", e.getMessage());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100); // a persistent socket error must not spin a core
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deliver(Listener listener, RtnlCodec.Message m) {
        LinkEvent event = toEvent(m);
        if (event == null) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("link monitor listener failed on {}: {}", event, e.toString());
        }
    }

    /** Maps one notification to an event; null for messages we do not report. */
    static LinkEvent toEvent(RtnlCodec.Message m) {
        switch (m.type()) {
            case RtnlCodec.NLMSG_OVERRUN:
                return new LinkEvent.Overrun();
            case RtnlCodec.RTM_NEWLINK:
                return new LinkEvent.LinkChanged(RtnlCodec.decodeLink(m.payload()).state());
            case RtnlCodec.RTM_DELLINK: {
                LinkState s = RtnlCodec.decodeLink(m.payload()).state();
                return new LinkEvent.LinkRemoved(s.ifindex(), s.name());
            }
            case RtnlCodec.RTM_NEWADDR: {
                InterfaceAddress a = RtnlCodec.decodeAddr(m.payload());
                return a == null ? null : new LinkEvent.AddressAdded(a);
            }
            case RtnlCodec.RTM_DELADDR: {
                InterfaceAddress a = RtnlCodec.decodeAddr(m.payload());
                return a == null ? null : new LinkEvent.AddressRemoved(a);
            }
            default:
                return null;
        }
    }

    @Override
    public Optional<LinkState> query(String ifname) throws IOException {
        return queries.link(ifname).map(RtnlCodec.Link::state);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            t = thread;
        }
        subscription.shutdownInput();
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        subscription.close();
        queries.close();
    }
}
