package io.vrrpd.protocol;

import java.nio.ByteBuffer;

/**
 * Descriptor of the VRRP packet as carried in the IP payload: named offsets and sizes, no state.
 *
 * <p>VRRPv2, RFC 3768 §5.1 (all fields in network byte order):
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Type  | Virtual Rtr ID|   Priority    | Count IP Addrs|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Auth Type   |   Adver Int   |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         IP Address (1)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            .                                  |
 * |                            .                                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         IP Address (n)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Authentication Data (1)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Authentication Data (2)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>VRRPv3, RFC 5798 §5.1, differs only in the second word and the tail: octets 4-5 hold 4 reserved bits
 * and a 12-bit Max Adver Int in centiseconds ({@link #V3_MAX_ADVER_INT_OFFSET}), there is no
 * authentication data, and the addresses may be IPv6 (16 octets each). Its checksum also covers an IPv4
 * or IPv6 pseudo-header, which is why a v3 encoder needs the source and destination addresses.
 */
public final class VrrpPacketLayout {
    /** IP protocol number of VRRP (RFC 3768 §5.2.4). */
    public static final int IP_PROTOCOL_VRRP = 112;
    /** The only TTL a receiver accepts (RFC 3768 §5.2.3, §7.1). */
    public static final int REQUIRED_TTL = 255;
    /** Destination of every IPv4 advert (RFC 3768 §5.2.2), as dotted quad. */
    public static final String IPV4_MULTICAST_GROUP = "224.0.0.18";

    /** High nibble: version; low nibble: type. */
    public static final int VERSION_TYPE_OFFSET = 0;
    public static final int VRID_OFFSET = 1;
    public static final int PRIORITY_OFFSET = 2;
    public static final int COUNT_IP_ADDRS_OFFSET = 3;
    /** VRRPv2 only. */
    public static final int AUTH_TYPE_OFFSET = 4;
    /** VRRPv2 only: advertisement interval in whole seconds. */
    public static final int ADVER_INT_OFFSET = 5;
    /** VRRPv3 only: 16 bits, the low 12 are Max Adver Int in centiseconds. */
    public static final int V3_MAX_ADVER_INT_OFFSET = 4;
    public static final int CHECKSUM_OFFSET = 6;
    public static final int ADDRESSES_OFFSET = 8;

    /** Fixed part before the address list. */
    public static final int HEADER_LENGTH = 8;
    public static final int IPV4_ADDRESS_LENGTH = 4;
    public static final int IPV6_ADDRESS_LENGTH = 16;
    /** VRRPv2 only: the two authentication words after the addresses. */
    public static final int AUTH_DATA_LENGTH = 8;

    public static final int VERSION_2 = 2;
    public static final int VERSION_3 = 3;
    /** The only packet type defined (RFC 3768 §5.3.2). */
    public static final int TYPE_ADVERTISEMENT = 1;
    /** The 12-bit field of VRRPv3 (RFC 5798 §5.2.7). */
    public static final int V3_MAX_ADVER_INT_MASK = 0x0fff;
    /** Priority of the address owner (RFC 3768 §5.3.4). */
    public static final int PRIORITY_OWNER = 255;
    /** Priority a master sends when it stops (RFC 3768 §5.3.4). */
    public static final int PRIORITY_STOP = 0;

    private VrrpPacketLayout() {
    }

    /** Length of a VRRPv2 packet carrying {@code addressCount} IPv4 addresses. */
    public static int v2Length(int addressCount) {
        return HEADER_LENGTH + addressCount * IPV4_ADDRESS_LENGTH + AUTH_DATA_LENGTH;
    }

    /** Version nibble of the packet starting at {@code index}. */
    public static int version(ByteBuffer buf, int index) {
        return (buf.get(index + VERSION_TYPE_OFFSET) >> 4) & 0x0f;
    }

    /** Type nibble of the packet starting at {@code index}. */
    public static int type(ByteBuffer buf, int index) {
        return buf.get(index + VERSION_TYPE_OFFSET) & 0x0f;
    }

    /** Unsigned octet at absolute {@code index}. */
    static int u8(ByteBuffer buf, int index) {
        return buf.get(index) & 0xff;
    }

    /** Unsigned big-endian 16 bits at {@code index}, whatever the buffer's byte order. */
    static int u16(ByteBuffer buf, int index) {
        return ((buf.get(index) & 0xff) << 8) | (buf.get(index + 1) & 0xff);
    }

    /** Writes big-endian 16 bits at {@code index}, whatever the buffer's byte order. */
    static void putU16(ByteBuffer buf, int index, int value) {
        buf.put(index, (byte) (value >>> 8));
        buf.put(index + 1, (byte) value);
    }
}
