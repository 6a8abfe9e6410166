package io.vrrpd.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * What the both-writable probe ({@link PgClientMain} {@code probe}) printed: one sample per period with, per
 * node, W (accepted a write), R (read-only), D (unreachable) or ? (no fresh answer).
 *
 * @param samples the samples in order
 */
public record ProbeLog(List<Sample> samples) {

    /** One sample: its time (microseconds since the epoch) and one state letter per node. */
    public record Sample(long atMicros, String states) {
        /** @return how many nodes accepted a write in this sample */
        public int writable() {
            return (int) states.chars().filter(c -> c == 'W').count();
        }
    }

    /** Copies the list. */
    public ProbeLog {
        samples = List.copyOf(samples);
    }

    /**
     * Parses the probe's output ({@code sample MICROS S1 S2 ...}); other and torn lines are ignored.
     *
     * @param text the log
     * @return the samples
     */
    public static ProbeLog parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            if (f.length >= 3 && f[0].equals("sample") && f[1].matches("\\d+")) {
                StringBuilder states = new StringBuilder();
                boolean ok = true;
                for (int i = 2; i < f.length; i++) {
                    ok &= f[i].length() == 1 && "WRD?".contains(f[i]);
                    states.append(f[i]);
                }
                if (ok) {
                    samples.add(new Sample(Long.parseLong(f[1]), states.toString()));
                }
            }
        }
        return new ProbeLog(samples);
    }

    /** @return the samples in which two or more nodes accepted a write (split brain) */
    public List<Sample> bothWritable() {
        return samples.stream().filter(s -> s.writable() >= 2).toList();
    }

    /** @return the number of samples in which exactly one node accepted a write */
    public long oneWritable() {
        return samples.stream().filter(s -> s.writable() == 1).count();
    }

    /** @return a summary such as {@code 1090 samples, 1 writable in 1020, 2 writable in 0} */
    public String summary() {
        return samples.size() + " samples, 1 writable in " + oneWritable() + ", 2 writable in "
                + bothWritable().size();
    }
}
