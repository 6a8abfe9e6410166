package io.vrrpd.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Two vrrpd nodes running the seed's database configuration unchanged: node 1 {@code db-primary.conf}
 * (state MASTER, priority 101), node 2 {@code db-standby.conf} (state BACKUP, priority 100), both VI_1,
 * vrid 51, VIP 192.0.2.100 on eth0. A capture on node 2's eth0 sees both nodes' adverts (the bridge
 * floods multicast) and keeps seeing node 2's when node 1's cable is cut.
 *
 * <p>{@link #run(Consumer)} starts the pair with node 1 as master and node 2 as its backup, runs the test
 * body, always closes the lab, and then checks that nothing the test started survived: no namespace of
 * the lab and no process whose command line names the lab's directory (every vrrpd, tcpdump and config
 * lives there), nor any pid the lab started.
 */
public final class SeedPair {

    /** The seed's virtual IP. */
    public static final String VIP = Keepalived.SEED_VIP;
    /** The seed's instance name. */
    public static final String INSTANCE = "VI_1";
    /** How long a JVM may take to start on a loaded two-core machine. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);


    private final Lab lab;
    private final Node n1;
    private final Node n2;
    private final Capture capture;
    private Vrrpd v1;
    private Vrrpd v2;

    private SeedPair(Lab lab) {
        this.lab = lab;
        this.n1 = lab.addNode();
        this.n2 = lab.addNode();
        this.capture = Capture.start(n2, "capture");
    }

    /**
     * Starts node 1, waits for it to become MASTER with the VIP, then node 2 and waits for it to be BACKUP
     * following node 1; runs the body; closes the lab (keeping its directory if the body failed) and checks
     * that nothing survived.
     *
     * @param body the test
     * @throws LabException if the pair cannot start, or if a namespace or process outlived the lab
     */
    public static void run(Consumer<SeedPair> body) {
        Lab lab = Lab.create();
        Set<Long> pids = new LinkedHashSet<>();
        String labId = lab.id();
        Path dir = lab.dir();
        try {
            SeedPair pair = new SeedPair(lab);
            pair.startBoth();
            body.accept(pair);
        } catch (RuntimeException | Error e) {
            lab.markFailed();
            throw e;
        } finally {
            lab.processes().forEach(p -> pids.addAll(p.treePids()));
            lab.close();
        }
        List<String> left = leftovers(labId, dir, pids);
        if (!left.isEmpty()) {
            throw new LabException("survived the lab's close: " + left);
        }
    }

    private void startBoth() {
        v1 = Vrrpd.start(n1, "keepalived.conf", seedConfig("db-primary.conf"));
        v1.awaitState(INSTANCE, "MASTER", START_TIMEOUT);
        if (!Lab.waitUntil(Duration.ofSeconds(5), () -> n1.hasAddress(VIP))) {
            throw new LabException("node 1 is MASTER but has no " + VIP + ": " + n1.addresses());
        }
        v2 = Vrrpd.start(n2, "keepalived.conf", seedConfig("db-standby.conf"));
        v2.awaitState(INSTANCE, "BACKUP", START_TIMEOUT);
        v2.awaitReady(START_TIMEOUT);
        if (!Lab.waitUntil(Duration.ofSeconds(5),
                () -> n1.address().equals(v2.instance(INSTANCE).path("master").asText()))) {
            throw new LabException("node 2 does not follow node 1: " + v2.instance(INSTANCE));
        }
    }

    /** The text of a seed file, e.g. {@code db-primary.conf} (see {@link SeedConfig}). */
    public static String seedConfig(String name) {
        return SeedConfig.read(name);
    }

    /**
     * Namespaces of the lab still listed, and processes still alive that the lab started or whose
     * command line mentions its directory.
     */
    static List<String> leftovers(String labId, Path dir, Set<Long> pids) {
        List<String> left = new ArrayList<>();
        for (String line : CommandRunner.check("ip", "netns", "list").stdout().split("\n")) {
            if (line.startsWith(labId + "-")) {
                left.add("namespace " + line.trim());
            }
        }
        Lab.waitUntil(Duration.ofSeconds(3), () -> pids.stream().noneMatch(SeedPair::alive));
        pids.stream().filter(SeedPair::alive).forEach(p -> left.add("pid " + p));
        String dirText = dir.toString();
        ProcessHandle.allProcesses()
                .filter(h -> h.pid() != ProcessHandle.current().pid())
                .filter(h -> h.info().commandLine().map(c -> c.contains(dirText)).orElse(false))
                .forEach(h -> left.add("pid " + h.pid() + " " + h.info().commandLine().orElse("")));
        return left;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Polls {@code condition} every {@code period} until it holds.
     *
     * @return the time from the call until it held, or empty after the timeout
     */
    public static Optional<Duration> timeUntil(Duration timeout, Duration period, java.util.function.BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
            if (System.nanoTime() - deadline > 0) {
                return Optional.empty();
            }
            Lab.sleep(period);
        }
    }

    /**
     * The first advert from {@code source} strictly after {@code after}, with its priority, from the
     * capture so far.
     */
    public Optional<VrrpAdvert> firstAdvertAfter(Instant after, String source) {
        return capture.vrrpAdverts().stream()
                .filter(a -> a.source().equals(source) && a.time().isAfter(after))
                .findFirst();
    }

    /** Node 1's priority-0 advert and node 2's first advert after it, as captured on node 2. */
    public record Resign(VrrpAdvert resign, VrrpAdvert first, List<VrrpAdvert> wire) {
        /** @return the time between the two: the skew time of node 2 when the handover is right */
        public Duration gap() {
            return Duration.between(resign.time(), first.time());
        }
    }

    /**
     * Finds node 1's priority-0 advert and node 2's answer in the capture (after 300 ms, so the answer is on
     * file); throws an AssertionError naming what is missing.
     */
    public Resign resignOnTheWire() {
        Lab.sleep(Duration.ofMillis(300));
        List<VrrpAdvert> wire = capture.vrrpAdverts();
        VrrpAdvert resign = wire.stream().filter(a -> a.source().equals(n1.address()) && a.priority() == 0)
                .findFirst().orElseThrow(() -> new AssertionError("no priority-0 advert from node 1: " + wire));
        VrrpAdvert first = firstAdvertAfter(resign.time(), n2.address())
                .orElseThrow(() -> new AssertionError("no advert from node 2 after the resign: " + wire));
        return new Resign(resign, first, wire);
    }

    /** @return the status entry of VI_1 on node 1 */
    public JsonNode status1() {
        return v1.instance(INSTANCE);
    }

    /** @return the status entry of VI_1 on node 2 */
    public JsonNode status2() {
        return v2.instance(INSTANCE);
    }

    public Lab lab() {
        return lab;
    }

    public Node n1() {
        return n1;
    }

    public Node n2() {
        return n2;
    }

    public Vrrpd v1() {
        return v1;
    }

    public Vrrpd v2() {
        return v2;
    }

    public Capture capture() {
        return capture;
    }
}
