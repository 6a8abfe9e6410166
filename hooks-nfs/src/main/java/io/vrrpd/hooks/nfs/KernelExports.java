package io.vrrpd.hooks.nfs;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds each export to the kernel's table with exportfs(8), one {@code CLIENT:PATH} at a time, with its fixed
 * {@code fsid} (exports(5): without it the file handles depend on the device number, which differs between
 * the two nodes, and every client would get ESTALE after a failover). Verified with {@code exportfs -s};
 * release removes them with {@code exportfs -u}. The same as Pacemaker's exportfs agent, minus its rmtab
 * backup, which only NFSv3 over TCP needs.
 */
final class KernelExports implements Step {
    private final List<NfsExport> exports;
    private final Commands commands;
    private final String exportfs;

    KernelExports(List<NfsExport> exports, Commands commands, Tools tools) {
        this.exports = List.copyOf(exports);
        this.commands = commands;
        this.exportfs = tools.exportfs();
    }

    @Override
    public String name() {
        return "exportfs";
    }

    @Override
    public String takeOver(Deadline d) throws StepFailure, InterruptedException {
        for (NfsExport e : exports) {
            if (!Files.isDirectory(e.path())) {
                throw new StepFailure("export directory " + e.path() + " (id " + e.id() + ") is missing");
            }
        }
        List<String> table = table(d);
        int added = 0;
        for (NfsExport e : exports) {
            String options = e.access().name().toLowerCase(java.util.Locale.ROOT) + ",sync,"
                    + e.squash().exportsOption() + ",fsid=" + e.id();
            for (String client : e.clients()) {
                if (!listed(table, e, client)) {
                    commands.check(d, List.of(exportfs, "-v", "-o", options, client + ":" + e.path()));
                    added++;
                }
            }
        }
        List<String> after = table(d);
        for (NfsExport e : exports) {
            for (String client : e.clients()) {
                if (!listed(after, e, client)) {
                    throw new StepFailure(e.path() + " is not exported to " + client + " after exportfs");
                }
            }
        }
        return added == 0 ? "already exported" : "exported " + added;
    }

    @Override
    public String release(Deadline d) throws StepFailure, InterruptedException {
        List<String> table = table(d);
        int removed = 0;
        for (NfsExport e : exports) {
            for (String client : e.clients()) {
                if (listed(table, e, client)) {
                    commands.check(d, List.of(exportfs, "-v", "-u", client + ":" + e.path()));
                    removed++;
                }
            }
        }
        List<String> after = table(d);
        for (NfsExport e : exports) {
            for (String client : e.clients()) {
                if (listed(after, e, client)) {
                    throw new StepFailure(e.path() + " is still exported to " + client + " after exportfs -u");
                }
            }
        }
        return removed == 0 ? "not exported" : "unexported " + removed;
    }

    /**
     * The current table, one {@code PATH CLIENT(options)} entry per element. {@code exportfs -s} prints a
     * long path on its own line with the client on the next, indented: such pairs are joined.
     */
    private List<String> table(Deadline d) throws StepFailure, InterruptedException {
        String out = commands.check(d, List.of(exportfs, "-s")).stdout();
        List<String> entries = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && !entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            } else {
                entries.add(line.strip());
            }
        }
        return entries;
    }

    private static boolean listed(List<String> table, NfsExport e, String client) {
        String prefix = e.path() + " ";
        for (String entry : table) {
            if (entry.startsWith(prefix)) {
                for (String spec : entry.substring(prefix.length()).strip().split("\\s+")) {
                    if (spec.startsWith(client + "(")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
