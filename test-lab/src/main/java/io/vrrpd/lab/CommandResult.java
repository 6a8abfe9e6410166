package io.vrrpd.lab;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a one-shot command that ran to completion within its timeout.
 *
 * @param argv     the command line as executed (including any {@code ip netns exec} prefix)
 * @param exitCode the process's exit status
 * @param stdout   everything it wrote to standard output
 * @param stderr   everything it wrote to standard error
 */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {

    /** Copies the command line and rejects nulls. */
    public CommandResult {
        argv = List.copyOf(argv);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** @return true when the command exited 0 */
    public boolean ok() {
        return exitCode == 0;
    }

    /**
     * @return this result when the command exited 0
     * @throws LabException naming the command, its exit code and its stderr otherwise
     */
    public CommandResult orThrow() {
        if (!ok()) {
            throw new LabException(String.join(" ", argv) + ": exit " + exitCode + ": " + stderr.strip());
        }
        return this;
    }
}
