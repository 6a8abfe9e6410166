package io.vrrpd.runtime;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An Ethernet segment in memory: what one channel sends, every other channel on the segment receives,
 * as a raw socket would deliver it (RFC 3768 §7.1: IPv4 header with TTL 255, protocol 112, source = the
 * sender's primary address, destination 224.0.0.18). A host whose link has no carrier neither sends nor
 * receives. Every frame is recorded so tests can look at the wire.
 */
public final class FakeSegment {
    static final Inet4Address VRRP_GROUP = v4("224.0.0.18");

    /** One datagram seen on the wire. */
    public record Frame(long nanos, Inet4Address source, byte[] datagram) {
        public int ttl() {
            return octet(8);
        }

        public int vrid() {
            return octet(21);
        }

        public int priority() {
            return octet(22);
        }

        private int octet(int i) {
            return i < datagram.length ? datagram[i] & 0xff : -1;
        }
    }

    private final SimClock clock;
    private final List<FakeChannel> channels = new CopyOnWriteArrayList<>();
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final AtomicLong activity = new AtomicLong();
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

    FakeSegment(SimClock clock) {
        this.clock = clock;
    }

    FakeChannel join(FakeHost host) {
        FakeChannel ch = new FakeChannel(this, host);
        channels.add(ch);
        return ch;
    }

    void transmit(FakeChannel from, byte[] vrrpPayload) {
        activity.incrementAndGet();
        byte[] datagram = datagram(from.primaryAddress(), 255, vrrpPayload);
        frames.add(new Frame(clock.nanoTime(), from.primaryAddress(), datagram));
        if (!from.host().carrier()) {
            return; // the cable is cut: the frame never reaches the wire
        }
        pending.add(new Pending(from, datagram));
    }

    /**
     * Delivers what was sent since the last call. Holding frames until every node has run its timers due
     * at this instant makes simultaneous events deterministic: two routers whose master-down timers fire
     * in the same instant both become master before either hears the other (RFC 3768 §6.4.3 then applies).
     */
    void flush() {
        Pending p;
        while ((p = pending.poll()) != null) {
            activity.incrementAndGet();
            for (FakeChannel ch : channels) {
                if (ch != p.from() && ch.host().carrier()) {
                    ch.deliver(p.datagram().clone());
                }
            }
        }
    }

    private record Pending(FakeChannel from, byte[] datagram) {
    }

    /** Puts a complete datagram (IP header included) on the wire, as a third router would; delivered on settle. */
    public void inject(byte[] datagram) {
        activity.incrementAndGet();
        frames.add(new Frame(clock.nanoTime(), v4(datagram, 12), datagram.clone()));
        pending.add(new Pending(null, datagram.clone()));
    }

    /** The frames sent so far that match {@code filter}, oldest first. */
    public List<Frame> frames(Predicate<Frame> filter) {
        List<Frame> out = new ArrayList<>();
        for (Frame f : frames) {
            if (filter.test(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Something happened that the event loops must still see (a link or address event). */
    void touch() {
        activity.incrementAndGet();
    }

    /** Channels not closed yet. */
    public long openChannels() {
        return channels.stream().filter(c -> !c.closed()).count();
    }

    long activity() {
        return activity.get();
    }

    boolean quiet() {
        return channels.stream().allMatch(FakeChannel::quiet);
    }

    /** An IPv4 datagram around a VRRP payload, with a correct IP header checksum. */
    public static byte[] datagram(Inet4Address source, int ttl, byte[] vrrpPayload) {
        ByteBuffer b = ByteBuffer.allocate(20 + vrrpPayload.length);
        b.put((byte) 0x45).put((byte) 0xc0).putShort((short) (20 + vrrpPayload.length));
        b.putShort((short) 0).putShort((short) 0);
        b.put((byte) ttl).put((byte) 112).putShort((short) 0);
        b.put(source.getAddress()).put(VRRP_GROUP.getAddress());
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((b.get(i) & 0xff) << 8) | (b.get(i + 1) & 0xff);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        b.putShort(10, (short) ~sum);
        b.put(vrrpPayload);
        return b.array();
    }

    static Inet4Address v4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Inet4Address v4(byte[] datagram, int offset) {
        if (datagram.length < offset + 4) {
            return v4("0.0.0.0");
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(java.util.Arrays.copyOfRange(datagram, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
