package io.vrrpd.lab;

import static io.vrrpd.lab.SeedPair.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The master's interface fails: vrrpd goes FAULT, drops the VIP, the backup takes over after its
 * master-down interval (node 1's priority-0 advert cannot cross a dead link); when the link returns node 1
 * is BACKUP and then preempts. Once for a cut cable (carrier loss) and once for {@code ip link set down}.
 */
@LabTest
class LinkFaultIT {

    /** Master_Down_Interval of priority 100: 3 s + (256 - 100) / 256 s (RFC 3768 §6.1). */
    private static final Duration MASTER_DOWN_100 = Duration.ofMillis(3609);

    @Test
    void aMasterThatLosesItsLinkGoesFaultAndTakesTheVipBackWhenTheLinkReturns() {
        SeedPair.run(pair -> {
            faultAndRecover(pair, "cable cut (carrier loss)", Node::linkDown, Node::linkUp);
            faultAndRecover(pair, "admin down", Node::adminDown, Node::adminUp);
        });
    }

    private static void faultAndRecover(SeedPair pair, String what, Consumer<Node> down, Consumer<Node> up) {
        Node n1 = pair.n1();
        Node n2 = pair.n2();
        assertTrue(n1.hasAddress(VIP) && "MASTER".equals(pair.status1().path("state").asText()),
                what + ": node 1 is not the master with the VIP before the fault");
        long faultsBefore = logLines(pair, "(VI_1) MASTER -> FAULT");
        long recoveriesBefore = logLines(pair, "(VI_1) FAULT -> BACKUP");
        long mastersBefore = logLines(pair, "(VI_1) BACKUP -> MASTER");

        long cut = System.nanoTime();
        down.accept(n1);
        Duration faulted = SeedPair.timeUntil(Duration.ofSeconds(3), Duration.ofMillis(20),
                () -> "FAULT".equals(pair.status1().path("state").asText()))
                .orElseThrow(() -> new AssertionError(what + ": node 1 never went FAULT: " + pair.status1()
                        + "\n" + pair.v1().process().tail()));
        JsonNode s1 = pair.status1();
        System.out.println(what + ": vrrpctl status shows node 1 FAULT after " + faulted.toMillis() + " ms; faults " + s1.path("faults"));
        assertTrue(s1.path("faults").toString().contains(Node.ETH0), what + ": faults do not name eth0: " + s1);
        assertTrue(Lab.waitUntil(Duration.ofSeconds(1), () -> !n1.hasAddress(VIP)),
                what + ": node 1 kept the VIP in FAULT: " + n1.addresses());
        SeedPair.timeUntil(MASTER_DOWN_100.plusSeconds(3), Duration.ofMillis(20), () -> n2.hasAddress(VIP))
                .orElseThrow(() -> new AssertionError(what + ": node 2 never took the VIP"));
        Duration sinceFault = Duration.ofNanos(System.nanoTime() - cut);
        System.out.println(what + ": node 2 has the VIP " + sinceFault.toMillis() + " ms after the fault");
        assertTrue(sinceFault.compareTo(MASTER_DOWN_100.plusMillis(1200)) <= 0,
                what + ": takeover took " + sinceFault.toMillis() + " ms; master-down interval is 3.609 s");
        assertEquals(faultsBefore + 1, logLines(pair, "(VI_1) MASTER -> FAULT"),
                what + ": expected one new MASTER -> FAULT transition");

        up.accept(n1);
        assertTrue(Lab.waitUntil(Duration.ofSeconds(5), () -> logLines(pair, "(VI_1) FAULT -> BACKUP") == recoveriesBefore + 1),
                what + ": node 1 did not go FAULT -> BACKUP when the link returned:\n" + pair.v1().process().tail());
        Duration back = SeedPair.timeUntil(Duration.ofSeconds(10), Duration.ofMillis(20), () -> n1.hasAddress(VIP))
                .orElseThrow(() -> new AssertionError(what + ": node 1 never preempted after the link returned: "
                        + pair.status1()));
        System.out.println(what + ": node 1 has the VIP again " + back.toMillis() + " ms after the link returned");
        assertTrue(Lab.waitUntil(Duration.ofSeconds(3), () -> !n2.hasAddress(VIP)),
                what + ": node 2 kept the VIP after node 1 preempted: " + n2.addresses());
        // FAULT -> BACKUP -> MASTER (RFC 3768 §6.4.2 preempt), never straight from FAULT to MASTER.
        String log = pair.v1().process().logText();
        assertEquals(mastersBefore + 1, logLines(pair, "(VI_1) BACKUP -> MASTER"), what + ": " + pair.v1().process().tail());
        assertTrue(log.lastIndexOf("(VI_1) FAULT -> BACKUP") < log.lastIndexOf("(VI_1) BACKUP -> MASTER"),
                what + ": preempted before leaving FAULT:\n" + pair.v1().process().tail());
        s1 = pair.status1();
        assertEquals("MASTER", s1.path("state").asText(), s1.toString());
        assertEquals(0, s1.path("faults").size(), s1.toString());
        assertEquals("BACKUP", pair.status2().path("state").asText(), pair.status2().toString());
    }

    private static long logLines(SeedPair pair, String text) {
        return pair.v1().process().logText().lines().filter(l -> l.contains(text)).count();
    }
}
