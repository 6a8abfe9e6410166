package io.vrrpd.net;

import java.io.IOException;
import java.util.Optional;

/**
 * Link and address events from the kernel (rtnetlink groups RTMGRP_LINK, RTMGRP_IPV4_IFADDR and
 * RTMGRP_IPV6_IFADDR) plus on-demand link state queries.
 *
 * <p>Threading: {@link #start} spawns one daemon thread that delivers events to the listener in
 * kernel order. The listener runs on that thread and must not block (hand the event to the
 * event loop's queue). {@link #close} stops the thread and waits for it. {@link #query} may be
 * called from any thread.
 */
public interface LinkMonitor extends AutoCloseable {

    /** Receives events on the monitor thread. Exceptions it throws are logged and ignored. */
    @FunctionalInterface
    interface Listener {
        void onEvent(LinkEvent event);
    }

    /** Starts delivering events to {@code listener}; may be called once. */
    void start(Listener listener);

    /** The current state of {@code ifname}; empty when no such interface exists. */
    Optional<LinkState> query(String ifname) throws IOException;

    @Override
    void close();
}
