package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running process the lab started inside a node's namespace (a VRRP daemon, a capture). Its stdout and
 * stderr go to one log file in the lab's directory, which a test can read while it runs. {@code ip netns exec}
 * execs the command in place, so {@link #pid()} is the command's own pid. The lab stops it on close.
 */
public final class LabProcess {

    private static final int LOG_TAIL_CHARS = 4000;

    private final String name;
    private final Node node;
    private final List<String> argv;
    private final Process process;
    private final Path log;

    LabProcess(String name, Node node, List<String> argv, Process process, Path log) {
        this.name = name;
        this.node = node;
        this.argv = List.copyOf(argv);
        this.process = process;
        this.log = log;
    }

    /** @return the name given at start, unique within the lab, e.g. {@code "keepalived"} */
    public String name() {
        return name;
    }

    /** @return the node whose namespace it runs in */
    public Node node() {
        return node;
    }

    /** @return the command line, without the {@code ip netns exec} prefix */
    public List<String> argv() {
        return argv;
    }

    /** @return the process id (in the host's pid namespace; the lab shares it) */
    public long pid() {
        return process.pid();
    }

    /** @return pids of this process and of every descendant alive now (keepalived's VRRP child, ...) */
    public List<Long> treePids() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.toHandle().descendants().forEach(h -> pids.add(h.pid()));
        return List.copyOf(pids);
    }

    /** @return true while the process runs (a STOPped process is alive) */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends a signal to this process only. Daemons with children (keepalived forks its VRRP child) react
     * to TERM themselves; for a crash of the whole daemon use {@link #killTree(Signal)}.
     *
     * @param signal the signal
     * @throws LabException if {@code kill} fails while the process is still alive
     */
    public void kill(Signal signal) {
        signalPids(List.of(process.pid()), signal);
    }

    /**
     * Sends a signal to this process and every descendant at once: a SIGKILL of the tree is a crash in
     * which no child gets to send a goodbye, SIGSTOP of the tree is a hung daemon.
     *
     * @param signal the signal
     */
    public void killTree(Signal signal) {
        List<Long> pids = new ArrayList<>(treePids());
        // Children first: keepalived's VRRP child gets SIGTERM (PR_SET_PDEATHSIG) when its parent dies and
        // would then send a priority-0 goodbye; signalling it before the parent leaves it no time for one.
        java.util.Collections.reverse(pids);
        signalPids(pids, signal);
    }

    private void signalPids(List<Long> pids, Signal signal) {
        List<String> argv = new ArrayList<>(List.of("kill", "-s", signal.name()));
        pids.forEach(p -> argv.add(Long.toString(p)));
        CommandResult r = CommandRunner.run(CommandRunner.DEFAULT_TIMEOUT, argv);
        // A process that exited between the snapshot and the kill is not an error: it is what we wanted.
        if (!r.ok() && process.isAlive()) {
            r.orThrow();
        }
    }

    /**
     * Waits for the process to exit.
     *
     * @param timeout how long to wait
     * @return its exit code, or empty if it still runs after the timeout
     */
    public OptionalInt waitFor(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalInt.of(process.exitValue());
            }
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(name + ": interrupted waiting for exit", e);
        }
    }

    /** @return the log file (stdout and stderr, interleaved as written) */
    public Path log() {
        return log;
    }

    /** @return the whole log so far (empty before the first write) */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new LabException(name + ": cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    /** @return true if the log so far contains the text */
    public boolean logContains(String text) {
        return logText().contains(text);
    }

    /**
     * Polls the log (every 50 ms) until a line matches.
     *
     * @param regex   a {@link Pattern} searched for in each line
     * @param timeout how long to wait
     * @return the first matching line
     * @throws LabException with the log's tail if no line matches in time
     */
    public String awaitLog(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> line = firstMatch(pattern);
            if (line.isPresent()) {
                return line.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new LabException(name + " on " + node.name() + ": no log line matched /" + regex + "/ within "
                        + timeout.toMillis() + " ms" + (isAlive() ? "" : " (process exited)") + "; log "
                        + log + " ends:\n" + tail());
            }
            Lab.sleep(Duration.ofMillis(50));
        }
    }

    private Optional<String> firstMatch(Pattern pattern) {
        for (String line : logText().split("\n", -1)) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** @return the last few thousand characters of the log, for failure messages */
    public String tail() {
        String text = logText();
        return text.length() <= LOG_TAIL_CHARS ? text : text.substring(text.length() - LOG_TAIL_CHARS);
    }

    @Override
    public String toString() {
        return name + "@" + node.name() + "[pid " + pid() + "]";
    }
}
