package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, the takeover gate with real vrrpd processes: nodes a (101), b (100) and c (90) with a
 * {@code script} takeover hook each. a is SIGKILLed; b claims first, but its hook fails (or hangs past its
 * 2 s timeout), so b never holds the VIP, goes FAULT with the reason, resigns with priority 0, and c,
 * whose hook succeeds, takes the VIP; c's hook saw that the VIP was not yet on c while it ran.
 */
@LabTest
class HookGateIT {
    private static final String VIP = SeedPair.VIP;

    static String config(Lab lab, Node node, int priority, Path script, String timeout) {
        Path dir = lab.dir().resolve(node.name() + "-hooks");
        return "global:\n"
                + "  state_dir: " + dir.resolve("state") + "\n"
                + "  runtime_dir: " + dir.resolve("run") + "\n"
                + "instances:\n"
                + "  VI_1:\n"
                + "    interface: eth0\n"
                + "    vrid: 51\n"
                + "    priority: " + priority + "\n"
                + "    advert_int: 1s\n"
                + "    virtual_ips: [" + VIP + "/24]\n"
                + "    hooks: [{type: script, phase: takeover, command: [" + script + "], timeout: " + timeout + "}]\n";
    }

    static Path script(Lab lab, String name, String body) {
        Path p = lab.dir().resolve(name);
        try {
            Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new LabException("cannot write " + p + ": " + e.getMessage(), e);
        }
        return p;
    }

    @Test
    void takeoverHookExitingNonZeroKeepsTheVipOffTheNodeAndThePeerTakesOver(Lab lab) {
        run(lab, "echo $$ > %PIDS%; echo 'replica not in sync' >&2; exit 3", "2s", false);
    }

    @Test
    void takeoverHookHangingPastItsTimeoutIsKilledAndThePeerTakesOver(Lab lab) {
        run(lab, "echo $$ > %PIDS%; sleep 600 & echo $! >> %PIDS%; wait", "2s", true);
    }

    private void run(Lab lab, String badBody, String timeout, boolean hangs) {
        Node a = lab.addNode();
        Node b = lab.addNode();
        Node c = lab.addNode();
        Path pids = lab.dir().resolve("b-hook.pids");
        Path seen = lab.dir().resolve("c-hook.seen");
        Path ok = script(lab, "ok.sh", "exit 0");
        Path bad = script(lab, "bad.sh", badBody.replace("%PIDS%", pids.toString()));
        // Hooks run inside the node's namespace: ip addr shows c's own addresses.
        Path record = script(lab, "record.sh", "if ip -o addr show dev eth0 | grep -q ' " + VIP + "/'; then echo present"
                + " > " + seen + "; else echo absent > " + seen + "; fi; exit 0");

        Vrrpd va = Vrrpd.start(a, "vrrpd.yaml", config(lab, a, 101, ok, timeout));
        va.awaitState("VI_1", "MASTER", Duration.ofSeconds(30));
        assertTrue(Lab.waitUntil(Duration.ofSeconds(5), () -> a.hasAddress(VIP)), "a has no VIP: " + a.addresses());
        Vrrpd vb = Vrrpd.start(b, "vrrpd.yaml", config(lab, b, 100, bad, timeout));
        Vrrpd vc = Vrrpd.start(c, "vrrpd.yaml", config(lab, c, 90, record, timeout));
        vb.awaitState("VI_1", "BACKUP", Duration.ofSeconds(30));
        vc.awaitState("VI_1", "BACKUP", Duration.ofSeconds(30));
        vb.awaitReady(Duration.ofSeconds(10));
        vc.awaitReady(Duration.ofSeconds(10));

        // Every address change on b is seen by ip monitor; on top, b's addresses are sampled every 50 ms by one
        // long-lived ip in batch mode inside b's namespace (an ip started per sample costs tens to hundreds of
        // ms on a loaded machine). Each sample prints b's own address line, and the VIP's if b holds it.
        AddressMonitor bAddresses = AddressMonitor.start(b, "addrmon");
        LabProcess sampler = b.start("sampler", List.of("sh", "-c", "while :; do echo 'addr show dev eth0';"
                + " sleep 0.05; done | stdbuf -oL ip -o -4 -batch -"));
        AddressMonitor cAddresses = AddressMonitor.start(c, "addrmon");
        Instant killed = Instant.now();
        va.process().killTree(Signal.KILL);
        long t0 = System.nanoTime();
        String own = " inet " + b.address() + "/";
        String held = " inet " + VIP + "/";
        int before = count(sampler, own);
        Instant cHadIt = null;
        // Until c has held the VIP for 3 s: b must never hold it.
        while (cHadIt == null || Duration.between(cHadIt, Instant.now()).toMillis() < 3_000) {
            assertEquals(0, count(sampler, held), "b holds the VIP; its log:\n" + vb.process().tail());
            if (cHadIt == null) {
                cHadIt = cAddresses.firstAdded(VIP, killed).orElse(null);
            }
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos(), "c never took the VIP; b:\n"
                    + vb.process().tail() + "\nc:\n" + vc.process().tail());
            Lab.sleep(Duration.ofMillis(50));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int taken = count(sampler, own) - before;
        System.out.println("c took the VIP " + Duration.between(killed, cHadIt).toMillis() + " ms after a was killed; "
                + taken + " samples of b in " + ms + " ms (one per " + ms / Math.max(1, taken)
                + " ms): the VIP was never on b");
        assertEquals(0, count(sampler, held), "a sample saw the VIP on b");
        assertTrue(taken >= ms / 80, "b was sampled only " + taken + " times in " + ms + " ms");
        assertTrue(bAddresses.firstAdded(VIP, killed).isEmpty(), "ip monitor saw the VIP added on b: "
                + bAddresses.events());

        assertTrue(vb.process().logContains("(VI_1) BACKUP -> MASTER"), "b did not claim first:\n" + vb.process().tail());
        JsonNode sb = vb.instance("VI_1");
        assertEquals("FAULT", sb.path("state").asText(), sb.toString());
        assertTrue(sb.path("faults").size() > 0, sb.toString());
        String fault = sb.path("faults").get(0).asText();
        assertTrue(fault.contains("hook bad.sh") && fault.contains(hangs ? "TIMED_OUT" : "exit 3"), fault);
        System.out.println("b's fault: " + fault);
        assertEquals("MASTER", vc.instance("VI_1").path("state").asText());
        assertEquals("absent", read(seen), "c's takeover hook ran while the VIP was already on c");
        for (String pid : read(pids).split("\\s+")) {
            assertTrue(gone(pid), "b's hook process " + pid + " is still there");
        }
    }

    /** No such process, or a zombie (dead, waiting to be reaped by PID 1: proc(5) state Z). */
    private static boolean gone(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    private static int count(LabProcess sampler, String text) {
        return (int) sampler.logText().lines().filter(l -> l.contains(text)).count();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + p + ": " + e.getMessage());
        }
    }
}
