package io.vrrpd.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The README's first command (scripts/demo.sh): two vrrpd nodes in a network-namespace lab running the
 * seed's database keepalived.conf files unchanged; node 1 is master; its daemon is killed (SIGKILL) and node 2
 * takes over; the takeover is timed from the kill, from the netlink event and from the wire, then everything
 * is removed again. Needs root (namespaces); exits 77 otherwise, 1 if a step fails, with a one-line reason.
 */
public final class Demo {

    private static final String INSTANCE = "VI_1";
    private static final String VIP = Keepalived.SEED_VIP;
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(15);

    /** Set by Ctrl-C (SIGINT runs the shutdown hooks, the lab's own closes it): failures after it are noise. */
    private static volatile boolean interrupted;
    /** Set before the demo's own exit, so the hook stays quiet then. */
    private static volatile boolean done;

    private Demo() {
    }

    /** @param args none */
    public static void main(String[] args) {
        if (!LabPrerequisites.isRoot()) {
            System.err.println("demo: needs root (it creates network namespaces); run it with sudo");
            System.exit(77);
        }
        Optional<String> missing = LabPrerequisites.missing();
        if (missing.isPresent()) {
            System.err.println("demo: " + missing.get());
            System.exit(77);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!done) {
                interrupted = true;
                System.out.println();
                System.out.println("interrupted: removing the lab (daemons, captures, namespaces)");
            }
        }, "demo-interrupt"));
        int code;
        Lab lab = null;
        try {
            lab = Lab.create();
            run(lab);
            code = 0;
        } catch (RuntimeException e) {
            if (interrupted) {
                return; // the lab's shutdown hook is removing it
            }
            // One line for the admin; the lab keeps its logs and says where (markFailed).
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            System.out.println();
            System.out.println("demo failed: " + msg.lines().findFirst().orElse(msg));
            if (lab != null) {
                lab.markFailed();
            }
            code = 1;
        } finally {
            if (lab != null && !interrupted) {
                section("Cleaning up");
                lab.close();
                say("namespaces deleted, daemons and captures stopped");
            }
        }
        done = true;
        System.exit(code);
    }

    private static void run(Lab lab) {
        section("Lab");
        Node n1 = lab.addNode();
        Node n2 = lab.addNode();
        say("two nodes on one bridge, in network namespaces (" + lab.id() + "-*):");
        say("  node 1 " + n1.address() + " eth0, runs " + SeedConfig.SEED_DIR + "/db-primary.conf (priority 101)");
        say("  node 2 " + n2.address() + " eth0, runs " + SeedConfig.SEED_DIR + "/db-standby.conf (priority 100)");
        say("  VI_1: vrid 51, advert_int 1, PASS auth, VIP " + VIP);
        Capture capture = Capture.start(n2, "capture");
        AddressMonitor monitor = AddressMonitor.start(n2, "addrmon");

        section("Starting vrrpd on both nodes");
        BenchDaemon d1 = BenchDaemon.start(DaemonKind.VRRPD, n1, SeedConfig.databasePrimary());
        BenchDaemon d2 = BenchDaemon.start(DaemonKind.VRRPD, n2, SeedConfig.databaseStandby());
        say("node 1: " + stripLogPrefix(d1.awaitState(INSTANCE, "MASTER", STATE_TIMEOUT)));
        say("node 2: " + stripLogPrefix(d2.awaitState(INSTANCE, "BACKUP", STATE_TIMEOUT)));
        d1.vrrpd().awaitReady(STATE_TIMEOUT);
        d2.vrrpd().awaitReady(STATE_TIMEOUT);
        if (!Lab.waitUntil(STATE_TIMEOUT, () -> n1.hasAddress(VIP))) {
            throw new LabException("node 1 is MASTER but has no " + VIP + " after " + STATE_TIMEOUT.toSeconds() + " s");
        }
        // A couple of adverts on the wire, so the status shows node 2 hearing node 1.
        Lab.sleep(Duration.ofMillis(1500));

        section("vrrpctl status on node 1");
        printStatus(d1);
        section("vrrpctl status on node 2");
        printStatus(d2);
        section("ip -o addr show dev eth0");
        printAddresses(n1, n2);

        section("Killing vrrpd on node 1 (SIGKILL: no goodbye advert)");
        Instant killed = Instant.now();
        d1.process().killTree(Signal.KILL);
        say("killed pid " + d1.process().pid() + " at " + killed);
        if (!Lab.waitUntil(TAKEOVER_TIMEOUT, () -> n2.hasAddress(VIP))) {
            throw new LabException("node 2 did not take over " + VIP + " within " + TAKEOVER_TIMEOUT.toSeconds() + " s");
        }
        say("node 2: " + stripLogPrefix(d2.awaitState(INSTANCE, "MASTER", STATE_TIMEOUT)));
        FailoverMeasurement m = measure(capture, monitor, killed, n1, n2);

        section("Takeover timing");
        String expected = GapStats.seconds(new BenchCase(DaemonKind.VRRPD, Signal.KILL).expected());
        say(String.format("%-48s %s s   (ip -ts monitor address on node 2)", "kill -> VIP bound on node 2",
                GapStats.seconds(m.signalToVip())));
        say(String.format("%-48s %s s   (wire: tcpdump on node 2)", "node 1's last advert -> node 2's first advert",
                GapStats.seconds(m.advertGap())));
        say(String.format("%-48s %s s   (3 x advert_int + skew = 3 + (256-100)/256)", "  expected", expected));
        say(String.format("%-48s %s s", "node 1's last advert -> VIP bound on node 2", GapStats.seconds(m.vipGap())));
        say(String.format("%-48s %s s", "node 1's last advert -> node 2's first GARP", GapStats.seconds(m.garpGap())));
        say("The master-down timer runs from the last advert heard, so kill -> VIP is between 2.6 and 3.6 s,");
        say("depending on where in the 1 s advert cycle the kill landed.");

        section("vrrpctl status on node 2 after the takeover");
        printStatus(d2);
        section("ip -o addr show dev eth0 after the takeover");
        printAddresses(n1, n2);
        say("(a SIGKILLed daemon cannot remove its VIP: node 1 keeps " + VIP + " until its vrrpd runs again;");
        say(" a clean stop, SIGTERM or systemctl stop, removes it and hands over in 0.6 s)");
    }

    private static FailoverMeasurement measure(Capture capture, AddressMonitor monitor, Instant killed,
                                               Node n1, Node n2) {
        String mac = n2.mac();
        FailoverTimeline.Result r;
        long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        do {
            Lab.sleep(Duration.ofMillis(400));
            r = FailoverTimeline.measure(capture.vrrpAdverts(), capture.arpFrames(), monitor.events(), killed,
                    Signal.KILL, n1.address(), n2.address(), mac, VIP);
        } while (!r.complete() && System.nanoTime() - deadline < 0);
        if (!r.complete()) {
            throw new LabException("could not time the takeover: " + r.problem());
        }
        return r.measurement().orElseThrow();
    }

    private static void printStatus(BenchDaemon d) {
        CommandResult r = d.vrrpd().ctl("status");
        if (!r.ok()) {
            throw new LabException("vrrpctl status on " + d.node().name() + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        r.stdout().lines().forEach(l -> say("  " + l));
    }

    private static void printAddresses(Node... nodes) {
        for (Node n : nodes) {
            say("node " + n.index() + ":");
            for (String l : n.ip("-o", "addr", "show", "dev", Node.ETH0).orThrow().stdout().lines().toList()) {
                // -o ends each line with "\   valid_lft ..." for the lifetimes: noise for this purpose.
                int cut = l.indexOf("\\");
                say("  " + (cut < 0 ? l : l.substring(0, cut)).strip());
            }
        }
    }

    /** Keeps "(VI_1) BACKUP -> MASTER: ..." of a logback line. */
    private static String stripLogPrefix(String line) {
        int i = line.indexOf("(" + INSTANCE + ")");
        return i < 0 ? line.strip() : line.substring(i).strip();
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title + " ==");
    }

    private static void say(String line) {
        System.out.println(line);
    }

}
