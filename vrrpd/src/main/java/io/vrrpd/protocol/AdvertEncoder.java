package io.vrrpd.protocol;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;

import static io.vrrpd.protocol.VrrpPacketLayout.ADDRESSES_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.ADVER_INT_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.AUTH_TYPE_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.CHECKSUM_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.COUNT_IP_ADDRS_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.PRIORITY_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.TYPE_ADVERTISEMENT;
import static io.vrrpd.protocol.VrrpPacketLayout.VERSION_TYPE_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.VRID_OFFSET;

/**
 * Writes the VRRP payload of an {@link Advertisement} (no IP header: the raw socket adds it) with its
 * RFC 1071 checksum.
 *
 * <p>It runs once per advert interval per instance, so the steady state allocates nothing:
 * {@code InetAddress.getAddress()} returns a fresh array, so the address octets are cached per address
 * list instance and recomputed only when a different list is encoded. Keep one encoder per sending
 * thread; it is not thread-safe.
 */
public final class AdvertEncoder {
    private List<InetAddress> cachedList;
    private byte[] cachedOctets;

    /** Bytes {@link #encode} will write for {@code advert}. */
    public static int encodedLength(Advertisement advert) {
        return VrrpPacketLayout.v2Length(advert.addresses().size());
    }

    /**
     * Writes {@code advert} at {@code out}'s position and advances the position past it. The buffer's
     * byte order does not matter.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException if {@code out} has fewer than {@link #encodedLength} bytes left
     *                                  (a sizing bug, not a runtime condition)
     */
    public int encode(Advertisement advert, ByteBuffer out) {
        int length = encodedLength(advert);
        if (out.remaining() < length) {
            throw new IllegalArgumentException("buffer has " + out.remaining() + " bytes left, advert needs " + length);
        }
        int base = out.position();
        out.put(base + VERSION_TYPE_OFFSET, (byte) ((advert.version() << 4) | TYPE_ADVERTISEMENT));
        out.put(base + VRID_OFFSET, (byte) advert.vrid());
        out.put(base + PRIORITY_OFFSET, (byte) advert.priority());
        out.put(base + COUNT_IP_ADDRS_OFFSET, (byte) advert.addresses().size());
        out.put(base + AUTH_TYPE_OFFSET, (byte) advert.authType().code());
        out.put(base + ADVER_INT_OFFSET, (byte) advert.advertIntervalSeconds());
        // RFC 3768 §5.3.8: the checksum is computed with the checksum field set to zero.
        VrrpPacketLayout.putU16(out, base + CHECKSUM_OFFSET, 0);
        byte[] octets = addressOctets(advert.addresses());
        for (int i = 0; i < octets.length; i++) {
            out.put(base + ADDRESSES_OFFSET + i, octets[i]);
        }
        advert.authData().write(out, base + ADDRESSES_OFFSET + octets.length);
        VrrpPacketLayout.putU16(out, base + CHECKSUM_OFFSET, InternetChecksum.compute(out, base, length));
        out.position(base + length);
        return length;
    }

    private byte[] addressOctets(List<InetAddress> addresses) {
        if (addresses != cachedList) {
            byte[] octets = new byte[addresses.size() * VrrpPacketLayout.IPV4_ADDRESS_LENGTH];
            for (int i = 0; i < addresses.size(); i++) {
                byte[] one = addresses.get(i).getAddress();
                System.arraycopy(one, 0, octets, i * one.length, one.length);
            }
            cachedOctets = octets;
            cachedList = addresses;
        }
        return cachedOctets;
    }
}
