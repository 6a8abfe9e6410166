package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's report: each line printed as it comes and kept, the whole written to a file at the end (so
 * BENCHMARKS.md can quote a run unedited), and the load average each benchmark prints next to its figures.
 */
final class BenchReport {

    private final List<String> lines = new ArrayList<>();

    /** Prints the line and keeps it for {@link #write}. */
    void say(String line) {
        System.out.println(line);
        lines.add(line);
    }

    /** Writes every line said so far to {@code outFile}; a failure is printed, not thrown (the figures were printed). */
    void write(Path outFile) {
        try {
            if (outFile.getParent() != null) {
                Files.createDirectories(outFile.getParent());
            }
            Files.writeString(outFile, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            System.out.println("written: " + outFile);
        } catch (IOException e) {
            System.err.println("cannot write " + outFile + ": " + e.getMessage());
        }
    }

    /** @return /proc/loadavg as it reads now, or "unknown" */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
