package io.vrrpd.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an answer off the control socket in bulk: the first line, then, for a rendered answer, the
 * announced number of bytes. No per-character decoding (issue 10: a 175 KB status line through a
 * Reader was a visible part of a cold vrrpctl's time).
 */
final class AnswerReader {
    private final ReadableByteChannel in;
    private ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private int lineEnd = -1;

    AnswerReader(ReadableByteChannel in) {
        this.in = in;
    }

    /** The first line without its newline (UTF-8), or what came before the end of the stream; null if nothing. */
    String line() throws IOException {
        int scanned = 0;
        while (true) {
            byte[] a = buf.array();
            for (int i = scanned; i < buf.position(); i++) {
                if (a[i] == '\n') {
                    lineEnd = i;
                    return new String(a, 0, i, StandardCharsets.UTF_8);
                }
            }
            scanned = buf.position();
            if (!buf.hasRemaining()) {
                buf = ByteBuffer.wrap(Arrays.copyOf(a, a.length * 2)).position(scanned);
            }
            if (in.read(buf) < 0) {
                lineEnd = buf.position();
                return scanned == 0 ? null : new String(a, 0, scanned, StandardCharsets.UTF_8);
            }
        }
    }

    /** The {@code n} bytes after the line, or null when the stream ends before them. */
    byte[] bytes(int n) throws IOException {
        byte[] out = new byte[n];
        int have = Math.min(n, buf.position() - lineEnd - 1);
        System.arraycopy(buf.array(), lineEnd + 1, out, 0, Math.max(have, 0));
        ByteBuffer rest = ByteBuffer.wrap(out, Math.max(have, 0), n - Math.max(have, 0));
        while (rest.hasRemaining()) {
            if (in.read(rest) < 0) {
                return null;
            }
        }
        return out;
    }
}
