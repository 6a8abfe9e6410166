package io.vrrpd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses a JVM logged with {@code -Xlog:gc}: one line per collection ending in its
 * pause, e.g. {@code [12.345s][info][gc] GC(3) Pause Young (Allocation Failure) 2M->1M(7M) 0.812ms}.
 *
 * @param millis each pause, in log order
 */
record GcPauses(List<Double> millis) {

    static final GcPauses NONE = new GcPauses(List.of());
    private static final Pattern PAUSE = Pattern.compile("\\bPause .* ([0-9]+(?:\\.[0-9]+)?)ms\\s*$");

    GcPauses {
        millis = List.copyOf(millis);
    }

    /** Reads a -Xlog:gc file; a missing or unreadable file gives no pauses. */
    static GcPauses read(Path log) {
        try {
            return parse(Files.readAllLines(log));
        } catch (IOException e) {
            return NONE;
        }
    }

    static GcPauses parse(List<String> lines) {
        List<Double> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                out.add(Double.parseDouble(m.group(1)));
            }
        }
        return new GcPauses(out);
    }

    /** The pauses after the first {@code count} (those logged before a moment of interest). */
    GcPauses after(int count) {
        return new GcPauses(millis.subList(Math.min(count, millis.size()), millis.size()));
    }

    /** e.g. {@code 41 pauses, total 23.1 ms, p99 1.20 ms, max 1.31 ms}, or {@code no pauses}. */
    String describe() {
        if (millis.isEmpty()) {
            return "no pauses";
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double total = sorted.stream().mapToDouble(Double::doubleValue).sum();
        double p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
        return String.format(Locale.ROOT, "%d pauses, total %.1f ms, p99 %.2f ms, max %.2f ms", sorted.size(), total,
                p99, sorted.get(sorted.size() - 1));
    }
}
