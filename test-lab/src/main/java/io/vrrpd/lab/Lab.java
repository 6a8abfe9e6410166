package io.vrrpd.lab;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A throw-away network: a "switch" namespace holding a bridge, and node namespaces each cabled to it by a
 * veth pair ({@code eth0} inside the node, {@code n<i>} on the bridge). Nothing touches the host's own
 * interfaces. The bridge forwards at once and floods multicast (forward_delay 0, STP off, multicast snooping
 * off; ip-link(8) bridge options), so VRRP adverts to 224.0.0.18 reach every node from the first packet.
 *
 * <p>Addresses come from 192.0.2.0/24 (RFC 5737 TEST-NET-1): node i is 192.0.2.(10+i)/24; for IPv6
 * from 2001:db8::/64 (RFC 3849): node i is 2001:db8::(10+i)/64, plus the link-local address the kernel
 * makes (duplicate address detection is off in lab namespaces, so both are usable at once).
 *
 * <p>{@link #close()} always cleans up: it stops every process the lab started (TERM, then KILL after
 * {@link #STOP_GRACE}), kills anything left inside its namespaces, deletes them, and removes the lab's
 * temporary directory unless {@link #markFailed()} was called or the system property
 * {@code vrrpd.lab.keep=true} is set. A JVM shutdown hook closes labs a test forgot, and every new lab first
 * sweeps namespaces of labs whose JVM died ({@link StaleLabSweeper}).
 */
public final class Lab implements AutoCloseable {

    /** How long TERM may take before the lab sends KILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(3);

    /** The lab's subnet; every address the lab hands out is in it. */
    public static final String SUBNET = "192.0.2.0/24";

    private static final String BRIDGE = "br0";
    private static final int MAX_NODES = 200;
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final LabName switchName;
    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();
    private final List<LabProcess> processes = new ArrayList<>();
    private final List<Closer> closers = new ArrayList<>();
    private final Set<String> namespaces = new LinkedHashSet<>();
    private final Thread shutdownHook;
    private boolean failed;
    private boolean closed;

    private Lab(LabName switchName, Path dir) {
        this.switchName = switchName;
        this.dir = dir;
        this.shutdownHook = new Thread(this::close, switchName.labId() + "-shutdown");
    }

    /**
     * Creates a lab with a switch and no nodes, after sweeping stale labs.
     *
     * @return the lab; close it (try-with-resources)
     * @throws LabException if the machine lacks root or tools ({@link LabPrerequisites}) or a command fails;
     *                      whatever was made so far is removed
     */
    public static Lab create() {
        LabPrerequisites.require();
        StaleLabSweeper.sweep();
        LabName sw = new LabName(ProcessHandle.current().pid(), SEQ.incrementAndGet(), "sw");
        Path dir;
        try {
            dir = Files.createTempDirectory(sw.labId() + "-");
        } catch (IOException e) {
            throw new LabException("cannot create the lab directory: " + e.getMessage(), e);
        }
        Lab lab = new Lab(sw, dir);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.addNamespace(sw.toString());
            lab.switchIp("link", "add", BRIDGE, "type", "bridge", "forward_delay", "0", "stp_state", "0",
                    "mcast_snooping", "0");
            lab.switchIp("link", "set", "dev", BRIDGE, "up");
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /**
     * Creates a lab with {@code count} nodes.
     *
     * @param count number of nodes, 1..200
     * @return the lab
     */
    public static Lab create(int count) {
        Lab lab = create();
        try {
            for (int i = 0; i < count; i++) {
                lab.addNode();
            }
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /**
     * Checks that the lab can run here (root, ip, keepalived, tshark, tcpdump).
     *
     * @throws LabException naming what is missing and that scripts/install-lab-deps.sh installs the tools
     */
    public static void requireRoot() {
        LabPrerequisites.require();
    }

    /**
     * Adds a node: a namespace with lo up and eth0 (veth to the bridge) up with 192.0.2.(10+i)/24.
     *
     * @return the new node
     */
    public synchronized Node addNode() {
        ensureOpen();
        int index = nodes.size() + 1;
        if (index > MAX_NODES) {
            throw new LabException("a lab has at most " + MAX_NODES + " nodes");
        }
        String ns = new LabName(switchName.pid(), switchName.seq(), "n" + index).toString();
        String port = "n" + index;
        addNamespace(ns);
        Node node = new Node(this, index, ns, port);
        // Create the pair in the switch namespace and move one end into the node: names never collide
        // with the host's or another lab's interfaces.
        switchIp("link", "add", port, "type", "veth", "peer", "name", Node.ETH0, "netns", ns);
        switchIp("link", "set", "dev", port, "master", BRIDGE, "up");
        node.ip("link", "set", "dev", "lo", "up").orThrow();
        // No duplicate address detection in the lab (RFC 4862 §5.4 would keep eth0's link-local and
        // 2001:db8:: addresses tentative for a second after link up, and the VRRPv3 socket binds the
        // link-local at once); set before eth0 goes up, when the kernel makes the link-local.
        node.run("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                "net.ipv6.conf." + Node.ETH0 + ".accept_dad=0").orThrow();
        node.ip("addr", "add", node.address() + "/24", "dev", Node.ETH0).orThrow();
        node.ip("-6", "addr", "add", node.ipv6Address() + "/64", "dev", Node.ETH0, "nodad").orThrow();
        node.ip("link", "set", "dev", Node.ETH0, "up").orThrow();
        nodes.add(node);
        return node;
    }

    /** @return the nodes in creation order */
    public synchronized List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * @param index 1-based node number
     * @return that node
     */
    public synchronized Node node(int index) {
        if (index < 1 || index > nodes.size()) {
            throw new IllegalArgumentException("no node " + index + " (lab has " + nodes.size() + ")");
        }
        return nodes.get(index - 1);
    }

    /** @return the lab's id, e.g. {@code vrl4242-1}; every namespace name starts with it */
    public String id() {
        return switchName.labId();
    }

    /** @return the namespaces this lab made and has not yet deleted (switch first) */
    public synchronized List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    /** @return the lab's temporary directory: logs, configs, pid files, captures */
    public Path dir() {
        return dir;
    }

    /** @return every process started in this lab, running or not */
    public synchronized List<LabProcess> processes() {
        return List.copyOf(processes);
    }

    /** Keeps the lab directory after close, and says where on stderr: call it when a test fails. */
    public synchronized void markFailed() {
        failed = true;
    }

    /**
     * @param index 1-based node number
     * @return the IPv6 address node {@code index} gets, 2001:db8::(10+index) (the decimal digits read as hex)
     */
    public static String nodeIpv6Address(int index) {
        return "2001:db8::" + (10 + index);
    }

    /**
     * @param index 1-based node number
     * @return the address node {@code index} gets, 192.0.2.(10+index)
     */
    public static String nodeAddress(int index) {
        return "192.0.2." + (10 + index);
    }

    /**
     * Polls a condition every 50 ms.
     *
     * @param timeout   how long to try
     * @param condition what to wait for
     * @return true as soon as it holds, false if it never did within the timeout
     */
    public static boolean waitUntil(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleep(Duration.ofMillis(50));
        }
        return true;
    }

    /** Sleeps, turning an interrupt into a {@link LabException} (with the interrupt flag restored). */
    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    /**
     * Registers a fixture to close before the lab stops its processes, for services that daemonize and are
     * therefore no {@link LabProcess} (a PostgreSQL server started by pg_ctl): they get an orderly stop
     * first instead of the SIGKILL every process left in a namespace gets. Closers run in reverse order of
     * registration; one that throws is reported and the others still run.
     *
     * @param what     a short description for teardown messages, e.g. {@code "postgres on n1"}
     * @param fixture  what to close
     */
    public synchronized void onClose(String what, AutoCloseable fixture) {
        if (closed) {
            throw new LabException("lab " + id() + " is closed; cannot register " + what);
        }
        closers.add(new Closer(what, fixture));
    }

    private record Closer(String what, AutoCloseable fixture) {
    }

    synchronized void register(LabProcess p) {
        if (closed) {
            p.killTree(Signal.KILL);
            throw new LabException("lab " + id() + " is closed; killed " + p);
        }
        processes.add(p);
    }

    void switchIp(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", switchName.toString()));
        argv.addAll(List.of(args));
        CommandRunner.run(CommandRunner.DEFAULT_TIMEOUT, argv).orThrow();
    }

    void switchBridge(String... args) {
        List<String> argv = new ArrayList<>(List.of("bridge", "-n", switchName.toString()));
        argv.addAll(List.of(args));
        CommandRunner.run(CommandRunner.DEFAULT_TIMEOUT, argv).orThrow();
    }

    private void addNamespace(String ns) {
        CommandRunner.check("ip", "netns", "add", ns);
        namespaces.add(ns);
    }

    private void ensureOpen() {
        if (closed) {
            throw new LabException("lab " + id() + " is closed");
        }
    }

    /**
     * Closes the fixtures registered with {@link #onClose}, stops every process (TERM to each process tree,
     * KILL after {@link #STOP_GRACE}), kills whatever else runs in the namespaces, deletes them (nodes first,
     * then the switch) and removes the directory unless the lab failed. Idempotent; never throws, so it
     * cannot hide a test's own failure; problems go to stderr.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Already shutting down (we are the hook), or the hook was never added.
        }
        List<String> problems = new ArrayList<>();
        for (int i = closers.size() - 1; i >= 0; i--) {
            Closer c = closers.get(i);
            try {
                c.fixture().close();
            } catch (Exception e) {
                problems.add(c.what() + ": " + e.getMessage());
            }
        }
        stopProcesses(problems);
        List<String> order = new ArrayList<>(namespaces);
        java.util.Collections.reverse(order);
        for (String ns : order) {
            try {
                StaleLabSweeper.killAllIn(ns);
                CommandResult r = CommandRunner.run("ip", "netns", "delete", ns);
                if (r.ok()) {
                    namespaces.remove(ns);
                } else {
                    problems.add("ip netns delete " + ns + ": " + r.stderr().strip());
                }
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            failed = true;
            System.err.println("lab " + id() + ": teardown problems: " + String.join("; ", problems));
        }
        if (failed || Boolean.getBoolean("vrrpd.lab.keep")) {
            System.err.println("lab " + id() + ": kept logs, configs and captures in " + dir);
        } else {
            deleteTree(dir);
        }
    }

    private void stopProcesses(List<String> problems) {
        Set<Long> pids = new LinkedHashSet<>();
        for (LabProcess p : processes) {
            if (p.isAlive()) {
                pids.addAll(p.treePids());
            }
        }
        if (pids.isEmpty()) {
            return;
        }
        signal(pids, Signal.TERM);
        boolean gone = waitUntil(STOP_GRACE, () -> pids.stream().noneMatch(Lab::alive));
        if (!gone) {
            signal(pids, Signal.KILL);
            if (!waitUntil(Duration.ofSeconds(2), () -> pids.stream().noneMatch(Lab::alive))) {
                problems.add("processes survived SIGKILL: " + pids.stream().filter(Lab::alive).toList());
            }
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void signal(Set<Long> pids, Signal signal) {
        List<String> argv = new ArrayList<>(List.of("kill", "-s", signal.name()));
        pids.stream().filter(Lab::alive).forEach(p -> argv.add(Long.toString(p)));
        if (argv.size() > 3) {
            // Exit status is non-zero if one pid exited meanwhile; the wait that follows is the real check.
            CommandRunner.run(CommandRunner.DEFAULT_TIMEOUT, argv);
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("lab: cannot remove " + root + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Lab " + id() + " (" + nodes.size() + " nodes, dir " + dir + ")";
    }
}
