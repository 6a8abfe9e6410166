package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.net.SystemdNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The reporter on a real event loop and the real clock: the watchdog stops when the loop is stuck. */
class SystemdReporterTest {

    private record Sent(long nanos, String text) {
    }

    /** Captures notifications with the time they were sent; the watchdog timeout is {@code watchdog}. */
    private static final class Recorder implements SystemdNotifier {
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        final Optional<Duration> watchdog;

        Recorder(Duration watchdog) {
            this.watchdog = Optional.ofNullable(watchdog);
        }

        @Override
        public boolean notify(String state) {
            sent.add(new Sent(System.nanoTime(), state));
            return true;
        }

        @Override
        public Optional<Duration> watchdogTimeout() {
            return watchdog;
        }

        List<Long> watchdogTimes() {
            List<Long> out = new ArrayList<>();
            sent.stream().filter(s -> s.text().contains("WATCHDOG=1")).forEach(s -> out.add(s.nanos()));
            return out;
        }

        List<String> statuses() {
            List<String> out = new ArrayList<>();
            for (Sent s : sent) {
                for (String line : s.text().split("\n")) {
                    if (line.startsWith("STATUS=")) {
                        out.add(line.substring(7));
                    }
                }
            }
            return out;
        }
    }

    @Test
    void feedsTheWatchdogAtHalfItsTimeoutAndStopsWhileTheLoopIsStuck() throws Exception {
        Recorder systemd = new Recorder(Duration.ofMillis(400));
        try (EventLoop loop = new EventLoop(MonotonicClock.SYSTEM)) {
            loop.start();
            SystemdReporter r = new SystemdReporter(systemd, loop, () -> "VI_1 BACKUP");
            assertEquals(Duration.ofMillis(200), r.period());
            r.start();
            Thread.sleep(1_000);
            int fed = systemd.watchdogTimes().size();
            assertTrue(fed >= 4 && fed <= 7, "expected about 5 WATCHDOG=1 in 1 s at 200 ms, got " + fed);

            long stuckFrom = System.nanoTime();
            loop.post(() -> sleep(900)); // a task that hogs the loop for longer than the watchdog timeout
            Thread.sleep(1_300);
            long maxGap = 0;
            List<Long> times = systemd.watchdogTimes();
            for (int i = 1; i < times.size(); i++) {
                if (times.get(i) > stuckFrom) {
                    maxGap = Math.max(maxGap, times.get(i) - times.get(i - 1));
                }
            }
            assertTrue(maxGap >= Duration.ofMillis(850).toNanos(),
                    "no WATCHDOG=1 may be sent while the loop is stuck; largest gap " + maxGap / 1_000_000 + " ms");
            assertTrue(times.get(times.size() - 1) > stuckFrom + Duration.ofMillis(900).toNanos(),
                    "feeding resumes once the loop turns again");
        }
    }

    @Test
    void statusIsSentWhenTheStatesChangeAndOnlyThen() throws Exception {
        Recorder systemd = new Recorder(null);
        String[] states = {"VI_1 BACKUP"};
        try (EventLoop loop = new EventLoop(MonotonicClock.SYSTEM)) {
            loop.start();
            SystemdReporter r = new SystemdReporter(systemd, loop, () -> states[0]);
            assertEquals(SystemdReporter.MAX_PERIOD, r.period());
            r.start();
            Thread.sleep(300);
            loop.post(() -> states[0] = "VI_1 MASTER");
            Thread.sleep(1_500);
            assertEquals(List.of("VI_1 BACKUP", "VI_1 MASTER"), systemd.statuses());
            assertTrue(systemd.watchdogTimes().isEmpty(), "no watchdog without WATCHDOG_USEC");

            loop.call(() -> {
                r.reloaded("last reload refused (2 error(s))");
                return null;
            }, 1_000);
            assertEquals("READY=1\nSTATUS=VI_1 MASTER; last reload refused (2 error(s))",
                    systemd.sent.get(systemd.sent.size() - 1).text());
            loop.call(() -> {
                r.reloaded(null);
                return null;
            }, 1_000);
            assertEquals("READY=1\nSTATUS=VI_1 MASTER", systemd.sent.get(systemd.sent.size() - 1).text());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
