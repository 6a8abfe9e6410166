package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The sd_notify protocol of the installed vrrpd (the RPM in a scratch root; the built distribution when
 * no RPM was built), over a real AF_UNIX datagram socket that the test binds and passes as
 * {@code NOTIFY_SOCKET}, with {@code WATCHDOG_USEC} as systemd sets it for {@code WatchdogSec=1}:
 * READY=1, STATUS= with the instance's state, WATCHDOG=1 every half second, RELOADING=1 and READY=1
 * around a good and a refused reload, STOPPING=1 on SIGTERM.
 */
@LabTest
class SystemdNotifyIT {

    private static final Duration WATCH_WINDOW = Duration.ofSeconds(3);

    @Test
    void readyStatusWatchdogReloadingAndStoppingReachTheNotifySocket(Lab lab) {
        Vrrpd.Launch launch = RpmPackage.find().isPresent()
                ? Vrrpd.Launch.installedIn(InstalledRpmIT.installedRoot(lab)) : Vrrpd.Launch.dist();
        Node n1 = lab.addNode();
        try (NotifyListener systemd = NotifyListener.bind(lab.dir().resolve("notify.sock"))) {
            Vrrpd v = Vrrpd.start(n1, launch.withEnv(Map.of("NOTIFY_SOCKET", systemd.path().toString(),
                    "WATCHDOG_USEC", "1000000")), "keepalived.conf", Keepalived.seedDatabaseConfig("MASTER", 101));

            int ready = systemd.await(0, m -> "1".equals(m.value("READY")), SeedPair.START_TIMEOUT, "READY=1");
            systemd.await(ready, m -> "VI_1 MASTER".equals(m.value("STATUS")), Duration.ofSeconds(10),
                    "STATUS=VI_1 MASTER");

            // WATCHDOG=1 at half of WATCHDOG_USEC (sd_watchdog_enabled(3)): 6 in 3 s, never a gap near 1 s.
            long from = System.nanoTime();
            Lab.sleep(WATCH_WINDOW);
            List<Long> feeds = systemd.with("WATCHDOG").stream().map(NotifyListener.Message::nanos)
                    .filter(t -> t >= from && t < from + WATCH_WINDOW.toNanos()).toList();
            long maxGap = 0;
            long minGap = Long.MAX_VALUE;
            for (int i = 1; i < feeds.size(); i++) {
                long gap = feeds.get(i) - feeds.get(i - 1);
                maxGap = Math.max(maxGap, gap);
                minGap = Math.min(minGap, gap);
            }
            System.out.printf("watchdog: %d WATCHDOG=1 in %d s, gaps %d..%d ms%n", feeds.size(),
                    WATCH_WINDOW.toSeconds(), minGap / 1_000_000, maxGap / 1_000_000);
            assertTrue(feeds.size() >= 5 && feeds.size() <= 7, feeds.size() + " WATCHDOG=1 in 3 s, expected 6");
            assertTrue(maxGap < Duration.ofMillis(900).toNanos(), "a gap of " + maxGap / 1_000_000 + " ms");
            assertTrue(minGap > Duration.ofMillis(350).toNanos(), "a gap of only " + minGap / 1_000_000 + " ms");

            int before = systemd.messages().size();
            CommandResult reload = v.ctl("reload");
            assertEquals(0, reload.exitCode(), reload.stdout() + reload.stderr());
            int reloading = systemd.await(before, m -> "1".equals(m.value("RELOADING")), Duration.ofSeconds(5),
                    "RELOADING=1");
            assertNotNull(systemd.messages().get(reloading).value("MONOTONIC_USEC"), "RELOADING=1 without MONOTONIC_USEC");
            int readyAgain = systemd.await(reloading + 1, m -> "1".equals(m.value("READY")), Duration.ofSeconds(5),
                    "READY=1 after the reload");
            assertEquals("VI_1 MASTER", systemd.messages().get(readyAgain).value("STATUS"));

            // A refused file: `systemctl reload` fails (vrrpctl exits 78) and the status line says so.
            v.rewriteConfig(Keepalived.seedDatabaseConfig("MASTER", 101).replace("virtual_router_id 51", "virtual_router_id 300"));
            before = systemd.messages().size();
            CommandResult refused = v.ctl("reload");
            assertEquals(78, refused.exitCode(), refused.stdout() + refused.stderr());
            assertTrue((refused.stdout() + refused.stderr()).contains("virtual_router_id must be 1..255 (was 300)"),
                    refused.stdout() + refused.stderr());
            reloading = systemd.await(before, m -> "1".equals(m.value("RELOADING")), Duration.ofSeconds(5), "RELOADING=1");
            readyAgain = systemd.await(reloading + 1, m -> "1".equals(m.value("READY")), Duration.ofSeconds(5),
                    "READY=1 after the refused reload");
            String status = systemd.messages().get(readyAgain).value("STATUS");
            assertTrue(status.startsWith("VI_1 MASTER; last reload refused (1 error(s))"), status);

            before = systemd.messages().size();
            v.process().kill(Signal.TERM);
            systemd.await(before, m -> "1".equals(m.value("STOPPING")), Duration.ofSeconds(10), "STOPPING=1");
            OptionalInt exit = v.process().waitFor(Duration.ofSeconds(15));
            assertEquals(OptionalInt.of(0), exit, v.process().tail());
            System.out.println("notify protocol: " + systemd.messages().size() + " datagrams from "
                    + launch.vrrpd() + ", " + systemd.with("STATUS").size() + " with STATUS=");
        }
    }

}
