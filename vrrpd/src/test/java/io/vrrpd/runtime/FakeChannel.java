package io.vrrpd.runtime;

import io.vrrpd.net.AdvertChannel;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One host's VRRP socket on a {@link FakeSegment}. Besides the {@link AdvertChannel} contract it counts
 * datagrams delivered but not yet handed to the event loop, so the test can wait until the wire is quiet:
 * a datagram counts as handed over once the receiver thread asks for the next one (InterfacePort posts
 * each datagram before it calls {@code receive} again).
 */
final class FakeChannel implements AdvertChannel {
    private static final byte[] WAKE = new byte[0];

    private final FakeSegment segment;
    private final FakeHost host;
    private final LinkedBlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    private boolean handedOut;
    private volatile boolean closed;

    FakeChannel(FakeSegment segment, FakeHost host) {
        this.segment = segment;
        this.host = host;
    }

    FakeHost host() {
        return host;
    }

    boolean closed() {
        return closed;
    }

    /** True when every delivered datagram has been posted to the event loop (or the channel is closed). */
    boolean quiet() {
        return closed || unfinished.get() == 0;
    }

    void deliver(byte[] datagram) {
        if (closed) {
            return;
        }
        unfinished.incrementAndGet();
        inbox.add(datagram);
    }

    @Override
    public void send(ByteBuffer vrrpPayload) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        byte[] payload = new byte[vrrpPayload.remaining()];
        vrrpPayload.duplicate().get(payload);
        segment.transmit(this, payload);
    }

    @Override
    public int receive(ByteBuffer dst, long timeoutMillis) throws IOException {
        if (handedOut) {
            handedOut = false;
            unfinished.decrementAndGet();
        }
        if (closed) {
            throw new ClosedChannelException();
        }
        byte[] d;
        try {
            d = timeoutMillis < 0 ? inbox.take() : inbox.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        if (closed) {
            throw new ClosedChannelException();
        }
        if (d == null || d == WAKE) {
            return 0;
        }
        int n = Math.min(d.length, dst.remaining());
        int pos = dst.position();
        dst.put(d, 0, n);
        dst.position(pos);
        dst.limit(pos + n);
        handedOut = true;
        return n;
    }

    @Override
    public void wakeup() {
        inbox.add(WAKE);
    }

    @Override
    public void close() {
        closed = true;
        inbox.add(WAKE);
    }

    @Override
    public int ifindex() {
        return FakeHost.IFINDEX;
    }

    @Override
    public Inet4Address primaryAddress() {
        return host.primary();
    }
}
