package io.vrrpd.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded mutations of a corpus, the way byte-level fuzzers (AFL's havoc stage, libFuzzer's default
 * mutators) do them: bit and byte flips, interesting values, deletions, duplications, insertions of
 * dictionary tokens and splices of two corpus entries, stacked 1..4 deep. Deterministic for a seed, so a
 * failure is replayed from its seed and index alone.
 */
public final class Mutator implements Supplier<byte[]> {
    private static final byte[] INTERESTING = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, '\n', '\t', '{', '}', '"', ' '};

    private final Random random;
    private final List<byte[]> corpus;
    private final List<byte[]> dictionary;

    /**
     * @param seed       the run's seed
     * @param corpus     the inputs to start from, at least one
     * @param dictionary tokens worth inserting (keywords, punctuation), may be empty
     */
    public Mutator(long seed, List<byte[]> corpus, List<byte[]> dictionary) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("a fuzz corpus needs at least one input");
        }
        this.random = new Random(seed);
        this.corpus = List.copyOf(corpus);
        this.dictionary = List.copyOf(dictionary);
    }

    /** The next input: a corpus entry under 1..4 stacked mutations. */
    @Override
    public byte[] get() {
        byte[] d = corpus.get(random.nextInt(corpus.size()));
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            d = mutateOnce(d);
        }
        return d;
    }

    /** The random source, for callers that fix up structure (lengths, checksums) after mutating. */
    public Random random() {
        return random;
    }

    private byte[] mutateOnce(byte[] in) {
        byte[] d = in.clone();
        int n = d.length;
        switch (random.nextInt(9)) {
            case 0 -> {
                if (n > 0) {
                    d[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                if (n > 0) {
                    d[random.nextInt(n)] = INTERESTING[random.nextInt(INTERESTING.length)];
                }
            }
            case 2 -> {
                if (n > 0) {
                    d[random.nextInt(n)] = (byte) random.nextInt(256);
                }
            }
            case 3 -> d = delete(d);
            case 4 -> d = duplicate(d);
            case 5, 6 -> d = dictionary.isEmpty() ? delete(d)
                    : insert(d, dictionary.get(random.nextInt(dictionary.size())));
            case 7 -> d = splice(d, corpus.get(random.nextInt(corpus.size())));
            default -> d = Arrays.copyOf(d, n == 0 ? 0 : random.nextInt(n + 1));
        }
        return d;
    }

    private byte[] delete(byte[] d) {
        if (d.length == 0) {
            return d;
        }
        int from = random.nextInt(d.length);
        int len = 1 + random.nextInt(Math.min(16, d.length - from));
        byte[] out = new byte[d.length - len];
        System.arraycopy(d, 0, out, 0, from);
        System.arraycopy(d, from + len, out, from, d.length - from - len);
        return out;
    }

    private byte[] duplicate(byte[] d) {
        if (d.length == 0 || d.length > 64 * 1024) {
            return d;
        }
        int from = random.nextInt(d.length);
        int len = 1 + random.nextInt(Math.min(64, d.length - from));
        return insert(d, Arrays.copyOfRange(d, from, from + len));
    }

    private byte[] insert(byte[] d, byte[] token) {
        int at = d.length == 0 ? 0 : random.nextInt(d.length + 1);
        byte[] out = new byte[d.length + token.length];
        System.arraycopy(d, 0, out, 0, at);
        System.arraycopy(token, 0, out, at, token.length);
        System.arraycopy(d, at, out, at + token.length, d.length - at);
        return out;
    }

    private byte[] splice(byte[] a, byte[] b) {
        int cutA = a.length == 0 ? 0 : random.nextInt(a.length + 1);
        int cutB = b.length == 0 ? 0 : random.nextInt(b.length + 1);
        byte[] out = new byte[cutA + b.length - cutB];
        System.arraycopy(a, 0, out, 0, cutA);
        System.arraycopy(b, cutB, out, cutA, b.length - cutB);
        return out;
    }
}
