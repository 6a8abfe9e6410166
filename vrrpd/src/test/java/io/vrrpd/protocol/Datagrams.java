package io.vrrpd.protocol;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Builds and edits IPv4 datagrams carrying VRRP for the tests. */
final class Datagrams {
    static final int IP_HEADER = 20;

    private Datagrams() {
    }

    /** A datagram as keepalived sends it: 192.0.2.1 to 224.0.0.18, TTL 255, protocol 112. */
    static byte[] of(Advertisement advert) {
        ByteBuffer payload = ByteBuffer.allocate(AdvertEncoder.encodedLength(advert));
        new AdvertEncoder().encode(advert, PSEUDO_HEADER, payload);
        return withIpHeader(payload.array());
    }

    /** Source and destination that {@link #withIpHeader} writes. */
    static final PseudoHeader PSEUDO_HEADER =
            PseudoHeader.of(KeepalivedFixtureTest.ip("192.0.2.1"), KeepalivedFixtureTest.ip("224.0.0.18"));

    static byte[] withIpHeader(byte[] payload) {
        byte[] d = new byte[IP_HEADER + payload.length];
        d[0] = 0x45;
        d[1] = (byte) 0xc0;
        d[2] = (byte) (d.length >>> 8);
        d[3] = (byte) d.length;
        d[8] = (byte) 255;
        d[9] = 112;
        d[12] = (byte) 192;
        d[13] = 0;
        d[14] = 2;
        d[15] = 1;
        d[16] = (byte) 224;
        d[17] = 0;
        d[18] = 0;
        d[19] = 18;
        System.arraycopy(payload, 0, d, IP_HEADER, payload.length);
        return d;
    }

    /**
     * Applies {@code edit} to the VRRP payload of {@code datagram} (indices relative to the payload) and
     * recomputes the VRRP checksum, so the edit is the only thing wrong with the result.
     */
    static byte[] editPayload(byte[] datagram, Consumer<byte[]> edit) {
        byte[] payload = new byte[datagram.length - IP_HEADER];
        System.arraycopy(datagram, IP_HEADER, payload, 0, payload.length);
        edit.accept(payload);
        fixChecksum(payload);
        return withIpHeaderFrom(datagram, payload);
    }

    static void fixChecksum(byte[] payload) {
        if (payload.length < VrrpPacketLayout.HEADER_LENGTH) {
            return;
        }
        payload[6] = 0;
        payload[7] = 0;
        // VRRPv3 also sums the pseudo-header of the addresses withIpHeader writes (RFC 5798 §5.2.8).
        long initial = (payload[0] & 0xf0) == 0x30 ? PSEUDO_HEADER.sum(payload.length) : 0;
        int c = InternetChecksum.finish(InternetChecksum.sum(ByteBuffer.wrap(payload), 0, payload.length, initial));
        payload[6] = (byte) (c >>> 8);
        payload[7] = (byte) c;
    }

    private static byte[] withIpHeaderFrom(byte[] original, byte[] payload) {
        byte[] d = withIpHeader(payload);
        System.arraycopy(original, 0, d, 0, 2);
        System.arraycopy(original, 4, d, 4, IP_HEADER - 4);
        return d;
    }

    static byte[] payloadOf(byte[] datagram) {
        int ihl = (datagram[0] & 0x0f) * 4;
        byte[] payload = new byte[datagram.length - ihl];
        System.arraycopy(datagram, ihl, payload, 0, payload.length);
        return payload;
    }
}
