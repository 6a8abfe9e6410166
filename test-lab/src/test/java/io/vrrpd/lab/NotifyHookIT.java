package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: hooks never disturb the wire and never reorder. 100 transitions forced in quick succession
 * (link flaps) give a notify script's log lines in transition order; a notify script that sleeps forever
 * is killed at its timeout while the master's adverts stay on time (captured on the peer's wire).
 */
@LabTest
class NotifyHookIT {
    private static final String VIP = SeedPair.VIP;

    private static String config(Lab lab, Node node, Path script, String timeout) {
        return "global:\n"
                + "  state_dir: " + lab.dir().resolve(node.name() + "-state") + "\n"
                + "  runtime_dir: " + lab.dir().resolve(node.name() + "-run") + "\n"
                + "instances:\n"
                + "  VI_1:\n"
                + "    interface: eth0\n"
                + "    vrid: 51\n"
                + "    priority: 100\n"
                + "    advert_int: 1s\n"
                + "    virtual_ips: [" + VIP + "/24]\n"
                + "    hooks:\n"
                + "      - {type: script, phase: notify, command: [" + script + "], timeout: " + timeout + "}\n";
    }

    @Test
    void hundredQuickTransitionsAreLoggedByTheNotifyScriptInOrder(Lab lab) throws Exception {
        Node n = lab.addNode();
        Path log = lab.dir().resolve("notify.log");
        Path script = HookGateIT.script(lab, "log.sh", "echo \"$VRRPD_SEQUENCE $VRRPD_FROM $VRRPD_TO\" >> " + log);
        Vrrpd v = Vrrpd.start(n, "vrrpd.yaml", config(lab, n, script, "5s"));
        v.awaitState("VI_1", "MASTER", Duration.ofSeconds(30));

        long t0 = System.nanoTime();
        // Each flap waits only for the daemon's own log line (a file read), so the 100 come in quick succession.
        for (int k = 0; k < 50; k++) {
            n.adminDown();
            awaitLogCount(v, "-> FAULT:", k + 1);
            n.adminUp();
            awaitLogCount(v, "FAULT -> BACKUP:", k + 1);
        }
        System.out.println("100 forced transitions in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        long total = v.instance("VI_1").path("counters").path("transitions").asLong();
        assertTrue(Lab.waitUntil(Duration.ofSeconds(30), () -> lines(log).size() >= total),
                "the notify script logged " + lines(log).size() + " of " + total + " transitions");
        List<String> lines = lines(log);
        assertEquals(total, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(Integer.toString(i + 1), lines.get(i).split(" ")[0], "line " + i + " of " + lines);
        }
        assertEquals("1 INIT BACKUP", lines.get(0));
        assertEquals("2 BACKUP MASTER", lines.get(1));
        assertEquals("3 MASTER FAULT", lines.get(2));
    }

    private static void awaitLogCount(Vrrpd v, String marker, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (v.process().logText().lines().filter(l -> l.contains("(VI_1) ") && l.contains(marker)).count() < n) {
            assertTrue(System.nanoTime() < deadline, "transition " + n + " (" + marker + ") did not happen:\n"
                    + v.process().tail());
            Lab.sleep(Duration.ofMillis(5));
        }
    }

    @Test
    void notifyScriptSleepingForeverIsKilledAtItsTimeoutWhileAdvertsStayOnTime(Lab lab) throws Exception {
        Node n1 = lab.addNode();
        Node n2 = lab.addNode();
        Path pid = lab.dir().resolve("sleeper.pid");
        // Only the MASTER notification hangs; the others (INIT -> BACKUP) return at once.
        Path script = HookGateIT.script(lab, "sleeper.sh", "[ \"$VRRPD_TO\" = MASTER ] || exit 0; echo $$ > " + pid
                + "; exec sleep 100000");
        Capture capture = Capture.start(n2, "wire");
        Vrrpd v = Vrrpd.start(n1, "vrrpd.yaml", config(lab, n1, script, "2s"));
        v.awaitState("VI_1", "MASTER", Duration.ofSeconds(30));
        Instant from = Instant.now();
        assertTrue(Lab.waitUntil(Duration.ofSeconds(5), () -> Files.exists(pid)), "the notify script never started");
        long sleeper = Long.parseLong(Files.readString(pid).strip());
        assertTrue(Files.exists(Path.of("/proc", Long.toString(sleeper))), "sleeper not running");

        assertTrue(Lab.waitUntil(Duration.ofSeconds(6), () -> !Files.exists(Path.of("/proc", Long.toString(sleeper)))),
                "the sleeping script " + sleeper + " outlived its 2 s timeout");
        Lab.sleep(Duration.ofSeconds(6));
        Instant to = Instant.now();
        capture.stop();

        List<Duration> intervals = AdvertJitter.stableIntervals(capture.vrrpAdverts(), n1.address(),
                List.of(new AdvertJitter.Window(from, to)));
        AdvertJitter j = AdvertJitter.of(intervals, Duration.ofSeconds(1)).orElseThrow(() ->
                new AssertionError("no adverts captured: " + capture.vrrpAdverts()));
        System.out.println("adverts while the hung notify script ran and was killed: " + j.count()
                + " intervals, max deviation " + AdvertJitter.millis(j.maxDeviation()) + " ms");
        assertTrue(j.count() >= 6, "only " + j.count() + " intervals");
        assertTrue(j.maxDeviation().compareTo(Duration.ofMillis(10)) <= 0,
                "an advert was late by " + AdvertJitter.millis(j.maxDeviation()) + " ms");
        assertTrue(v.process().logContains("TIMED_OUT"), "the timeout was not logged:\n" + v.process().tail());
        assertFalse(n2.hasAddress(VIP));
    }

    private static List<String> lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
