package io.vrrpd.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes namespaces left behind by labs whose JVM is gone (killed by a timeout, a crash, kill -9 of Maven).
 * A namespace is stale when its name encodes a pid that no longer runs; namespaces of live labs (other
 * builds on this machine) are left alone. scripts/lab-sweep.sh does the same from a shell.
 */
public final class StaleLabSweeper {

    private StaleLabSweeper() {
    }

    /**
     * Lists the lab namespaces that exist now.
     *
     * @return parsed names of every namespace with the lab prefix
     */
    public static List<LabName> labNamespaces() {
        return parseNetnsList(CommandRunner.check("ip", "netns", "list").stdout());
    }

    /**
     * Parses {@code ip netns list}, whose lines are {@code NAME} or {@code NAME (id: N)}.
     *
     * @param output the command's stdout
     * @return the lab namespaces in it
     */
    public static List<LabName> parseNetnsList(String output) {
        List<LabName> names = new ArrayList<>();
        for (String line : output.split("\n")) {
            String name = line.trim().split("\\s+", 2)[0];
            LabName.parse(name).ifPresent(names::add);
        }
        return List.copyOf(names);
    }

    /**
     * Kills what still runs in each stale namespace and deletes it.
     *
     * @return the namespaces removed
     */
    public static List<LabName> sweep() {
        List<LabName> removed = new ArrayList<>();
        for (LabName n : labNamespaces()) {
            Optional<ProcessHandle> owner = ProcessHandle.of(n.pid());
            if (owner.isPresent() && owner.get().isAlive()) {
                continue;
            }
            killAllIn(n.toString());
            if (CommandRunner.run("ip", "netns", "delete", n.toString()).ok()) {
                removed.add(n);
            }
        }
        return List.copyOf(removed);
    }

    /**
     * SIGKILLs every process inside a namespace ({@code ip netns pids}); a namespace with a live process
     * would outlive {@code ip netns delete} (which only unmounts its name).
     *
     * @param namespace the namespace
     */
    static void killAllIn(String namespace) {
        CommandResult pids = CommandRunner.run("ip", "netns", "pids", namespace);
        if (!pids.ok()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("kill", "-s", "KILL"));
        for (String p : pids.stdout().split("\\s+")) {
            if (p.matches("\\d+")) {
                argv.add(p);
            }
        }
        if (argv.size() > 3) {
            CommandRunner.run(CommandRunner.DEFAULT_TIMEOUT, argv);
        }
    }
}
