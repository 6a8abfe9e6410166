package io.vrrpd.lab;

import java.time.Duration;

/**
 * A VRRP daemon of either {@link DaemonKind} on a lab node, started from a keepalived.conf text, which the
 * demo and the benchmark can stop and start again with the same config. A restarted keepalived appends to
 * the same log file; vrrpd gets a new one per run ({@link Vrrpd#restart()}).
 */
public final class BenchDaemon {

    private final DaemonKind kind;
    private final Node node;
    private final String config;
    private Vrrpd vrrpd;
    private Keepalived keepalived;

    private BenchDaemon(DaemonKind kind, Node node, String config) {
        this.kind = kind;
        this.node = node;
        this.config = config;
    }

    /**
     * Starts a daemon on a node.
     *
     * @param kind   vrrpd or keepalived
     * @param node   where
     * @param config a keepalived.conf text (both daemons read it)
     * @return the running daemon
     */
    public static BenchDaemon start(DaemonKind kind, Node node, String config) {
        BenchDaemon d = new BenchDaemon(kind, node, config);
        if (kind == DaemonKind.VRRPD) {
            d.vrrpd = Vrrpd.start(node, config);
        } else {
            d.keepalived = Keepalived.start(node, config);
        }
        return d;
    }

    /** Starts it again after it exited (waits up to 10 s for the old process to be gone). */
    public void restart() {
        if (process().waitFor(Duration.ofSeconds(10)).isEmpty()) {
            throw new LabException(this + " still runs 10 s after it was stopped");
        }
        if (kind == DaemonKind.VRRPD) {
            vrrpd.restart();
        } else {
            keepalived = Keepalived.start(node, config);
        }
    }

    /**
     * Waits for the log line of entering a state (in the current run's log for vrrpd, anywhere in the log
     * for keepalived: call it only before the first restart).
     */
    public String awaitState(String instance, String state, Duration timeout) {
        return kind == DaemonKind.VRRPD ? vrrpd.awaitState(instance, state, timeout)
                : keepalived.awaitState(instance, state, timeout);
    }

    /** @return the daemon's main process (vrrpd's JVM; keepalived's parent, whose child runs VRRP) */
    public LabProcess process() {
        return kind == DaemonKind.VRRPD ? vrrpd.process() : keepalived.process();
    }

    /** @return the vrrpd handle, for vrrpctl */
    public Vrrpd vrrpd() {
        if (vrrpd == null) {
            throw new IllegalStateException(this + " is no vrrpd");
        }
        return vrrpd;
    }

    public DaemonKind kind() {
        return kind;
    }

    public Node node() {
        return node;
    }

    @Override
    public String toString() {
        return kind.label() + "@" + node.name();
    }
}
