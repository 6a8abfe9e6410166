package io.vrrpd.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.vrrpd.config.ConfigException;
import io.vrrpd.config.ConfigLoader;
import io.vrrpd.control.ControlRequest;
import io.vrrpd.control.ControlResponse;
import io.vrrpd.election.Action;
import io.vrrpd.election.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Several real {@link Daemon}s on one {@link FakeSegment}, driven by a {@link SimClock}. Time moves only
 * in {@link #run}, in 10 ms steps; after each step the cluster settles: every datagram on the wire and
 * every queued event is processed before time moves again. So a 10 s scenario takes well under a second
 * and never depends on how loaded the machine is.
 *
 * <p>A test makes one per test method with {@code @RegisterExtension final SimCluster cluster =
 * SimCluster.perTest();}: JUnit then stops the nodes and deletes the configuration directory after each
 * test, after the test's own {@code @AfterEach} methods.
 */
public final class SimCluster implements AutoCloseable, AfterEachCallback {
    private static final Duration STEP = Duration.ofMillis(10);

    private final SimClock clock = new SimClock();
    private final FakeSegment segment = new FakeSegment(clock);
    private final Path dir;
    private final boolean ownsDir;
    private final List<Node> nodes = new ArrayList<>();

    /** @param dir where the nodes' configuration files are written */
    public SimCluster(Path dir) {
        this(dir, false);
    }

    private SimCluster(Path dir, boolean ownsDir) {
        this.dir = dir;
        this.ownsDir = ownsDir;
    }

    /** A cluster in a fresh temporary directory, to register as a JUnit extension (see the class comment). */
    public static SimCluster perTest() {
        try {
            return new SimCluster(Files.createTempDirectory("simcluster"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every node; deletes the directory if {@link #perTest} made it. */
    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
        if (ownsDir) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    public FakeSegment segment() {
        return segment;
    }

    public SimClock clock() {
        return clock;
    }

    /** The nodes in the order they were made. */
    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** Node {@code i} has eth0 with 192.0.2.1i/24 (node 1 = 192.0.2.11), like the lab. */
    public Node node(int i, String keepalivedConf) {
        return addNode(i, "node-" + i + ".conf", keepalivedConf);
    }

    /** Like {@link #node} with a YAML configuration (vrrpd's own format, e.g. with {@code hooks:}). */
    public Node yamlNode(int i, String yaml) {
        return addNode(i, "node-" + i + ".yaml", yaml);
    }

    /** The file name's ending tells the config loader which format it reads. */
    private Node addNode(int i, String configFileName, String config) {
        Node n = new Node(i, new FakeHost(segment, clock, FakeSegment.v4("192.0.2.1" + i)),
                dir.resolve(configFileName));
        n.writeConfig(config);
        nodes.add(n);
        return n;
    }

    /**
     * Like {@link #yamlNode}, started with the real {@link HookDispatcher}: hook threads run in real time
     * while the daemons run in simulated time, so drive such a cluster with {@link #runWithHooksUntil}.
     */
    public Node startWithHooks(int i, String yaml) {
        Node n = yamlNode(i, yaml);
        return n.start(c -> dispatcher(c, n));
    }

    /** The real dispatcher, with a short slack so a hung test hook is abandoned quickly. */
    static InstanceHooks dispatcher(io.vrrpd.config.VrrpdConfig c, Node n) {
        return new HookDispatcher(c.globals(), n.host().systemd(), io.vrrpd.hooks.HookFactories.installed(),
                new io.vrrpd.hooks.HookRunnerSettings(16, 1024, Duration.ofMillis(100), Duration.ofMillis(100),
                        Duration.ofSeconds(2)));
    }

    /**
     * Runs simulated time in 10 ms steps until {@code done}, sleeping 2 ms of real time after each step so
     * hook threads make progress; {@code invariant} must hold before every step and at the end. Fails after
     * 20 s of real time.
     */
    public void runWithHooksUntil(BooleanSupplier done, BooleanSupplier invariant, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (!invariant.getAsBoolean()) {
                throw new AssertionError("invariant broken while waiting for " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 20 s: " + what);
            }
            run(STEP);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!invariant.getAsBoolean()) {
            throw new AssertionError("invariant broken at " + what);
        }
    }

    /** Advances time by {@code d} in 10 ms steps, settling after each. */
    public void run(Duration d) {
        long steps = d.toNanos() / STEP.toNanos();
        for (long s = 0; s < steps; s++) {
            clock.advance(STEP);
            settle();
        }
    }

    /** Advances time until {@code done} holds; returns the simulated time it took. Fails after {@code max}. */
    public Duration runUntil(BooleanSupplier done, Duration max) {
        long start = clock.nanoTime();
        settle();
        while (!done.getAsBoolean()) {
            if (clock.nanoTime() - start >= max.toNanos()) {
                throw new AssertionError("condition not reached within " + max.toMillis() + " ms of simulated time");
            }
            clock.advance(STEP);
            settle();
        }
        return Duration.ofNanos(clock.nanoTime() - start);
    }

    /**
     * Waits until nothing is left to do at the current instant. Each round: every loop runs its queue and
     * the timers due now, then the frames they sent are delivered and taken by the receivers; rounds repeat
     * until one passes with no activity (frames, link/address events, ARP).
     */
    public void settle() {
        for (int round = 0; round < 10_000; round++) {
            long before = segment.activity();
            awaitQuietWire();
            for (Node n : nodes) {
                n.barrier();
            }
            segment.flush();
            awaitQuietWire();
            if (segment.activity() == before) {
                return;
            }
        }
        throw new AssertionError("the cluster never settled (a message storm?)");
    }

    private void awaitQuietWire() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!segment.quiet()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a receiver thread did not take its datagrams within 5 s");
            }
            LockSupport.parkNanos(20_000); // leave the CPU to the receiver threads (2-core machines)
        }
    }

    @Override
    public void close() {
        for (Node n : nodes) {
            n.stop();
        }
    }

    /** One host and the daemon on it. */
    public final class Node {
        private final int index;
        private final FakeHost host;
        private final Path configFile;
        private final List<Action.Transition> transitions = new CopyOnWriteArrayList<>();
        private final List<Boolean> vipPresentAtTransition = new CopyOnWriteArrayList<>();
        private final List<String> groupTransitions = new CopyOnWriteArrayList<>();
        private Daemon daemon;
        private boolean running;

        private Node(int index, FakeHost host, Path configFile) {
            this.index = index;
            this.host = host;
            this.configFile = configFile;
        }

        public FakeHost host() {
            return host;
        }

        public Path configFile() {
            return configFile;
        }

        public Daemon daemon() {
            return daemon;
        }

        public String address() {
            return "192.0.2.1" + index;
        }

        /** Every sync-group state change the daemon reported, as {@code "G BACKUP -> MASTER"}. */
        public List<String> groupTransitions() {
            return List.copyOf(groupTransitions);
        }

        /** Every transition the daemon reported to its listener (after its wire and address work). */
        public List<Action.Transition> transitions() {
            return List.copyOf(transitions);
        }

        public void writeConfig(String text) {
            try {
                Files.writeString(configFile, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Loads the configuration and starts the daemon at the current simulated time. */
        public Node start() {
            return start(config -> InstanceHooks.NONE);
        }

        /** As {@link #start()}, with hooks offering these health checks (hook name to check) on every instance. */
        public Node start(java.util.Map<String, io.vrrpd.hooks.HealthCheck> healthChecks) {
            return start(config -> new InstanceHooks() {
                @Override
                public void onTransition(InstanceRuntime i, Action.Transition t) {
                }

                @Override
                public java.util.Map<String, io.vrrpd.hooks.HealthCheck> healthChecks(String instance) {
                    return healthChecks;
                }
            });
        }

        /**
         * Starts with the hooks {@code make} builds from the configuration (e.g. the real
         * {@link HookDispatcher}); transitions are still recorded here, as the dispatcher hears them.
         */
        public Node start(java.util.function.Function<io.vrrpd.config.VrrpdConfig, InstanceHooks> make) {
            try {
                io.vrrpd.config.VrrpdConfig config = ConfigLoader.load(configFile).config();
                daemon = new Daemon(configFile, config, host, clock, new RecordingHooks(make.apply(config),
                        (i, t) -> {
                            transitions.add(t);
                            vipPresentAtTransition.add(i.config().virtualIps().stream()
                                    .allMatch(v -> host.has(v.address().getHostAddress())));
                        }, groupTransitions::add));
                daemon.start();
            } catch (ConfigException e) {
                throw new AssertionError("test configuration is invalid: " + e.errors(), e);
            } catch (Exception e) {
                throw new AssertionError("daemon did not start: " + e, e);
            }
            running = true;
            settle();
            return this;
        }

        /** Starts a daemon that is expected to refuse; returns what it threw. */
        public Exception startExpectingFailure() {
            try {
                daemon = new Daemon(configFile, ConfigLoader.load(configFile).config(), host, clock,
                        (i, t) -> transitions.add(t));
                daemon.start();
            } catch (Exception e) {
                return e;
            }
            running = true;
            throw new AssertionError("the daemon started");
        }

        /** For each reported transition: whether all the instance's VIPs were on the host when it was reported. */
        public List<Boolean> vipPresentAtTransition() {
            return List.copyOf(vipPresentAtTransition);
        }

        /** Stops the daemon (idempotent); the cluster settles afterwards. */
        public void stop() {
            if (daemon == null) {
                return;
            }
            running = false;
            daemon.stop();
            settle();
        }

        public ControlResponse handle(String command, String instance) {
            ControlResponse r = daemon.handle(new ControlRequest(command, instance));
            settle();
            return r;
        }

        public JsonNode status(String instance) {
            ControlResponse r = daemon.handle(new ControlRequest("status", null));
            for (JsonNode i : r.body().path("instances")) {
                if (i.path("name").asText().equals(instance)) {
                    return i;
                }
            }
            throw new AssertionError("no instance " + instance + " in status " + r.body());
        }

        public InstanceRuntime instance(String name) {
            try {
                return daemon.loop().call(() -> daemon.instances().get(name), 5_000);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        public State state(String name) {
            try {
                return daemon.loop().call(() -> {
                    InstanceRuntime i = daemon.instances().get(name);
                    return i == null ? null : i.state();
                }, 5_000);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        /**
         * Returns once the loop has run everything queued and every timer due now: the marker is itself a
         * timer due now, so it runs after them (a plain posted task could overtake due timers).
         */
        private void barrier() {
            if (!running) {
                return;
            }
            EventLoop loop = daemon.loop();
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop.post(() -> loop.schedule(clock.nanoTime(), () -> done.complete(null)));
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("node " + index + "'s event loop did not answer", e);
            }
        }
    }
}
