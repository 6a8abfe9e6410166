package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vrrpd.config.ConfigLoader;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.election.State;
import io.vrrpd.net.AddressManager;
import io.vrrpd.net.AdvertChannel;
import io.vrrpd.net.InterfaceAddress;
import io.vrrpd.protocol.AdvertEncoder;
import io.vrrpd.protocol.Advertisement;
import io.vrrpd.protocol.DropReason;
import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: once running, the advert path allocates nothing per advert. The real {@link InstanceRuntime},
 * election, validator, encoder and {@link EventLoop} (its timers run on this thread, the loop thread is
 * never started) handle {@value #ADVERTS} adverts after a warm-up of as many, and the bytes this thread
 * allocated meanwhile are read from {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long)}.
 *
 * <p>Runs in its own surefire execution with {@code -XX:TieredStopAtLevel=1}, the C1-only compiler the
 * daemon ships with: C2's escape analysis could remove allocations the daemon really performs and let the
 * test pass for the wrong reason. Run another way (an IDE), it is skipped.
 */
@Tag("allocation")
class AdvertPathAllocationTest {
    private static final int ADVERTS = 10_000;
    private static final Inet4Address PEER = FakeSegment.v4("192.0.2.11");
    /** Made once: Duration.ofSeconds allocates, and the test must not count its own allocations. */
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration FLOOD_GAP = Duration.ofNanos(10_000);
    private static com.sun.management.ThreadMXBean threads;

