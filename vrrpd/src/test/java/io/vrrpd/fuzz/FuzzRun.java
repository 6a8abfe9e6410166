package io.vrrpd.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Feeds mutated inputs to a target on a worker thread and watches it: any exception or assertion that
 * escapes the target fails the run, and so does one input that runs longer than the hang limit. The
 * failing input is written to {@code target/fuzz-failures/} and named in the message with the seed and
 * index, so it can be replayed.
 */
public final class FuzzRun {
    /**
     * One input taking longer than this is a hang. Generous: the first input of a run loads the parser's
     * classes, which took 3.8 s on a machine loaded by parallel builds.
     */
    public static final long HANG_LIMIT_NANOS = 10_000_000_000L;

    /**
     * What a run did.
     *
     * @param inputs       inputs fed
     * @param seconds      wall time of the run
     * @param slowestMicros the slowest single input
     */
    public record Stats(String name, long inputs, double seconds, long slowestMicros, long slowestIndex) {
        @Override
        public String toString() {
            return String.format("fuzz %s: %,d inputs in %.1f s (%,.0f/s), slowest input #%d %,d us, 0 escaped, 0 hangs",
                    name, inputs, seconds, inputs / Math.max(seconds, 1e-9), slowestIndex, slowestMicros);
        }
    }

    private FuzzRun() {
    }

    /**
     * @param name   the parser's name, for messages and the failure file
     * @param seed   the mutator's seed, for messages
     * @param inputs how many inputs
     * @param next   the input source
     * @param target the code under test; it throws (or fails an assertion) when a property is broken
     */
    public static Stats run(String name, long seed, int inputs, Supplier<byte[]> next, Consumer<byte[]> target) {
        Worker w = new Worker(inputs, next, target);
        Thread t = new Thread(w, "fuzz-" + name);
        t.setDaemon(true); // a hung input must not keep the JVM alive
        long start = System.nanoTime();
        t.start();
        try {
            while (t.isAlive()) {
                t.join(100);
                long began = w.inputStarted;
                if (t.isAlive() && began != 0 && System.nanoTime() - began > HANG_LIMIT_NANOS) {
                    throw new AssertionError(failure(name, seed, w.index, w.current,
                            "hang: one input ran longer than " + HANG_LIMIT_NANOS / 1_000_000_000L + " s"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("fuzz " + name + " interrupted", e);
        }
        if (w.escaped != null) {
            throw new AssertionError(failure(name, seed, w.index, w.current, "escaped: " + w.escaped), w.escaped);
        }
        return new Stats(name, inputs, (System.nanoTime() - start) / 1e9, w.slowestNanos / 1_000, w.slowestIndex);
    }

    private static String failure(String name, long seed, long index, byte[] input, String what) {
        String where = "(not saved)";
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            Path file = dir.resolve(name + "-seed" + seed + "-input" + index + ".bin");
            Files.write(file, input);
            where = file.toString();
        } catch (IOException e) {
            // the message below still carries the input
        }
        String shown = input.length <= 512 ? HexFormat.of().formatHex(input) : input.length + " bytes";
        return "fuzz " + name + " " + what + " (seed " + seed + ", input #" + index + ", saved to " + where
                + "; replay with -Dfuzz.seed=" + seed + " -Dfuzz.inputs=" + (index + 1) + "): " + shown;
    }

    private static final class Worker implements Runnable {
        final int inputs;
        final Supplier<byte[]> next;
        final Consumer<byte[]> target;
        volatile long inputStarted;
        volatile long index;
        volatile byte[] current = new byte[0];
        volatile Throwable escaped;
        long slowestNanos;
        long slowestIndex;

        Worker(int inputs, Supplier<byte[]> next, Consumer<byte[]> target) {
            this.inputs = inputs;
            this.next = next;
            this.target = target;
        }

        @Override
        public void run() {
            for (int i = 0; i < inputs; i++) {
                byte[] input = next.get();
                current = input;
                index = i;
                long s = System.nanoTime();
                inputStarted = s;
                try {
                    target.accept(input);
                } catch (Throwable e) {
                    escaped = e;
                    return;
                }
                long took = System.nanoTime() - s;
                if (took > slowestNanos) {
                    slowestNanos = took;
                    slowestIndex = i;
                }
            }
            inputStarted = 0;
        }
    }
}
