package io.vrrpd.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 10 item 5: the time from exec of the daemon to its first advert on the wire for an address owner
 * (priority 255, whom RFC 5798 section 6.4.1 has send an advert at once on start-up, no master-down wait),
 * and for vrrpd to its {@code READY=1} (sd_notify, read by a {@link NotifyListener}). The exec instant is
 * taken just before the process is started; the advert's from the capture's timestamp (same clock).
 */
final class Startup {

    /**
     * Priority 255 makes the daemon act as the owner; the VIP itself is not the node's address, so that
     * stopping a daemon (which removes its VIPs) never takes the node's own address away.
     */
    private static final String VIP = "203.0.113.250";

    private Startup() {
    }

    static List<String> measure(Node node, int trials, int vrid) {
        String config = "vrrp_instance OWNER {\n    state MASTER\n    interface eth0\n    virtual_router_id " + vrid
                + "\n    priority 255\n    advert_int 1\n    virtual_ipaddress {\n        " + VIP
                + "/32 dev eth0\n    }\n}\n";
        long[] vAdvert = new long[trials];
        long[] vReady = new long[trials];
        long[] kAdvert = new long[trials];
        for (int i = 0; i < trials; i++) {
            Path sock = node.lab().dir().resolve("notify-" + i + ".sock");
            try (NotifyListener listener = NotifyListener.bind(sock)) {
                Capture capture = Capture.start(node, "startup-v" + i);
                Instant exec = Instant.now();
                long execNanos = System.nanoTime();
                Vrrpd v = Vrrpd.start(node, Vrrpd.Launch.dist().withEnv(FootprintBenchmark.notifyEnv(sock)),
                        "keepalived.conf", config);
                try {
                    int idx = listener.await(0, m -> "1".equals(m.value("READY")), Duration.ofSeconds(30), "READY=1");
                    vReady[i] = listener.messages().get(idx).nanos() - execNanos;
                    vAdvert[i] = firstAdvert(capture, node, vrid, exec);
                } finally {
                    stop(v.process());
                    capture.stop();
                }
            }
            Capture capture = Capture.start(node, "startup-k" + i);
            Instant exec = Instant.now();
            Keepalived k = Keepalived.start(node, config);
            try {
                kAdvert[i] = firstAdvert(capture, node, vrid, exec);
            } finally {
                stop(k.process());
                capture.stop();
            }
        }
        return List.of(line("vrrpd      exec -> first advert", vAdvert),
                line("vrrpd      exec -> READY=1     ", vReady),
                line("keepalived exec -> first advert", kAdvert));
    }

    /** Waits up to 20 s for the first advert of {@code vrid} from the node sent after {@code exec}. */
    private static long firstAdvert(Capture capture, Node node, int vrid, Instant exec) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Lab.sleep(Duration.ofMillis(200));
            for (VrrpAdvert a : capture.vrrpAdverts()) {
                if (a.vrid() == vrid && a.source().equals(node.address()) && a.time().isAfter(exec)) {
                    return Duration.between(exec, a.time()).toNanos();
                }
            }
        }
        throw new LabException("no advert of VRID " + vrid + " from " + node.address() + " within 20 s");
    }

    private static void stop(LabProcess p) {
        p.kill(Signal.TERM);
        if (p.waitFor(Duration.ofSeconds(20)).isEmpty()) {
            p.killTree(Signal.KILL);
            p.waitFor(Duration.ofSeconds(10));
        }
    }

    private static String line(String what, long[] nanos) {
        long[] v = nanos.clone();
        java.util.Arrays.sort(v);
        return String.format(Locale.ROOT, "%s: median %.0f ms [%.0f..%.0f]", what,
                FootprintBenchmark.median(v) / 1e6, v[0] / 1e6, v[v.length - 1] / 1e6);
    }
}
