package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.net.AdvertChannel;
import io.vrrpd.net.SyscallException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Root only: real raw sockets across a veth pair between two namespaces. */
@Tag("root")
class RawAdvertChannelRootTest {
    @RegisterExtension
    static final NamespacePair.PerClass NS = new NamespacePair.PerClass();

    /** A VRRPv2 advert-sized payload: version 2/type 1, VRID 51, prio 100, 1 address, auth 0, adver 1 s. */
    private static final byte[] ADVERT = {0x21, 51, 100, 1, 0, 1, 0, 0, (byte) 192, 0, 2, 100,
        0, 0, 0, 0, 0, 0, 0, 0};

    private static Inet4Address v4(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    private static ByteBuffer advert() {
        return ByteBuffer.allocateDirect(ADVERT.length).put(ADVERT).flip();
    }

    @Test
    void multicastAdvertArrivesWithTtl255ProtocolVrrpGroupDestinationAndCs6() throws Exception {
        try (AdvertChannel sender = NetNamespace.call(NS.get().a, () -> RawAdvertChannel.open("va"));
                AdvertChannel receiver = NetNamespace.call(NS.get().b, () -> RawAdvertChannel.open("vb"))) {
            assertEquals(v4("192.0.2.1"), sender.primaryAddress());
            ByteBuffer payload = advert();
            sender.send(payload);
            assertEquals(0, payload.position(), "send must not move the caller's buffer");

            ByteBuffer in = ByteBuffer.allocate(1500);
            int n = receiver.receive(in, 2_000);
            assertEquals(20 + ADVERT.length, n);
            long age = receiver.lastReceiveAgeNanos();
            assertTrue(age > 0 && age < 1_000_000_000L, "kernel receive timestamp (SO_TIMESTAMPNS) age " + age);
            assertEquals(n, in.remaining());
            assertEquals(0x45, in.get(0) & 0xff, "IPv4, 20-byte header");
            assertEquals(0xC0, in.get(1) & 0xff, "TOS: DSCP CS6");
            assertEquals(255, in.get(8) & 0xff, "TTL");
            assertEquals(112, in.get(9) & 0xff, "protocol");
            assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, slice(in, 12, 4), "source");
            assertArrayEquals(new byte[] {(byte) 224, 0, 0, 18}, slice(in, 16, 4), "destination");
            assertArrayEquals(ADVERT, slice(in, 20, ADVERT.length));

            assertEquals(0, sender.receive(ByteBuffer.allocate(1500), 300), "own advert looped back");
        }
    }

    @Test
    void unicastAdvertGoesToThePeerAddress() throws Exception {
        try (AdvertChannel sender = NetNamespace.call(NS.get().a,
                () -> RawAdvertChannel.open("va", v4("192.0.2.1"), List.of(v4("192.0.2.2"))));
                AdvertChannel receiver = NetNamespace.call(NS.get().b, () -> RawAdvertChannel.open("vb"))) {
            sender.send(advert());
            ByteBuffer in = ByteBuffer.allocateDirect(1500);
            int n = receiver.receive(in, 2_000);
            assertEquals(20 + ADVERT.length, n);
            assertEquals(255, in.get(8) & 0xff);
            assertArrayEquals(new byte[] {(byte) 192, 0, 2, 2}, slice(in, 16, 4));
        }
    }

    @Test
    void wakeupAndCloseStopABlockedReceiverPromptly() throws Exception {
        AdvertChannel ch = NetNamespace.call(NS.get().b, () -> RawAdvertChannel.open("vb"));
        try {
            CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return ch.receive(ByteBuffer.allocate(1500), -1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            ch.wakeup();
            assertEquals(0, blocked.get(1, TimeUnit.SECONDS));

            CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(() -> {
                try {
                    ch.receive(ByteBuffer.allocate(1500), -1);
                    ch.receive(ByteBuffer.allocate(1500), -1);
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            Thread.sleep(100);
            ch.close();
            assertTrue(second.get(1, TimeUnit.SECONDS) instanceof ClosedChannelException);
        } finally {
            ch.close();
        }
    }

    @Test
    void unknownInterfaceIsANamedError() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> NetNamespace.call(NS.get().a, () -> RawAdvertChannel.open("nosuch0")));
        assertEquals("open VRRP socket on nosuch0: No such device", e.getMessage());
    }

    private static byte[] slice(ByteBuffer b, int at, int len) {
        byte[] out = new byte[len];
        b.get(b.position() + at, out);
        return out;
    }
}
