package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One VRRP daemon of either {@link DaemonKind} as the interop scenario drives it: started from a
 * keepalived.conf text, crashed (SIGKILL of the whole process tree, so no priority-0 advert and no VIP
 * removal) and started again with the same config. Unlike {@link BenchDaemon} it waits for a state
 * transition only in the log written after a mark, so the second run's MASTER is never confused with the
 * first's, and its failures are test assertions.
 */
final class InteropRouter {

    private final DaemonKind kind;
    private final Node node;
    private final String instance;
    private final String config;
    private Vrrpd vrrpd;
    private Keepalived keepalived;

    private InteropRouter(DaemonKind kind, Node node, String instance, String config) {
        this.kind = kind;
        this.node = node;
        this.instance = instance;
        this.config = config;
    }

    /** A vrrpd on {@code node} for the vrrp_instance {@code instance} of the keepalived.conf {@code config}. */
    static InteropRouter vrrpd(Node node, String instance, String config) {
        return new InteropRouter(DaemonKind.VRRPD, node, instance, config);
    }

    /** A keepalived on {@code node} for the vrrp_instance {@code instance} of {@code config}. */
    static InteropRouter keepalived(Node node, String instance, String config) {
        return new InteropRouter(DaemonKind.KEEPALIVED, node, instance, config);
    }

    Node node() {
        return node;
    }

    boolean isVrrpd() {
        return kind == DaemonKind.VRRPD;
    }

    /** @return the vrrpd handle (for its status), once started */
    Vrrpd vrrpd() {
        if (!isVrrpd() || vrrpd == null) {
            throw new IllegalStateException(this + " is no started vrrpd");
        }
        return vrrpd;
    }

    /** @return the keepalived handle of the current run, once started */
    Keepalived keepalived() {
        if (isVrrpd() || keepalived == null) {
            throw new IllegalStateException(this + " is no started keepalived");
        }
        return keepalived;
    }

    /** Starts the daemon, or restarts it after {@link #crash()} with the same config. */
    void start() {
        if (isVrrpd()) {
            if (vrrpd == null) {
                vrrpd = Vrrpd.start(node, config);
            } else {
                vrrpd.restart();
            }
        } else {
            // A restart appends to the same log file; logMark() tells the runs apart.
            keepalived = Keepalived.start(node, config);
        }
    }

    /** SIGKILL to the whole process tree (no goodbye advert, no VIP removal), then waits for the exit. */
    void crash() {
        LabProcess p = process();
        List<Long> tree = p.treePids();
        p.killTree(Signal.KILL);
        assertTrue(p.waitFor(Duration.ofSeconds(5)).isPresent(), p + " survived SIGKILL");
        assertTrue(Lab.waitUntil(Duration.ofSeconds(5), () -> tree.stream().noneMatch(
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))),
                p + ": part of the tree survived SIGKILL: " + tree);
    }

    /** @return a position in the log: {@link #awaitAfter} only looks at what comes later */
    int logMark() {
        // Each vrrpd run logs to its own file, so a new run starts at 0.
        return isVrrpd() ? 0 : process().logText().length();
    }

    /**
     * Waits for a transition into {@code state} logged after {@code mark}: vrrpd's
     * {@code (VI_1) BACKUP -> MASTER: ...} or keepalived's {@code (VI_1) Entering MASTER STATE}.
     */
    void awaitAfter(int mark, String state, Duration timeout) {
        String regex = isVrrpd() ? Pattern.quote("(" + instance + ") ") + "\\w+ -> " + state + ":"
                : Pattern.quote("(" + instance + ") Entering " + state + " STATE");
        LabProcess p = process();
        Pattern pattern = Pattern.compile(regex);
        boolean seen = Lab.waitUntil(timeout, () -> {
            String text = p.logText();
            return text.length() > mark && text.substring(mark).lines().anyMatch(l -> pattern.matcher(l).find());
        });
        if (!seen) {
            fail(p + ": no log line /" + regex + "/ within " + timeout.toMillis() + " ms; log ends:\n" + p.tail());
        }
    }

    /** @return the current run's main process (vrrpd's JVM; keepalived's parent) */
    LabProcess process() {
        return isVrrpd() ? vrrpd().process() : keepalived().process();
    }

    /** @return the end of the current run's log, for failure messages */
    String tail() {
        return process().tail();
    }

    @Override
    public String toString() {
        return kind.label() + "@" + node.name();
    }
}
