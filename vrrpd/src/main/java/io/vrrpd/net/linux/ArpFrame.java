package io.vrrpd.net.linux;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * The gratuitous ARP frame (RFC 826 layout, RFC 5227 §3 "ARP Announcement" in request form,
 * RFC 3768 §8.2), Ethernet header included:
 *
 * <pre>
 *  0  dst MAC ff:ff:ff:ff:ff:ff | 6 src MAC | 12 ethertype 0x0806
 * 14  htype 1 | 16 ptype 0x0800 | 18 hlen 6 | 19 plen 4 | 20 oper 1 (request)
 * 22  sender MAC | 28 sender IP = VIP | 32 target MAC ff:ff:ff:ff:ff:ff | 38 target IP = VIP
 * 42  end (the driver pads to the 60-byte minimum)
 * </pre>
 * All fields network order. The broadcast target MAC follows keepalived; Linux hosts update
 * their neighbour entry from the sender fields whatever the target MAC.
 */
final class ArpFrame {
    static final int LENGTH = 42;
    static final int ETH_P_ARP = 0x0806;
    static final int ETH_P_IP = 0x0800;
    static final int OFF_ETHERTYPE = 12;
    static final int OFF_OPER = 20;
    static final int OFF_SENDER_MAC = 22;
    static final int OFF_SENDER_IP = 28;
    static final int OFF_TARGET_MAC = 32;
    static final int OFF_TARGET_IP = 38;
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private ArpFrame() {
    }

    /** Writes the frame at {@code b}'s position (big-endian buffer) and flips it. */
    static ByteBuffer gratuitous(ByteBuffer b, byte[] mac, Inet4Address vip) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("gratuitous ARP needs a 6-byte Ethernet MAC (was " + mac.length + " bytes)");
        }
        byte[] ip = vip.getAddress();
        b.clear();
        b.put(BROADCAST).put(mac).putShort((short) ETH_P_ARP);
        b.putShort((short) 1).putShort((short) ETH_P_IP).put((byte) 6).put((byte) 4).putShort((short) 1);
        b.put(mac).put(ip).put(BROADCAST).put(ip);
        return b.flip();
    }
}
