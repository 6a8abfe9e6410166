package io.vrrpd.lab;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pcap with {@code tshark -T fields} and turns its lines into {@link VrrpAdvert} and {@link ArpFrame}
 * rows. Field names are tshark 4.0's ({@code tshark -G fields}): the VRRP dissector calls the priority
 * {@code vrrp.prio}, the VRID {@code vrrp.virt_rtr_id}, the v2 interval {@code vrrp.adver_int} and the v3
 * one {@code vrrp.short_adver_int}. Columns are tab-separated; a field with several values (VIPs, expert
 * messages) has them joined with {@value #AGGREGATOR}.
 */
public final class TsharkFields {

    /** Separates repeated values within one column (tshark {@code -E aggregator}). */
    public static final String AGGREGATOR = "|";

    /** The VRRP columns, in order. */
    public static final List<String> VRRP_FIELDS = List.of("frame.time_epoch", "ip.src", "ip.ttl",
            "vrrp.version", "vrrp.virt_rtr_id", "vrrp.prio", "vrrp.adver_int", "vrrp.short_adver_int",
            "vrrp.checksum.status", "vrrp.ip_addr", "_ws.expert.message", "ipv6.src", "ipv6.hlim", "vrrp.ipv6_addr");

    /** The ICMPv6 neighbour advertisement columns, in order. */
    public static final List<String> NA_FIELDS = List.of("frame.time_epoch", "ipv6.src", "ipv6.dst", "ipv6.hlim",
            "icmpv6.nd.na.target_address", "icmpv6.nd.na.flag.o", "icmpv6.nd.na.flag.s", "eth.src",
            "icmpv6.checksum.status");

    /** The ARP columns, in order. */
    public static final List<String> ARP_FIELDS = List.of("frame.time_epoch", "arp.opcode",
            "arp.src.proto_ipv4", "arp.src.hw_mac", "arp.dst.proto_ipv4", "arp.isgratuitous");

    private static final Duration TSHARK_TIMEOUT = Duration.ofSeconds(60);

    private TsharkFields() {
    }

    /**
     * @param pcap a capture file
     * @return every VRRP packet in it, in capture order
     */
    public static List<VrrpAdvert> readVrrp(Path pcap) {
        return parseVrrp(tshark(pcap, "vrrp", VRRP_FIELDS));
    }

    /**
     * @param pcap a capture file
     * @return every ARP frame in it, in capture order
     */
    public static List<ArpFrame> readArp(Path pcap) {
        return parseArp(tshark(pcap, "arp", ARP_FIELDS));
    }

    /**
     * @param pcap a capture file
     * @return every ICMPv6 neighbour advertisement in it, in capture order
     */
    public static List<NeighbourAdvert> readNeighbourAdverts(Path pcap) {
        return parseNeighbourAdverts(tshark(pcap, "icmpv6.type == 136", NA_FIELDS));
    }

    /**
     * Parses the output of a tshark run with {@link #NA_FIELDS}.
     *
     * @param output tshark's stdout
     * @return one row per non-empty line
     */
    public static List<NeighbourAdvert> parseNeighbourAdverts(String output) {
        List<NeighbourAdvert> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = columns(line, NA_FIELDS.size());
            rows.add(new NeighbourAdvert(time(c[0]), c[1], c[2], number(c[3]), c[4], flag(c[5]), flag(c[6]),
                    c[7].toLowerCase(java.util.Locale.ROOT), VrrpAdvert.ChecksumStatus.fromField(c[8])));
        }
        return List.copyOf(rows);
    }

    private static boolean flag(String field) {
        return field.equals("1") || field.equalsIgnoreCase("true");
    }

    private static String tshark(Path pcap, String displayFilter, List<String> fields) {
        List<String> argv = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-Y", displayFilter,
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=" + AGGREGATOR));
        for (String f : fields) {
            argv.add("-e");
            argv.add(f);
        }
        // tshark writes "Running as user root..." to stderr; only the exit code says whether it failed.
        return CommandRunner.run(TSHARK_TIMEOUT, argv).orThrow().stdout();
    }

    /**
     * Parses the output of a tshark run with {@link #VRRP_FIELDS}.
     *
     * @param output tshark's stdout
     * @return one row per non-empty line
     */
    public static List<VrrpAdvert> parseVrrp(String output) {
        List<VrrpAdvert> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = columns(line, VRRP_FIELDS.size());
            int interval = c[6].isEmpty() ? number(c[7]) : number(c[6]);
            // Over IPv6 the source, hop limit and addresses are in the ipv6.* and vrrp.ipv6_addr columns.
            boolean v6 = c[1].isEmpty() && !c[11].isEmpty();
            rows.add(new VrrpAdvert(time(c[0]), v6 ? first(c[11]) : first(c[1]),
                    number(first(v6 ? c[12] : c[2])), number(c[3]), number(c[4]),
                    number(c[5]), interval, VrrpAdvert.ChecksumStatus.fromField(c[8]), values(v6 ? c[13] : c[9]),
                    values(c[10])));
        }
        return List.copyOf(rows);
    }

    /**
     * Parses the output of a tshark run with {@link #ARP_FIELDS}.
     *
     * @param output tshark's stdout
     * @return one row per non-empty line
     */
    public static List<ArpFrame> parseArp(String output) {
        List<ArpFrame> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = columns(line, ARP_FIELDS.size());
            // tshark prints booleans as 1/0 in fields output (4.0); older releases printed True/False.
            boolean gratuitous = c[5].equals("1") || c[5].equalsIgnoreCase("true");
            rows.add(new ArpFrame(time(c[0]), number(c[1]), c[2], c[3].toLowerCase(java.util.Locale.ROOT), c[4],
                    gratuitous));
        }
        return List.copyOf(rows);
    }

    private static String[] columns(String line, int count) {
        String[] raw = line.split("\t", -1);
        String[] c = new String[count];
        for (int i = 0; i < count; i++) {
            c[i] = i < raw.length ? raw[i].trim() : "";
        }
        return c;
    }

    private static Instant time(String epoch) {
        BigDecimal seconds = new BigDecimal(epoch);
        long whole = seconds.longValue();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static int number(String field) {
        return field.isEmpty() ? 0 : Integer.parseInt(field);
    }

    /** An ICMP error quotes an inner IP header; tshark then lists two values and the first is the outer. */
    private static String first(String field) {
        int bar = field.indexOf(AGGREGATOR);
        return bar < 0 ? field : field.substring(0, bar);
    }

    private static List<String> values(String field) {
        if (field.isEmpty()) {
            return List.of();
        }
        return List.of(field.split(java.util.regex.Pattern.quote(AGGREGATOR)));
    }
}
