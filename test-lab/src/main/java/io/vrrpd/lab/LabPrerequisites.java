package io.vrrpd.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the lab needs from the machine: root (namespaces, veths, raw sockets) and the programs it drives.
 * Tests skip with {@link #missing()} as the reason; the demo fails with it.
 */
public final class LabPrerequisites {

    /** The programs the lab drives and where Debian and RHEL install them. */
    private static final List<String> PROGRAMS = List.of("ip", "keepalived", "tshark", "tcpdump");
    private static final List<String> PATH_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin",
            "/usr/local/sbin", "/usr/local/bin");

    private LabPrerequisites() {
    }

    /**
     * @return why the lab cannot run here (not root, which programs are missing and how to get them), or
     *         empty if it can
     */
    public static Optional<String> missing() {
        List<String> problems = new ArrayList<>();
        if (!isRoot()) {
            problems.add("not root (network namespaces need CAP_SYS_ADMIN and CAP_NET_ADMIN)");
        }
        List<String> absent = new ArrayList<>();
        for (String program : PROGRAMS) {
            if (find(program).isEmpty()) {
                absent.add(program);
            }
        }
        if (!absent.isEmpty()) {
            problems.add("missing " + String.join(", ", absent) + " (scripts/install-lab-deps.sh installs them)");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of("lab tests need: " + String.join("; ", problems));
    }

    /**
     * @throws LabException with the reason from {@link #missing()} if the lab cannot run here
     */
    public static void require() {
        missing().ifPresent(reason -> {
            throw new LabException(reason);
        });
    }

    /** @return true if this process runs as uid 0 (read from /proc, no native call needed) */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // real, effective, saved, fs: effective counts
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }

    /**
     * @param program a program name
     * @return its path on $PATH or in the usual sbin directories (root's tools are often not on a user's PATH)
     */
    public static Optional<Path> find(String program) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(PATH_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
