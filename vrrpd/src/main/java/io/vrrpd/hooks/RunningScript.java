package io.vrrpd.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A started script: waits for it until a deadline, and kills its whole process tree when it overruns. */
final class RunningScript {

    private static final long OUTPUT_DRAIN_MILLIS = 200;

    private final String label;
    private final Process process;
    private final OutputTail out;
    private final OutputTail err;
    private final long startNanos;
    private final Duration killGrace;
    private final ScriptRun notStarted;

    RunningScript(String label, Process process, OutputTail out, OutputTail err, long startNanos,
                  Duration killGrace, ScriptRun notStarted) {
        this.label = label;
        this.process = process;
        this.out = out;
        this.err = err;
        this.startNanos = startNanos;
        this.killGrace = killGrace;
        this.notStarted = notStarted;
    }

    static RunningScript failedToStart(ScriptRun run) {
        return new RunningScript(run.label(), null, null, null, 0, Duration.ZERO, run);
    }

    /**
     * Waits until the script exits or the deadline ({@link System#nanoTime()} based) passes; in the
     * latter case, and on interruption, kills the process tree before returning or throwing.
     */
    ScriptRun await(long deadlineNanos) throws InterruptedException {
        if (notStarted != null) {
            return notStarted;
        }
        boolean exited;
        try {
            exited = process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree();
            throw e;
        }
        if (!exited) {
            killTree();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        // The script may have left a background child holding its stdout: wait only briefly.
        out.awaitEnd(OUTPUT_DRAIN_MILLIS);
        err.awaitEnd(OUTPUT_DRAIN_MILLIS);
        return new ScriptRun(label, exited ? ScriptRun.Status.EXITED : ScriptRun.Status.TIMED_OUT,
                exited ? process.exitValue() : -1, "", out.text(), err.text(), err.lastLine(), took);
    }

    /**
     * Alive and not a zombie. A grandchild orphaned by the script's death is reaped by PID 1, which in a
     * container may take its time; ProcessHandle counts the zombie as alive (proc(5): state Z), and waiting
     * for it would stretch every kill at a timeout by the whole grace.
     */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return h.isAlive();
        }
    }

    /** SIGTERM to the script and its descendants, SIGKILL after the grace to what is left. */
    private void killTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long graceEnd = System.nanoTime() + killGrace.toNanos();
        boolean interrupted = false;
        while (tree.stream().anyMatch(RunningScript::running) && System.nanoTime() < graceEnd) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        // Children forked during the grace are found through the script while it still lives.
        if (process.isAlive()) {
            process.descendants().forEach(tree::add);
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
