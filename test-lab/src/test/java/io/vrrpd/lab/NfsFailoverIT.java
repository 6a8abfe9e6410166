package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NFS pair with vrrpd and its nfs hook on both servers, ganesha started by the hook in each server's
 * namespace, a libnfs client through the VIP only (issue 8's acceptance). Adds about 110 s to a lab run.
 */
@LabTest
class NfsFailoverIT {

    @Test
    void hardFailoverKeepsTheDataAndFailbackAndStopLeaveNoServerBehind(Lab lab) throws Exception {
        assumeTrue(NfsPair.missing().isEmpty(), () -> NfsPair.missing().orElse(""));
        NfsPair pair = NfsPair.create(lab);
        Node n1 = pair.server(1);
        Node n2 = pair.server(2);
        Vrrpd v1 = pair.startVrrpd(1, 150);
        Vrrpd v2 = pair.startVrrpd(2, 100);
        v1.awaitReady(NfsFailoverBenchmark.STARTUP);
        v2.awaitReady(NfsFailoverBenchmark.STARTUP);
        NfsFailoverBenchmark.awaitServing(pair, 1);
        NfsClient client = pair.nfsClient();
        assertTrue(Lab.waitUntil(Duration.ofSeconds(15), () -> client.write("before.txt", "before the crash\n").ok()),
                "the client writes through the VIP: " + client.write("before.txt", "x").stderr());

        // Hard failover: n1's vrrpd SIGKILLed, its ganesha killed, its link down.
        NfsOutageProbe.Outage outage = NfsFailover.measure(pair, v1, 1, "probe");
        System.out.printf("NfsFailoverIT: client-visible outage of a hard failover %s (%d failed rounds); bounded "
                + "by detection 3.6 s + takeover steps + grace period 10 s%n", outage.seconds(), outage.failed());
        assertTrue(n2.hasAddress(NfsPair.VIP), "n2 holds the VIP");
        assertEquals("before the crash\n", client.read("before.txt").stdout(), "the file written before reads back equal");
        assertTrue(client.write("after.txt", "after the crash\n").ok(), "a new file can be written");
        assertTrue(outage.longest().compareTo(NfsFailover.BOUND) <= 0, "outage " + outage.seconds() + " > 30 s");

        // n1 comes back and preempts: the VIP and the server move back; n2 keeps no ganesha.
        n1.linkUp();
        v1.restart();
        v1.awaitReady(NfsFailoverBenchmark.STARTUP);
        NfsFailoverBenchmark.awaitServing(pair, 1);
        long moved = System.nanoTime();
        assertTrue(Lab.waitUntil(Duration.ofSeconds(10), () -> NfsPair.ganeshaPids(n2).isEmpty()),
                "no ganesha left in n2 10 s after it lost the VIP: " + NfsPair.ganeshaPids(n2));
        System.out.printf("NfsFailoverIT: n2's ganesha gone %.2f s after n1 held the VIP again%n",
                (System.nanoTime() - moved) / 1e9);
        assertTrue(Lab.waitUntil(Duration.ofSeconds(30), () -> client.read("after.txt").ok()),
                "the client reads through the VIP after the failback");
        assertEquals("after the crash\n", client.read("after.txt").stdout());

        // SIGTERM of the master's vrrpd releases: no ganesha left in n1, and n2 takes over.
        v1.process().kill(Signal.TERM);
        assertTrue(v1.process().waitFor(Duration.ofSeconds(30)).isPresent(), "vrrpd on n1 exits on SIGTERM");
        assertEquals(List.of(), NfsPair.ganeshaPids(n1), "SIGTERM of vrrpd leaves no ganesha in n1");
        NfsFailoverBenchmark.awaitServing(pair, 2);
        v2.process().kill(Signal.TERM);
        assertTrue(v2.process().waitFor(Duration.ofSeconds(30)).isPresent(), "vrrpd on n2 exits on SIGTERM");
        assertEquals(List.of(), NfsPair.ganeshaPids(n2), "SIGTERM of vrrpd leaves no ganesha in n2");
    }

    @Test
    void aFailedTakeoverGoesToFaultUndoesAndThePeerServes(Lab lab) throws Exception {
        assumeTrue(NfsPair.missing().isEmpty(), () -> NfsPair.missing().orElse(""));
        NfsPair pair = NfsPair.create(lab);
        Node n1 = pair.server(1);
        Node n2 = pair.server(2);
        // n1 (the preferred master) exports a directory that does not exist on the replicated volume.
        String broken = pair.config(n1, 150).replace("path: " + pair.share() + ",",
                "path: " + pair.replicated().resolve("missing") + ",");
        Vrrpd v2 = pair.startVrrpd(2, 100);
        v2.awaitReady(NfsFailoverBenchmark.STARTUP);
        NfsFailoverBenchmark.awaitServing(pair, 2);
        NfsClient client = pair.nfsClient();
        assertTrue(Lab.waitUntil(Duration.ofSeconds(15), () -> client.write("kept.txt", "kept\n").ok()));
        Vrrpd v1 = Vrrpd.start(n1, "vrrpd.yaml", broken);
        v1.awaitReady(NfsFailoverBenchmark.STARTUP);
        String fault = v1.awaitState("VI_1", "FAULT", Duration.ofSeconds(20));
        assertTrue(v1.process().logContains("is missing"), "the failed step is logged:\n" + v1.process().tail());
        System.out.println("NfsFailoverIT: " + fault);
        assertEquals(List.of(), NfsPair.ganeshaPids(n1), "the failed takeover left no ganesha in n1");
        assertTrue(Lab.waitUntil(Duration.ofSeconds(20), () -> n2.hasAddress(NfsPair.VIP)
                        && !NfsPair.ganeshaPids(n2).isEmpty() && !n1.hasAddress(NfsPair.VIP)),
                "the peer keeps or takes the VIP and serves");
        assertTrue(Lab.waitUntil(Duration.ofSeconds(30), () -> client.read("kept.txt").ok()),
                "the client still reads through the VIP");
        assertTrue(Files.exists(pair.share().resolve("kept.txt")));
        v1.process().kill(Signal.TERM);
        v2.process().kill(Signal.TERM);
    }
}
