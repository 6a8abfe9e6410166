package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vrrpd.election.State;
import io.vrrpd.protocol.AdvertEncoder;
import io.vrrpd.protocol.Advertisement;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The log lines admins grep for (DAEMON.md): transitions at INFO, dropped adverts rate-limited. */
class LogLinesTest {
    @TempDir
    Path dir;
    private SimCluster cluster;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger vrrpd = (Logger) LoggerFactory.getLogger("vrrpd");
    private ch.qos.logback.classic.Level previousLevel;

    @BeforeEach
    void setUp() {
        appender.start();
        previousLevel = vrrpd.getLevel();
        vrrpd.setLevel(ch.qos.logback.classic.Level.INFO); // logback-test.xml keeps the rest of the suite at WARN
        vrrpd.addAppender(appender);
        cluster = new SimCluster(dir);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
        vrrpd.detachAppender(appender);
        vrrpd.setLevel(previousLevel);
    }

    private List<String> lines(Level level, String contains) {
        return appender.list.stream().filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(contains)).toList();
    }

    private static byte[] wrongPassword() {
        Advertisement a = Advertisement.v2WithPassword(51, 200, 1, "WRONG", List.of(FakeSegment.v4(SeedConfigs.VIP)));
        ByteBuffer b = ByteBuffer.allocate(AdvertEncoder.encodedLength(a));
        new AdvertEncoder().encode(a, b);
        return FakeSegment.datagram(FakeSegment.v4("192.0.2.12"), 255, b.array());
    }

    @Test
    void transitionIsLoggedAtInfoWithInstanceStatesAndReason() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        List<String> t = lines(Level.INFO, "-> MASTER");
        assertEquals(1, t.size(), t.toString());
        assertTrue(t.get(0).matches("\\(VI_1\\) BACKUP -> MASTER: master-down timer expired \\(no master heard for"
                + " 1\\.0\\d s\\)"), t.get(0));
    }

    @Test
    void droppedAdvertsAreLoggedOncePerTenSecondsPerReason() {
        SimCluster.Node n1 = cluster.node(1, SeedConfigs.primary()).start();
        cluster.runUntil(() -> n1.state("VI_1") == State.MASTER, Duration.ofSeconds(5));
        for (int i = 0; i < 5; i++) {
            cluster.segment().inject(wrongPassword());
            cluster.run(Duration.ofMillis(100));
        }
        List<String> first = lines(Level.WARN, "ignored advert");
        assertEquals(List.of("(VI_1) ignored advert from 192.0.2.12: auth data mismatch [auth_data]"), first);
        assertEquals(5, n1.status("VI_1").path("counters").path("drops").path("auth_data").asLong());

        cluster.run(Duration.ofSeconds(10));
        cluster.segment().inject(wrongPassword());
        cluster.settle();
        List<String> all = lines(Level.WARN, "ignored advert");
        assertEquals(2, all.size(), all.toString());
        assertTrue(all.get(1).contains("(4 more like it in the last"), all.get(1));
        assertEquals(State.MASTER, n1.state("VI_1"));
    }
}
