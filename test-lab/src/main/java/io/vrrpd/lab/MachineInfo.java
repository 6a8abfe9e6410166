package io.vrrpd.lab;

import java.util.List;

/** What a benchmark ran on: cores, kernel, JVM and keepalived versions, load, each as the tools print it. */
public final class MachineInfo {

    private MachineInfo() {
    }

    /** @return lines like {@code nproc: 2} */
    public static List<String> describe() {
        return List.of(
                "nproc: " + Runtime.getRuntime().availableProcessors(),
                "kernel: " + firstLine(CommandRunner.run("uname", "-srm")),
                "java: " + firstLine(CommandRunner.run("java", "-version")) + " (running: "
                        + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + ")",
                "keepalived: " + firstLine(CommandRunner.run(Keepalived.BINARY, "-v")),
                "load average at start: " + firstLine(CommandRunner.run("cat", "/proc/loadavg")));
    }

    /** java -version and keepalived -v print to stderr; whichever stream has text, its first line. */
    private static String firstLine(CommandResult r) {
        String text = r.stdout().isBlank() ? r.stderr() : r.stdout();
        return text.lines().filter(l -> !l.isBlank()).findFirst().orElse("(no output, exit " + r.exitCode() + ")");
    }
}
