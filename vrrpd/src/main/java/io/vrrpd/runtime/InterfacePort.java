package io.vrrpd.runtime;

import io.vrrpd.net.AdvertChannel;
import io.vrrpd.protocol.AdvertValidator;
import io.vrrpd.protocol.DropReason;
import io.vrrpd.protocol.ReceivedFields;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One VRRP socket (an interface, or an interface plus a unicast peer list) shared by the instances on
 * it, with its receiver thread. The thread only copies datagrams and hands them to the event loop,
 * where they are demultiplexed by VRID.
 */
final class InterfacePort implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InterfacePort.class);

    private final String key;
    private final String ifname;
    private final AdvertChannel channel;
    private final EventLoop loop;
    /**
     * Indexed by VRID and version: RFC 5798 §8.4 lets a v2 and a v3 router with one VRID share a segment. An
     * array, not a map: a boxed Integer key for VRIDs above 7 would be an allocation per advert (issue 10).
     */
    private final InstanceRuntime[] byVrid = new InstanceRuntime[key(255, 15) + 1];
    private int registered;
    /** Drops of datagrams no instance here claims, by {@link DropReason#ordinal()} (no boxing per datagram). */
    private final long[] unrouted = new long[DropReason.values().length];
    private final ReceivedFields scratch = new ReceivedFields();
    private final Thread receiver;
    private final LoopScheduling scheduling;
    private volatile boolean closed;

    InterfacePort(String key, String ifname, AdvertChannel channel, EventLoop loop) {
        this(key, ifname, channel, loop, null);
    }

    /** @param scheduling the loop's policy for the receive thread to follow; null leaves the thread as it is */
    InterfacePort(String key, String ifname, AdvertChannel channel, EventLoop loop, LoopScheduling scheduling) {
        this.key = key;
        this.scheduling = scheduling;
        this.ifname = ifname;
        this.channel = channel;
        this.loop = loop;
        this.receiver = new Thread(this::receiveLoop, "vrrpd-rx-" + ifname);
        this.receiver.setDaemon(true);
    }

    String key() {
        return key;
    }

    InetAddress primaryAddress() {
        return channel.primaryAddress();
    }

    void start() {
        receiver.start();
    }

    void register(InstanceRuntime instance) {
        int k = key(instance.config().vrid(), instance.config().version());
        if (byVrid[k] == null) {
            registered++;
        }
        byVrid[k] = instance;
    }

    void unregister(InstanceRuntime instance) {
        int k = key(instance.config().vrid(), instance.config().version());
        if (byVrid[k] == instance) {
            byVrid[k] = null;
            registered--;
        }
    }

    private static int key(int vrid, int version) {
        return vrid << 4 | version;
    }

    boolean unused() {
        return registered == 0;
    }

    /** The reasons seen so far with their counts; a copy. */
    Map<DropReason, Long> unroutedDrops() {
        EnumMap<DropReason, Long> seen = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            if (unrouted[r.ordinal()] > 0) {
                seen.put(r, unrouted[r.ordinal()]);
            }
        }
        return seen;
    }

    void send(ByteBuffer payload) throws IOException {
        channel.send(payload);
    }

    private void receiveLoop() {
        ByteBuffer rx = ByteBuffer.allocateDirect(65536);
        int priority = 0;
        while (!closed) {
            try {
                if (scheduling != null) {
                    priority = scheduling.follow(priority);
                }
                rx.clear();
                int n = channel.receive(rx, 1000);
                if (n <= 0) {
                    continue;
                }
                // Dated by its arrival at the host (kernel timestamp), not by when this thread or the loop got
                // to it: the master-down timer counts from the advert's receipt (RFC 5798 §6.4.2), so a
                // descheduled receiver or a busy loop does not stretch the takeover.
                long arrived = loop.clock().nanoTime() - channel.lastReceiveAgeNanos();
                byte[] copy = new byte[rx.remaining()];
                rx.get(copy);
                loop.post(() -> dispatch(ByteBuffer.wrap(copy), arrived));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("receive on {} failed: {}; retrying", ifname, e.getMessage());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** On the event loop: hands the datagram to the instance that owns its VRID. */
    void dispatch(ByteBuffer datagram) {
        dispatch(datagram, loop.now());
    }

    /**
     * As {@link #dispatch(ByteBuffer)} for a datagram that arrived at {@code arrivedNanos}; dated by
     * {@link EventLoop#dated}: its arrival, never earlier than a timer the loop has already run.
     */
    void dispatch(ByteBuffer datagram, long arrivedNanos) {
        long now = loop.dated(arrivedNanos);
        int vrid = AdvertValidator.peekVrid(datagram);
        InstanceRuntime instance = instanceFor(vrid, AdvertValidator.peekVersion(datagram));
        if (instance == null) {
            // The other version's advert for our VRID: the instance counts it as a version drop.
            instance = instanceFor(vrid, 3);
            instance = instance != null ? instance : instanceFor(vrid, 2);
        }
        if (instance != null) {
            instance.onDatagram(datagram, now);
            return;
        }
        // Other VRRP routers on the segment are normal (keepalived ignores them too): count, do not log.
        unrouted[AdvertValidator.rejectUnrouted(datagram, scratch).ordinal()]++;
    }

    private InstanceRuntime instanceFor(int vrid, int version) {
        return vrid < 0 || version < 0 ? null : byVrid[key(vrid, version)];
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (Exception e) {
            LOG.debug("closing VRRP socket on {}: {}", ifname, e.getMessage());
        }
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
