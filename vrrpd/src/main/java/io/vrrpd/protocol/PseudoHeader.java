package io.vrrpd.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The IP pseudo-header that the VRRPv3 checksum covers (RFC 5798 §5.2.8): source and destination
 * address, protocol 112 and the VRRP length, laid out as for IPv4 (RFC 768) or IPv6 (RFC 8200 §8.1).
 * VRRPv2 does not use it.
 *
 * <p>The address words are summed once here, so an instance builds its pseudo-header when its source
 * address is known and the encoder folds it into each advert without allocating.
 */
public final class PseudoHeader {
    private final InetAddress source;
    private final InetAddress destination;
    private final int addressLength;
    private final long addressSum;

    private PseudoHeader(InetAddress source, InetAddress destination) {
        this.source = source;
        this.destination = destination;
        byte[] s = source.getAddress();
        byte[] d = destination.getAddress();
        this.addressLength = s.length;
        long sum = 0;
        for (int i = 0; i < s.length; i += 2) {
            sum += ((s[i] & 0xff) << 8) | (s[i + 1] & 0xff);
            sum += ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff);
        }
        this.addressSum = sum;
    }

    /**
     * A pseudo-header for datagrams from {@code source} to {@code destination}; both IPv4 or both IPv6.
     */
    public static PseudoHeader of(InetAddress source, InetAddress destination) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        boolean v4 = source instanceof Inet4Address && destination instanceof Inet4Address;
        boolean v6 = source instanceof Inet6Address && destination instanceof Inet6Address;
        if (!v4 && !v6) {
            throw new IllegalArgumentException("source and destination must be the same family: "
                    + source.getHostAddress() + ", " + destination.getHostAddress());
        }
        return new PseudoHeader(source, destination);
    }

    public InetAddress source() {
        return source;
    }

    public InetAddress destination() {
        return destination;
    }

    /** 4 for IPv4, 16 for IPv6: also the size of each address in a VRRPv3 packet (RFC 5798 §5.2.9). */
    public int addressLength() {
        return addressLength;
    }

    /** True for IPv6. */
    public boolean isIpv6() {
        return addressLength == VrrpPacketLayout.IPV6_ADDRESS_LENGTH;
    }

    /** Running one's complement sum of the pseudo-header for a VRRP message of {@code vrrpLength} bytes. */
    long sum(int vrrpLength) {
        // IPv4: zero octet + protocol, 16-bit length. IPv6: 32-bit length, three zero octets + next header.
        return addressSum + VrrpPacketLayout.IP_PROTOCOL_VRRP + (vrrpLength >>> 16) + (vrrpLength & 0xffff);
    }

    @Override
    public String toString() {
        return "PseudoHeader[" + source.getHostAddress() + " -> " + destination.getHostAddress() + "]";
    }
}
