package io.vrrpd.protocol;

import java.nio.ByteBuffer;

/**
 * The Internet checksum of RFC 1071: the 16-bit one's complement of the one's complement sum of the
 * data taken as big-endian 16-bit words (an odd final octet is padded with zero). VRRPv2 uses it over
 * the whole VRRP message with the checksum field zeroed (RFC 3768 §5.3.8). Allocation free.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /**
     * Checksum of {@code length} octets of {@code buf} from absolute {@code index}; the buffer's position
     * and byte order are ignored and left alone.
     *
     * @return the value to store in the checksum field, 0..0xffff
     */
    public static int compute(ByteBuffer buf, int index, int length) {
        return finish(sum(buf, index, length, 0));
    }

    /**
     * Adds {@code length} octets to a running 32-bit sum; lets a caller fold in a pseudo-header first
     * (RFC 5798 §5.2.8) before calling {@link #finish(long)}.
     */
    public static long sum(ByteBuffer buf, int index, int length, long initial) {
        long sum = initial;
        int end = index + length;
        int i = index;
        for (; i + 1 < end; i += 2) {
            sum += ((buf.get(i) & 0xff) << 8) | (buf.get(i + 1) & 0xff);
        }
        if (i < end) {
            sum += (buf.get(i) & 0xff) << 8;
        }
        return sum;
    }

    /** Folds the carries of a running sum and complements it. */
    public static int finish(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }
}
