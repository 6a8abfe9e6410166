package io.vrrpd.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The both-writable probe (a {@link PgClientMain} JVM in the probe namespace): every
 * {@link #PERIOD} it asks each server's own address whether it accepts a write. {@link #log()} parses the
 * samples so far.
 */
public final class WritableProbe {

    /** The acceptance line's 50 ms. */
    public static final Duration PERIOD = Duration.ofMillis(50);

    private final LabProcess process;

    private WritableProbe(LabProcess process) {
        this.process = process;
    }

    /**
     * @param node    where it runs (a namespace that reaches both nodes' addresses)
     * @param name    process name, unique in the lab
     * @param servers the servers to ask, by their node addresses
     * @return the running probe
     */
    public static WritableProbe start(Node node, String name, List<PostgresServer> servers) {
        List<String> args = new ArrayList<>(List.of("probe", Long.toString(PERIOD.toMillis())));
        servers.forEach(s -> args.add(s.node().address()));
        return new WritableProbe(LabJava.start(node, name, PgClientMain.class, args));
    }

    /** @return the samples so far */
    public ProbeLog log() {
        return ProbeLog.parse(process.logText());
    }

    /**
     * Waits for the first sample in which some server accepted a write (the probe's JVM is up and connected).
     *
     * @param timeout how long to wait
     */
    public void awaitWritableSample(Duration timeout) {
        if (!Lab.waitUntil(timeout, () -> log().oneWritable() > 0)) {
            throw new LabException("probe saw no writable server within " + timeout + "; log ends:\n"
                    + process.tail());
        }
    }

    /** Stops the probe and returns its final log. */
    public ProbeLog stop() {
        if (process.isAlive()) {
            process.kill(Signal.TERM);
            process.waitFor(Duration.ofSeconds(5));
        }
        return log();
    }

    public LabProcess process() {
        return process;
    }
}
