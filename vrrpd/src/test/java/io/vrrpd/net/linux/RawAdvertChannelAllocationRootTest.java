package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vrrpd.net.AdvertChannel;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 on real sockets (root): sending an advert through either raw channel allocates nothing, and
 * the bytes a received datagram costs are printed. {@code AdvertPathAllocationTest} covers the runtime
 * above the channel with a socket that sends nowhere; this covers the channel itself. Runs in the
 * surefire execution {@code allocation} (C1 only, as the daemon runs) and is skipped elsewhere.
 */
@Tag("allocation")
class RawAdvertChannelAllocationRootTest {
    private static final int ROUNDS = 40;
    /** Well under the default receive buffer (about 200 small datagrams), so none is dropped. */
    private static final int BATCH = 50;
    private static NamespacePair pair;
    private static com.sun.management.ThreadMXBean threads;

    @BeforeAll
    static void measurableAndNamespaces() {
        assumeTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:TieredStopAtLevel=1"),
                "run by the surefire execution 'allocation' (C1 only, as the daemon runs)");
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation measurement is disabled");
        pair = NamespacePair.create();
    }

    @AfterAll
    static void deleteNamespaces() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void ipv4SendAllocatesNothing() throws Exception {
        measure("IPv4", () -> RawAdvertChannel.open("va"), () -> RawAdvertChannel.open("vb"));
    }

    @Test
    void ipv6SendAllocatesNothing() throws Exception {
        measure("IPv6", () -> RawAdvert6Channel.open("va", null, List.of()),
                () -> RawAdvert6Channel.open("vb", null, List.of()));
    }

    private static void measure(String family, Callable<AdvertChannel> sender, Callable<AdvertChannel> receiver)
            throws Exception {
        try (AdvertChannel out = NetNamespace.call(pair.a, sender);
                AdvertChannel in = NetNamespace.call(pair.b, receiver)) {
            ByteBuffer payload = ByteBuffer.allocateDirect(24);
            payload.put(0, (byte) 0x31).limit(24);
            ByteBuffer dst = ByteBuffer.allocateDirect(1500);
            long[] sent = new long[1];
            long[] received = new long[2];
            rounds(out, in, payload, dst, sent, received);
            sent[0] = 0;
            received[0] = 0;
            received[1] = 0;
            rounds(out, in, payload, dst, sent, received);
            System.out.printf("%s channel: %d adverts sent, %d bytes allocated; %d received, %.1f bytes allocated per"
                    + " datagram%n", family, ROUNDS * BATCH, sent[0], received[1], received[0] / (double) received[1]);
            assertEquals(ROUNDS * BATCH, received[1], "every advert sent arrived");
            assertEquals(0, sent[0], "bytes allocated while sending " + ROUNDS * BATCH + " adverts");
        }
    }

    private static void rounds(AdvertChannel out, AdvertChannel in, ByteBuffer payload, ByteBuffer dst, long[] sent,
            long[] received) throws Exception {
        long id = Thread.currentThread().getId();
        for (int r = 0; r < ROUNDS; r++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < BATCH; i++) {
                out.send(payload);
            }
            sent[0] += threads.getThreadAllocatedBytes(id) - before;
            for (int i = 0; i < BATCH; i++) {
                dst.clear();
                before = threads.getThreadAllocatedBytes(id);
                int n = in.receive(dst, 2_000);
                received[0] += threads.getThreadAllocatedBytes(id) - before;
                if (n > 0) {
                    received[1]++;
                }
            }
        }
    }
}
