package io.vrrpd.lab;

import java.time.Duration;
import java.util.List;

/**
 * Busy loops in a node's namespace, to load the machine while a daemon has to keep its advert timing: one
 * shell {@code while :; do :; done} per loop, at normal priority like the daemons, all under
 * {@code timeout -s KILL}, so they end on their own even if nobody stops them (timeout(1) signals its whole
 * process group). {@link #stop()} kills them earlier; the lab kills them on close as well.
 */
public final class CpuBurner implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final LabProcess process;
    private final long startedNanos;

    private CpuBurner(LabProcess process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /**
     * @param node  where to run the loops
     * @param loops how many busy loops (one per core saturates the machine)
     * @param limit how long they may run at most
     * @return the running burner
     */
    public static CpuBurner start(Node node, int loops, Duration limit) {
        if (loops < 1 || loops > 16) {
            throw new IllegalArgumentException("loops must be 1..16 (was " + loops + ")");
        }
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < loops; i++) {
            script.append("(while :; do :; done) & ");
        }
        script.append("wait");
        long seconds = Math.max(1, limit.toSeconds());
        LabProcess p = node.start("cpuburn", List.of("timeout", "-s", "KILL", Long.toString(seconds), "sh", "-c",
                script.toString()));
        return new CpuBurner(p, System.nanoTime());
    }

    /**
     * Kills the loops (their whole tree) and waits for the burner to be gone. Idempotent.
     *
     * @return the CPU time the loops used, summed over the tree, measured just before the kill (zero if
     *         it had already ended)
     */
    public Duration stop() {
        Duration cpu = cpuTime();
        if (process.isAlive()) {
            process.killTree(Signal.KILL);
            process.waitFor(STOP_TIMEOUT);
        }
        return cpu;
    }

    /** @return how long since the loops were started */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private Duration cpuTime() {
        return process.treePids().stream()
                .map(pid -> ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public void close() {
        stop();
    }
}
