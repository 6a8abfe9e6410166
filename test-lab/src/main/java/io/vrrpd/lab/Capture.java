package io.vrrpd.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A packet capture on a node's eth0 with the capture filter {@value #FILTER} (pcap-filter(7): {@code vrrp}
 * is IPv4 protocol 112), written by tcpdump to {@code <lab dir>/<node>-<name>.pcap} and decoded afterwards by
 * tshark ({@link TsharkFields}). tcpdump captures; tshark, whose dumpcap is heavier to start, only reads.
 * tcpdump runs with {@code -U --immediate-mode} (no kernel block buffering, flush per packet), so reading
 * while it runs sees everything up to now.
 */
public final class Capture {

    /** VRRP over IPv4 and IPv6, ARP, and ICMPv6 (neighbour advertisements). */
    static final String FILTER = "vrrp or arp or ip6 proto 112 or icmp6";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final LabProcess process;
    private final Path pcap;

    private Capture(LabProcess process, Path pcap) {
        this.process = process;
        this.pcap = pcap;
    }

    /**
     * Starts capturing and returns once tcpdump says it is listening, so no packet sent afterwards is missed.
     *
     * @param node the node whose eth0 to capture on
     * @param name names the file, e.g. {@code "capture"} gives {@code n1-capture.pcap}
     * @return the running capture
     */
    public static Capture start(Node node, String name) {
        Path pcap = node.lab().dir().resolve(node.name() + "-" + name + ".pcap");
        // -Z root: Debian's tcpdump otherwise drops to user tcpdump, who cannot write the root-only lab dir.
        // --immediate-mode: with TPACKET_V3 libpcap otherwise hands packets over in blocks up to a second
        // late, and on SIGTERM the block in flight is lost (seen: the new master's first advert and GARPs).
        LabProcess p = node.start(name, List.of("tcpdump", "-Z", "root", "-n", "-U", "--immediate-mode", "-i", Node.ETH0,
                "-w", pcap.toString(), FILTER));
        p.awaitLog("listening on " + Node.ETH0, READY_TIMEOUT);
        return new Capture(p, pcap);
    }

    /** Stops tcpdump (TERM, then KILL) and waits for it, so the file is complete. Idempotent. */
    public void stop() {
        if (process.isAlive()) {
            process.kill(Signal.TERM);
            if (process.waitFor(STOP_TIMEOUT).isEmpty()) {
                process.kill(Signal.KILL);
                process.waitFor(STOP_TIMEOUT);
            }
        }
    }

    /** @return the pcap file */
    public Path file() {
        return pcap;
    }

    /** @return the tcpdump process */
    public LabProcess process() {
        return process;
    }

    /** @return the VRRP packets captured so far */
    public List<VrrpAdvert> vrrpAdverts() {
        return TsharkFields.readVrrp(pcap);
    }

    /** @return the ICMPv6 neighbour advertisements captured so far */
    public List<NeighbourAdvert> neighbourAdverts() {
        return TsharkFields.readNeighbourAdverts(pcap);
    }

    /** @return the ARP frames captured so far */
    public List<ArpFrame> arpFrames() {
        return TsharkFields.readArp(pcap);
    }
}
