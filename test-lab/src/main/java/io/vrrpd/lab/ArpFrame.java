package io.vrrpd.lab;

import java.time.Instant;
import java.util.Objects;

/**
 * One ARP frame from a lab capture. A new VRRP master announces each VIP with gratuitous ARPs
 * (RFC 3768 §6.4.2): sender IP = target IP = the VIP, sender MAC = the master's (or the virtual MAC).
 *
 * @param time       capture time
 * @param opcode     1 request, 2 reply
 * @param senderIp   sender protocol address
 * @param senderMac  sender hardware address, lower-case with colons
 * @param targetIp   target protocol address
 * @param gratuitous tshark's {@code arp.isgratuitous}
 */
public record ArpFrame(Instant time, int opcode, String senderIp, String senderMac, String targetIp,
                       boolean gratuitous) {

    /** Rejects nulls. */
    public ArpFrame {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(senderIp, "senderIp");
        Objects.requireNonNull(senderMac, "senderMac");
        Objects.requireNonNull(targetIp, "targetIp");
    }

    /**
     * @param vip an address
     * @return true if this frame is a gratuitous announcement of it
     */
    public boolean announces(String vip) {
        return gratuitous && senderIp.equals(vip);
    }
}
