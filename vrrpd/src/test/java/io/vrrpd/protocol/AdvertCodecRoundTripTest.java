package io.vrrpd.protocol;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static io.vrrpd.protocol.KeepalivedFixtureTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Encode then decode gives the same advert, for the shapes the daemon sends. */
class AdvertCodecRoundTripTest {

    @Test
    void roundTripsPreserveEveryFieldForSeveralShapes() {
        List<InetAddress> many = new ArrayList<>();
        for (int i = 1; i <= 255; i++) {
            many.add(ip("203.0.113." + (i % 256)));
        }
        List<Advertisement> shapes = List.of(
                Advertisement.v2WithPassword(51, 101, 1, "PASSWORD", List.of(ip("192.0.2.100"))),
                Advertisement.v2WithPassword(1, 0, 255, "a", List.of(ip("192.0.2.100"))),
                Advertisement.v2WithPassword(255, 255, 3, "12345678", List.of(ip("198.51.100.1"), ip("198.51.100.2"))),
                Advertisement.v2NoAuth(52, 150, 1, List.of(ip("192.0.2.100"), ip("192.0.2.101"))),
                Advertisement.v2NoAuth(9, 100, 1, List.of()),
                Advertisement.v2NoAuth(200, 1, 10, many));
        AdvertEncoder encoder = new AdvertEncoder();
        for (Advertisement a : shapes) {
            ByteBuffer out = ByteBuffer.allocate(AdvertEncoder.encodedLength(a));
            assertEquals(out.capacity(), encoder.encode(a, out));
            assertEquals(out.capacity(), out.position());
            out.flip();
            Outcome<Advertisement> decoded = AdvertDecoder.decode(out);
            assertInstanceOf(Outcome.Ok.class, decoded, decoded::toString);
            assertEquals(a, ((Outcome.Ok<Advertisement>) decoded).value());
        }
    }

    @Test
    void encodeWritesAtThePositionInNetworkOrderWhateverTheBufferOrder() {
        Advertisement a = Advertisement.v2NoAuth(52, 150, 1, List.of(ip("192.0.2.100"), ip("192.0.2.101")));
        ByteBuffer big = ByteBuffer.allocate(64);
        ByteBuffer little = ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN);
        little.position(5);
        AdvertEncoder encoder = new AdvertEncoder();
        encoder.encode(a, big);
        encoder.encode(a, little);
        for (int i = 0; i < 24; i++) {
            assertEquals(big.get(i), little.get(5 + i), "byte " + i);
        }
        assertEquals((byte) 0xc3, big.get(6));
        assertEquals((byte) 0xfd, big.get(7));
    }

    @Test
    void encodeIntoTooSmallBufferIsRejectedWithoutWriting() {
        Advertisement a = Advertisement.v2NoAuth(52, 150, 1, List.of(ip("192.0.2.100")));
        ByteBuffer out = ByteBuffer.allocate(19);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdvertEncoder().encode(a, out));
        assertTrue(e.getMessage().contains("needs 20"), e.getMessage());
        assertEquals(0, out.position());
    }

    @Test
    void priorityZeroCopyEncodesWithTheCachedAddressesOfTheOriginal() {
        Advertisement a = Advertisement.v2NoAuth(52, 150, 1, List.of(ip("192.0.2.100")));
        Advertisement stop = a.withPriority(0);
        AdvertEncoder encoder = new AdvertEncoder();
        ByteBuffer first = ByteBuffer.allocate(20);
        encoder.encode(a, first);
        ByteBuffer second = ByteBuffer.allocate(20);
        encoder.encode(stop, second);
        assertEquals(0, second.get(2));
        assertEquals((byte) 192, second.get(8));
        assertEquals(100, second.get(11));
        Outcome<Advertisement> decoded = AdvertDecoder.decode(second.flip());
        assertEquals(stop, ((Outcome.Ok<Advertisement>) decoded).value());
    }

    @Test
    void encodingTheSameAdvertAgainAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "JVM cannot measure per-thread allocation");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation measurement is disabled");
        Advertisement a = Advertisement.v2WithPassword(51, 101, 1, "PASSWORD", List.of(ip("192.0.2.100"), ip("192.0.2.101")));
        AdvertEncoder encoder = new AdvertEncoder();
        ByteBuffer out = ByteBuffer.allocateDirect(64);
        for (int i = 0; i < 20_000; i++) {
            out.clear();
            encoder.encode(a, out);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            out.clear();
            encoder.encode(a, out);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // A single allocation per encode would be >= 160 kB here; allow for the measurement's own noise.
        assertTrue(allocated < 4096, "encode allocated " + allocated + " bytes over 10000 calls");
    }
}
