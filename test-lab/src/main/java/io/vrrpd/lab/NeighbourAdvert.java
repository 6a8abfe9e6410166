package io.vrrpd.lab;

import java.time.Instant;
import java.util.Objects;

/**
 * One ICMPv6 neighbour advertisement (RFC 4861 §4.4) as tshark decoded it from a lab capture: what a new
 * VRRPv3 IPv6 master sends for its VIPs in the gratuitous ARP's place.
 *
 * @param time        capture time
 * @param source      IPv6 source
 * @param destination IPv6 destination (ff02::1 for an unsolicited one)
 * @param hopLimit    RFC 4861 §7.1.2: receivers drop anything but 255
 * @param target      the announced address
 * @param override    the O flag
 * @param solicited   the S flag (clear for an unsolicited advertisement)
 * @param senderMac   Ethernet source, lower-case hex with colons
 * @param checksum    tshark's verdict on the ICMPv6 checksum
 */
public record NeighbourAdvert(Instant time, String source, String destination, int hopLimit, String target,
                              boolean override, boolean solicited, String senderMac,
                              VrrpAdvert.ChecksumStatus checksum) {

    /** Rejects nulls. */
    public NeighbourAdvert {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(senderMac, "senderMac");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** @return true for an unsolicited advertisement to all nodes (RFC 4861 §7.2.6) */
    public boolean unsolicited() {
        return !solicited && destination.equals("ff02::1");
    }
}
