package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sub-second peer probe: a closed port answers at once; a listener that is not PostgreSQL is asked. */
class PgClientProbeTest {
    private static final Endpoint LOCAL = new Endpoint("127.0.0.2", 5432, "postgres", "postgres", null);

    @Test
    void aRefusedPeerIsUnreachableWithinTheSubSecondTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again below: connecting is refused
        }
        PgClient client = new PgClient(Duration.ofMillis(200), LOCAL);
        long start = System.nanoTime();
        ServerFacts facts = client.observe(new Endpoint("127.0.0.1", port, "postgres", "postgres", null));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(facts.reachable());
        assertTrue(millis < 1_000, "answered in " + millis + " ms: " + facts.problem());
    }

    @Test
    void aPeerThatCompletesTheHandshakeIsAskedThroughPgjdbc() throws Exception {
        try (ServerSocket notPostgres = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try {
                    notPostgres.accept().close(); // accepts the probe ...
                    notPostgres.accept().close(); // ... and hangs up on pgjdbc's startup packet
                } catch (java.io.IOException e) {
                    // the test ends either way
                }
            });
            closer.setDaemon(true);
            closer.start();
            ServerFacts facts = new PgClient(Duration.ofMillis(200), LOCAL)
                    .observe(new Endpoint("127.0.0.1", notPostgres.getLocalPort(), "postgres", "postgres", null));
            assertFalse(facts.reachable());
            assertFalse(facts.problem().contains("no TCP answer"), "the probe passed: " + facts.problem());
        }
    }
}
