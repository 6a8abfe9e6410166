package io.vrrpd.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal reader of classic pcap files (24-byte global header, 16-byte record headers) that returns
 * the IPv4 datagram of each frame, so the tests need no libpcap. Link types: Ethernet (1), Linux cooked
 * v1 (113) and v2 (276).
 */
final class PcapReader {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_LINUX_SLL = 113;
    private static final int LINKTYPE_LINUX_SLL2 = 276;
    private static final int ETHERTYPE_IPV4 = 0x0800;

    private PcapReader() {
    }

    /** The IPv4 datagrams of the classpath resource {@code fixtures/<name>}, in capture order. */
    static List<byte[]> ipv4Datagrams(String name) {
        try (InputStream in = PcapReader.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name + "; run scripts/capture-keepalived-fixture.sh");
            }
            return ipv4Datagrams(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<byte[]> ipv4Datagrams(byte[] file) {
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = buf.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            buf.order(ByteOrder.BIG_ENDIAN);
            magic = buf.getInt(0);
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                throw new IllegalArgumentException("not a classic pcap file");
            }
        }
        int linkType = buf.getInt(20) & 0x0fffffff;
        List<byte[]> datagrams = new ArrayList<>();
        int at = 24;
        while (at + 16 <= file.length) {
            int capturedLength = buf.getInt(at + 8);
            int frame = at + 16;
            if (frame + capturedLength > file.length) {
                throw new IllegalArgumentException("truncated record at offset " + at);
            }
            int ipStart = ipStart(file, frame, linkType);
            if (ipStart >= 0) {
                // The IP total length trims Ethernet padding, as the kernel does before a raw socket sees it.
                int totalLength = ((file[ipStart + 2] & 0xff) << 8) | (file[ipStart + 3] & 0xff);
                datagrams.add(Arrays.copyOfRange(file, ipStart, Math.min(ipStart + totalLength, frame + capturedLength)));
            }
            at = frame + capturedLength;
        }
        return datagrams;
    }

    /** Offset of the IPv4 header in the frame, or -1 when the frame does not carry IPv4. */
    private static int ipStart(byte[] file, int frame, int linkType) {
        switch (linkType) {
            case LINKTYPE_ETHERNET:
                return u16(file, frame + 12) == ETHERTYPE_IPV4 ? frame + 14 : -1;
            case LINKTYPE_LINUX_SLL:
                return u16(file, frame + 14) == ETHERTYPE_IPV4 ? frame + 16 : -1;
            case LINKTYPE_LINUX_SLL2:
                return u16(file, frame) == ETHERTYPE_IPV4 ? frame + 20 : -1;
            default:
                throw new IllegalArgumentException("unsupported link type " + linkType);
        }
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
}
