package io.vrrpd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Threads, resident memory and CPU time of a process tree, read from /proc (proc(5)): {@code Threads} and
 * {@code VmRSS} of /proc/PID/status, {@code utime + stime} (fields 14 and 15) of /proc/PID/stat. Summed over
 * the tree because keepalived runs VRRP in a child of its parent process.
 *
 * @param threads  threads of every process in the tree
 * @param rssKb    resident set, kB
 * @param cpuTicks user + system CPU time so far, in clock ticks
 */
public record ProcFootprint(int threads, long rssKb, long cpuTicks) {

    /** USER_HZ, the unit of utime and stime; 100 on every Linux architecture the lab runs on. */
    public static final int TICKS_PER_SECOND = 100;

    /** Reads the footprint of the processes {@code pids} (those gone meanwhile count as zero). */
    public static ProcFootprint of(List<Long> pids) {
        int threads = 0;
        long rss = 0;
        long ticks = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("Threads:")) {
                        threads += Integer.parseInt(line.substring(8).strip());
                    } else if (line.startsWith("VmRSS:")) {
                        rss += Long.parseLong(line.substring(6).replace("kB", "").strip());
                    }
                }
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                // The process ended between listing and reading: it holds nothing any more.
            }
        }
        return new ProcFootprint(threads, rss, ticks);
    }
}
