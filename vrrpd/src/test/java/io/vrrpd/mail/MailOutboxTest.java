package io.vrrpd.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vrrpd.config.SmtpSecurity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The queue, its retries and counters against real SMTP servers: late, dead and black-holing. */
class MailOutboxTest {

    @Test
    void retriesUntilARelayThatStartsLateAcceptsTheMail() throws Exception {
        int port = freePort();
        MailSettings s = MailFixtures.settings(port, SmtpSecurity.NONE, null, null, 5, Duration.ofMillis(200));
        SmtpClient client = new SmtpClient(s);
        MailOutbox outbox = new MailOutbox(10, 5, Duration.ofMillis(200), client::send);
        GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            outbox.offer(MailFixtures.mail("[R] VRRP Instance VI_1 - Entering MASTER state"));
            await(() -> outbox.counters().retries() >= 1, 5_000, "a first attempt failed and a retry began");
            late.start();
            await(() -> outbox.counters().sent() == 1, 10_000, "the late relay got the mail");
            assertEquals(2, late.getReceivedMessages().length, "one copy per recipient");
            MailCounters c = outbox.counters();
            assertEquals(0, c.failed());
            assertEquals(0, c.queued());
        } finally {
            outbox.close(Duration.ZERO);
            late.stop();
        }
    }

    @Test
    void aDeadRelayFailsEachMailOnceAfterItsRetriesAndAFullQueueDropsTheOldest() throws Exception {
        int port = freePort(); // nothing listens: connection refused
        MailSettings s = MailFixtures.settings(port, SmtpSecurity.NONE, null, null);
        SmtpClient client = new SmtpClient(s);
        MailOutbox outbox = new MailOutbox(2, 1, Duration.ofMillis(300), client::send);
        try {
            for (int i = 1; i <= 5; i++) {
                assertTrue(outbox.offer(MailFixtures.mail("mail " + i)));
            }
            // The queue keeps the newest two; a third may already be in flight (retrying for 300 ms).
            MailCounters queued = outbox.counters();
            assertEquals(5, queued.dropped() + queued.queued(), queued.toString());
            assertTrue(queued.queued() == 2 || queued.queued() == 3, queued.toString());
            await(() -> outbox.counters().queued() == 0, 10_000, "every mail given up");
            MailCounters c = outbox.counters();
            assertEquals(0, c.sent(), c.toString());
            assertEquals(5, c.failed() + c.dropped(), c.toString());
            assertEquals(queued.queued(), c.failed(), "each mail that waited failed once: " + c);
            assertEquals(c.failed(), c.retries(), "one retry per failed mail: " + c);
        } finally {
            outbox.close(Duration.ZERO);
        }
    }

    @Test
    void offeringNeverWaitsForABlackHolingRelayAndStoppingGivesUpInBoundedTime() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept()); // accept, never greet
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SmtpClient client = new SmtpClient(MailFixtures.settings(blackHole.getLocalPort(), SmtpSecurity.NONE,
                    null, null));
            MailOutbox outbox = new MailOutbox(100, 3, Duration.ofSeconds(1), client::send);
            // Class loading and the logger's first use are one-time costs of the JVM, not of an offer.
            LoggerFactory.getLogger("vrrpd.mail").info("warming up the logger before timing offers");
            long[] took = new long[200];
            for (int i = 0; i < took.length; i++) {
                long t0 = System.nanoTime();
                outbox.offer(MailFixtures.mail("mail " + i));
                took[i] = System.nanoTime() - t0;
            }
            Arrays.sort(took);
            System.out.printf("mail offer with a black-holing relay: median %.3f ms, worst %.3f ms of %d%n",
                    took[took.length / 2] / 1e6, took[took.length - 1] / 1e6, took.length);
            // An offer that waited for the relay would take its 2 s read timeout; the worst case allows for
            // a garbage collection or a busy shared CPU, not for a network wait.
            assertTrue(took[took.length / 2] < 1_000_000L, "median offer " + took[took.length / 2] / 1e6 + " ms");
            assertTrue(took[took.length - 1] < 1_000_000_000L, "worst offer " + took[took.length - 1] / 1e6 + " ms");
            MailCounters c = outbox.counters();
            // 100 wait, at most one is in flight, the rest were pushed out oldest first.
            assertEquals(200, c.dropped() + c.queued(), c.toString());
            assertTrue(c.queued() == 100 || c.queued() == 101, c.toString());
            long t0 = System.nanoTime();
            outbox.close(Duration.ofMillis(500));
            long closeMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(closeMillis < 1_500, "close took " + closeMillis + " ms");
            MailCounters after = outbox.counters();
            assertEquals(0, after.sent());
            assertEquals(200, after.dropped() + after.failed() + after.queued(), after.toString());
            assertTrue(after.dropped() >= 199, "the queued ones count as dropped at stop: " + after);
            assertTrue(!outbox.offer(MailFixtures.mail("late")), "closed outbox refuses");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void await(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + millis + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }
}
