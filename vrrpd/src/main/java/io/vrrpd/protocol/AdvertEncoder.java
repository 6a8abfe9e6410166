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
 * RFC 1071 checksum. VRRPv2 (RFC 3768 §5.3.8) sums the VRRP message alone; VRRPv3 (RFC 5798 §5.2.8)
 * also sums a {@link PseudoHeader}, so it is encoded with {@link #encode(Advertisement, PseudoHeader,
 * ByteBuffer)}.
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
        int count = advert.addresses().size();
        if (advert.version() == VrrpPacketLayout.VERSION_2) {
            return VrrpPacketLayout.v2Length(count);
        }
        int each = advert.isIpv6() ? VrrpPacketLayout.IPV6_ADDRESS_LENGTH : VrrpPacketLayout.IPV4_ADDRESS_LENGTH;
        return VrrpPacketLayout.HEADER_LENGTH + count * each;
    }

    /**
     * Writes a VRRPv2 {@code advert} at {@code out}'s position and advances the position past it. The
     * buffer's byte order does not matter.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException if the advert is VRRPv3 (its checksum needs the pseudo-header), or
     *                                  {@code out} has fewer than {@link #encodedLength} bytes left (a
     *                                  sizing bug, not a runtime condition)
     */
    public int encode(Advertisement advert, ByteBuffer out) {
        if (advert.version() != VrrpPacketLayout.VERSION_2) {
            throw new IllegalArgumentException("VRRPv3 checksums cover a pseudo-header: use encode(advert, pseudoHeader, out)");
        }
        return encode(advert, null, out);
    }

    /**
     * Writes {@code advert}, v2 or v3, at {@code out}'s position and advances the position past it.
     *
     * @param pseudoHeader source and destination of the datagram; required for v3, ignored for v2
     *                     (may be null there)
     * @return the number of bytes written
     * @throws IllegalArgumentException if {@code out} is too small, or a v3 advert has no pseudo-header
     *                                  or one of the other address family
     */
    public int encode(Advertisement advert, PseudoHeader pseudoHeader, ByteBuffer out) {
        boolean v3 = advert.version() == VrrpPacketLayout.VERSION_3;
        if (v3 && (pseudoHeader == null
                || (!advert.addresses().isEmpty() && advert.isIpv6() != pseudoHeader.isIpv6()))) {
            throw new IllegalArgumentException("VRRPv3 advert needs a pseudo-header of its address family");
        }
        int length = encodedLength(advert);
        if (out.remaining() < length) {
            throw new IllegalArgumentException("buffer has " + out.remaining() + " bytes left, advert needs " + length);
        }
        int base = out.position();
        out.put(base + VERSION_TYPE_OFFSET, (byte) ((advert.version() << 4) | TYPE_ADVERTISEMENT));
        out.put(base + VRID_OFFSET, (byte) advert.vrid());
        out.put(base + PRIORITY_OFFSET, (byte) advert.priority());
        out.put(base + COUNT_IP_ADDRS_OFFSET, (byte) advert.addresses().size());
        if (v3) {
            // RFC 5798 §5.2.6-7: 4 reserved bits, sent as zero, then Max Adver Int in centiseconds.
            VrrpPacketLayout.putU16(out, base + VrrpPacketLayout.V3_MAX_ADVER_INT_OFFSET,
                    advert.advertIntervalCentis() & VrrpPacketLayout.V3_MAX_ADVER_INT_MASK);
        } else {
            out.put(base + AUTH_TYPE_OFFSET, (byte) advert.authType().code());
            out.put(base + ADVER_INT_OFFSET, (byte) advert.advertIntervalSeconds());
        }
        // RFC 3768 §5.3.8, RFC 5798 §5.2.8: the checksum is computed with the checksum field set to zero.
        VrrpPacketLayout.putU16(out, base + CHECKSUM_OFFSET, 0);
        byte[] octets = addressOctets(advert.addresses());
        for (int i = 0; i < octets.length; i++) {
            out.put(base + ADDRESSES_OFFSET + i, octets[i]);
        }
        int checksum;
        if (v3) {
            checksum = InternetChecksum.finish(InternetChecksum.sum(out, base, length, pseudoHeader.sum(length)));
        } else {
            advert.authData().write(out, base + ADDRESSES_OFFSET + octets.length);
            checksum = InternetChecksum.compute(out, base, length);
        }
        VrrpPacketLayout.putU16(out, base + CHECKSUM_OFFSET, checksum);
        out.position(base + length);
        return length;
    }

    private byte[] addressOctets(List<InetAddress> addresses) {
        if (addresses != cachedList) {
            int each = addresses.isEmpty() ? 0 : addresses.get(0).getAddress().length;
            byte[] octets = new byte[addresses.size() * each];
            for (int i = 0; i < addresses.size(); i++) {
                System.arraycopy(addresses.get(i).getAddress(), 0, octets, i * each, each);
            }
            cachedOctets = octets;
            cachedList = addresses;
        }
        return cachedOctets;
    }
}
