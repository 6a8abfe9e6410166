package io.vrrpd.protocol;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Known answers for the RFC 1071 checksum. */
class InternetChecksumTest {

    @Test
    void rfc1071WorkedExampleSumsToDdf2SoTheChecksumIs220d() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 after folding the carry.
        byte[] data = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0x220d, InternetChecksum.compute(ByteBuffer.wrap(data), 0, data.length));
    }

    @Test
    void keepalivedSeedAdvertHasChecksum693d() {
        // VRRPv2 vrid 51 prio 101 PASS "PASSWORD" 192.0.2.100, checksum field zeroed; value from the capture.
        byte[] data = {0x21, 0x33, 0x65, 0x01, 0x01, 0x01, 0x00, 0x00, (byte) 0xc0, 0x00, 0x02, 0x64,
                'P', 'A', 'S', 'S', 'W', 'O', 'R', 'D'};
        assertEquals(0x693d, InternetChecksum.compute(ByteBuffer.wrap(data), 0, data.length));
    }

    @Test
    void oddLengthPadsTheLastOctetWithZeroOnTheRight() {
        byte[] data = {0x12, 0x34, 0x56};
        // 0x1234 + 0x5600 = 0x6834, complement 0x97cb.
        assertEquals(0x97cb, InternetChecksum.compute(ByteBuffer.wrap(data), 0, data.length));
    }

    @Test
    void carriesAreFoldedMoreThanOnce() {
        byte[] data = new byte[40];
        java.util.Arrays.fill(data, (byte) 0xff);
        data[0] = (byte) 0xfe;
        // 20 words: 0xfeff + 19 * 0xffff folds to 0xfeff; complement 0x0100.
        assertEquals(0x0100, InternetChecksum.compute(ByteBuffer.wrap(data), 0, data.length));
    }

    @Test
    void bufferByteOrderAndOffsetDoNotChangeTheResultOrThePosition() {
        byte[] data = {9, 9, 0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(3);
        assertEquals(0x220d, InternetChecksum.compute(buf, 2, 8));
        assertEquals(3, buf.position());
    }
}