    @BeforeAll
    static void measurable() {
        assumeTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:TieredStopAtLevel=1"),
                "run by the surefire execution 'allocation' (C1 only, as the daemon runs)");
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "JVM cannot measure per-thread allocation");
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation measurement is disabled");
    }

    @Test
    void aMasterSendingOnItsTimerAllocatesNothing() {
        Rig rig = new Rig(SeedConfigs.primary());
        rig.clock.advance(Duration.ofSeconds(2));
        rig.loop.runDueTimers();
        assertEquals(State.MASTER, rig.instance.state(), "state MASTER with nobody else: master after 1 s");

        long sentBefore = rig.instance.counters.advertsSent;
        rig.masterAdverts(ADVERTS);
        long allocated = rig.allocatedBy(() -> rig.masterAdverts(ADVERTS));

        assertEquals(2L * ADVERTS, rig.instance.counters.advertsSent - sentBefore, "one advert per interval");
        assertEquals(0, allocated, "bytes allocated while sending " + ADVERTS + " adverts");
    }

    @Test
    void aBackupAcceptingItsMasterAndRearmingItsTimerAllocatesNothing() {
        Rig rig = new Rig(SeedConfigs.standby());
        ByteBuffer advert = datagram(101, "PASSWORD", 255);

        rig.backupAdverts(advert, ADVERTS);
        long allocated = rig.allocatedBy(() -> rig.backupAdverts(advert, ADVERTS));

        assertEquals(State.BACKUP, rig.instance.state(), "the master's adverts kept the backup in BACKUP");
        assertEquals(PEER, rig.instance.machine().masterAddress());
        assertEquals(2L * ADVERTS, rig.instance.counters.advertsReceived);
        assertTrue(rig.instance.machine().nextDeadlineNanos() > rig.clock.nanoTime(), "master-down timer re-armed");
        assertEquals(0, allocated, "bytes allocated while accepting " + ADVERTS + " adverts");
    }

    @Test
    void aDroppedAdvertIsCountedWithoutAllocating() {
        Rig rig = new Rig(SeedConfigs.standby());
        ByteBuffer wrongPassword = datagram(101, "WRONG", 255);

        rig.drops(wrongPassword, ADVERTS);
        long allocated = rig.allocatedBy(() -> rig.drops(wrongPassword, ADVERTS));

        assertEquals(2L * ADVERTS, rig.instance.counters.dropsView().get(DropReason.AUTH_DATA));
        assertEquals(0, rig.instance.counters.advertsReceived);
        assertEquals(0, allocated, "bytes allocated while dropping " + ADVERTS + " adverts (after the logged first)");
    }

    @Test
    void anotherRoutersAdvertIsCountedWithoutAllocating() {
        Rig rig = new Rig(SeedConfigs.standby());
        ByteBuffer otherVrid = datagram(52, 101, "PASSWORD", 255);

        rig.drops(otherVrid, ADVERTS);
        long allocated = rig.allocatedBy(() -> rig.drops(otherVrid, ADVERTS));

        assertEquals(2L * ADVERTS, rig.port.unroutedDrops().get(DropReason.VRID));
        assertEquals(0, allocated, "bytes allocated while counting " + ADVERTS + " adverts of another VRID");
    }

    private static ByteBuffer datagram(int priority, String password, int ttl) {
        return datagram(51, priority, password, ttl);
    }

    private static ByteBuffer datagram(int vrid, int priority, String password, int ttl) {
        Advertisement a = Advertisement.v2WithPassword(vrid, priority, 1, password,
                List.of(FakeSegment.v4(SeedConfigs.VIP)));
        ByteBuffer b = ByteBuffer.allocate(AdvertEncoder.encodedLength(a));
        new AdvertEncoder().encode(a, b);
        return ByteBuffer.wrap(FakeSegment.datagram(PEER, ttl, b.array()));
    }

    /** One instance on a socket that sends nowhere, its loop's timers run by the test thread. */
    private static final class Rig {
        final SimClock clock = new SimClock();
        final EventLoop loop = new EventLoop(clock);
        final InterfacePort port;
        final InstanceRuntime instance;

        Rig(String keepalivedConf) {
            InstanceConfig config;
            try {
                config = ConfigLoader.parse(Path.of("keepalived.conf"), keepalivedConf).config().instances().get(0);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            port = new InterfacePort("eth0", "eth0", new NowhereChannel(), loop);
            instance = new InstanceRuntime(config, port, new NoAddresses(), (ifname, vip) -> { },
                    ifname -> FakeHost.IFINDEX, loop, InstanceHooks.NONE);
            port.register(instance);
            instance.start(clock.nanoTime());
        }

        void masterAdverts(int n) {
            for (int i = 0; i < n; i++) {
                clock.advance(INTERVAL);
                loop.runDueTimers();
            }
        }

        void backupAdverts(ByteBuffer advert, int n) {
            for (int i = 0; i < n; i++) {
                clock.advance(INTERVAL);
                port.dispatch(advert, clock.nanoTime());
                loop.runDueTimers();
            }
        }

        /** A flood: 10 µs apart, so the rate-limited log line (one per 10 s) is written during the warm-up only. */
        void drops(ByteBuffer advert, int n) {
            for (int i = 0; i < n; i++) {
                clock.advance(FLOOD_GAP);
                port.dispatch(advert, clock.nanoTime());
            }
        }

        /** Bytes this thread allocated while running {@code work}, less what measuring an empty task costs. */
        long allocatedBy(Runnable work) {
            long id = Thread.currentThread().getId();
            Runnable nothing = () -> { };
            long start = threads.getThreadAllocatedBytes(id);
            nothing.run();
            long overhead = threads.getThreadAllocatedBytes(id) - start;
            long before = threads.getThreadAllocatedBytes(id);
            work.run();
            return threads.getThreadAllocatedBytes(id) - before - overhead;
        }
    }

    private static final class NowhereChannel implements AdvertChannel {
        @Override
        public void send(ByteBuffer vrrpPayload) {
        }

        @Override
        public int receive(ByteBuffer dst, long timeoutMillis) {
            return 0;
        }

        @Override
        public void wakeup() {
        }

        @Override
        public void close() {
        }

        @Override
        public int ifindex() {
            return FakeHost.IFINDEX;
        }

        @Override
        public InetAddress primaryAddress() {
            return FakeSegment.v4("192.0.2.12");
        }
    }

    private static final class NoAddresses implements AddressManager {
        @Override
        public void add(String ifname, InetAddress addr, int prefixLen, String label, InetAddress brd) {
        }

        @Override
        public void delete(String ifname, InetAddress addr, int prefixLen) {
        }

        @Override
        public boolean has(String ifname, InetAddress addr) {
            return false;
        }

        @Override
        public List<InterfaceAddress> list(String ifname) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
