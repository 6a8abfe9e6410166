package io.vrrpd.runtime;

import io.vrrpd.config.ConfigException;
import io.vrrpd.config.ConfigLoader;
import io.vrrpd.config.Diagnostic;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.LoadedConfig;
import io.vrrpd.config.Tracked;
import io.vrrpd.config.VrrpdConfig;
import io.vrrpd.control.ControlRequest;
import io.vrrpd.control.ControlResponse;
import io.vrrpd.hooks.ScriptExecutor;
import io.vrrpd.net.AddressManager;
import io.vrrpd.net.AdvertChannel;
import io.vrrpd.net.ArpAnnouncer;
import io.vrrpd.net.InterfaceLookup;
import io.vrrpd.net.LinkMonitor;
import io.vrrpd.net.NeighbourAnnouncer;
import io.vrrpd.net.SystemdNotifier;
import io.vrrpd.net.ThreadScheduler;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: all instances, their sockets, the link monitor, reload and the control commands.
 * State lives on the {@link EventLoop}; this class is the wiring.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");

    /** The operating-system side the daemon drives; {@code net.linux} supplies the real one. */
    public interface Platform extends AutoCloseable {
        AdvertChannel openChannel(String ifname, Optional<Inet4Address> unicastSource, List<Inet4Address> peers)
                throws IOException;

        /** The VRRPv3 IPv6 socket of {@code ifname} (RFC 5798); a platform without IPv6 refuses. */
        default AdvertChannel openChannel6(String ifname, Optional<Inet6Address> unicastSource,
                List<Inet6Address> peers) throws IOException {
            throw new IOException("IPv6 VRRP sockets are not available on this platform");
        }

        /** Unsolicited neighbour advertisements for IPv6 VIPs; a platform without IPv6 refuses each. */
        default NeighbourAnnouncer neighbours() {
            return NoNeighbourAnnouncer.INSTANCE;
        }

        AddressManager addresses();

        ArpAnnouncer arp();

        InterfaceLookup interfaces();

        LinkMonitor links();

        SystemdNotifier systemd();

        /** Sets the event loop's real-time policy; a platform without one leaves the loop as it is. */
        default ThreadScheduler scheduler() {
            return ThreadScheduler.UNCHANGED;
        }

        @Override
        void close();
    }

    private static final String NOT_STARTED = "; NOT started: ";
    private final Path configFile;
    private final Platform platform;
    private final EventLoop loop;
    private final Map<String, InstanceRuntime> instances = new LinkedHashMap<>();
    private final Map<String, InterfacePort> ports = new LinkedHashMap<>();
    private final LinkTracker links;
    private final InstanceHooks hooks;
    private final Tracking tracking;
    private final SyncGroups syncGroups;
    private final SystemdReporter systemdReporter;
    private final LoopScheduling loopScheduling;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startedNanos;
    private VrrpdConfig config;
    private volatile boolean stopping;

    public Daemon(Path configFile, VrrpdConfig config, Platform platform, MonotonicClock clock,
                  InstanceHooks hooks) {
        this.configFile = configFile;
        this.config = config;
        this.platform = platform;
        this.loop = new EventLoop(clock);
        this.hooks = hooks;
        this.links = new LinkTracker(platform, instances, loop::now);
        this.tracking = new Tracking(config, instances, loop, new ScriptExecutor(
                config.globals().scriptUser().orElse(null), config.globals().scriptGroup().orElse(null)),
                hooks::healthChecks, ScriptExecutor.runningAsRoot());
        this.syncGroups = new SyncGroups(loop, instances, hooks::onGroupTransition);
        this.systemdReporter = new SystemdReporter(platform.systemd(), loop,
                new SystemdReporter.StatesLine(instances.values()));
        this.loopScheduling = new LoopScheduling(platform.scheduler(), loop);
        this.startedNanos = clock.nanoTime();
    }

    /** Opens the sockets, clears stale VIPs and starts the elections after {@code vrrp_startup_delay}. */
    public void start() throws Exception {
        // Startup problems come back as a StartupException with a one-line message.
        loop.start();
        platform.links().start(event -> loop.post(() -> links.onLinkEvent(event)));
        StartupException failed = loop.call(() -> {
            loopScheduling.configure(config.globals().realtimePriority());
            for (InstanceConfig ic : config.instances()) {
                try {
                    createInstance(ic);
                } catch (StartupException e) {
                    return e;
                }
            }
            instances.values().forEach(InstanceRuntime::removeStaleVips);
            syncGroups.configure(config.syncGroups());
            long delay = config.globals().vrrpStartupDelay().toNanos();
            long at = loop.now() + delay;
            if (delay > 0) {
                LOG.info("waiting vrrp_startup_delay {} s before starting the elections", delay / 1e9);
            }
            loop.schedule(at, () -> instances.values().forEach(i -> {
                if (!i.started()) {
                    i.start(loop.now());
                }
            }));
            return null;
        }, 10_000);
        if (failed != null) {
            stop();
            throw failed;
        }
        platform.systemd().ready("running " + instances.size() + " VRRP instance(s)");
        systemdReporter.start();
    }

    private void createInstance(InstanceConfig ic) throws StartupException {
        InterfacePort port;
        try {
            port = port(ic);
        } catch (IOException e) {
            throw new StartupException("(" + ic.name() + ") cannot open the VRRP socket on " + ic.interfaceName()
                    + ": " + e.getMessage());
        }
        InstanceRuntime inst = new InstanceRuntime(ic, port, platform.addresses(),
                new VipAnnouncer(platform.arp(), platform.neighbours()), links::ifindexOf, loop, hooks);
        inst.onStateChange((i, t) -> {
            syncGroups.onTransition(i, t);
            tracking.onTransition(i, t);
        });
        hooks.configure(ic);
        port.register(inst);
        instances.put(ic.name(), inst);
        tracking.attach(inst);
        links.refresh(inst, ic.interfaceName());
        for (Tracked t : ic.trackInterfaces()) {
            links.refresh(inst, t.name());
        }
    }

    private InterfacePort port(InstanceConfig ic) throws IOException {
        // One socket per interface, address family and unicast peer list; IPv4 and IPv6 instances on
        // the same interface use separate sockets (RFC 5798 §5.1: separate VRRP routers per family).
        boolean v6 = ic.isIpv6();
        Class<? extends InetAddress> family = v6 ? Inet6Address.class : Inet4Address.class;
        List<InetAddress> peers = ic.unicastPeers().stream().filter(family::isInstance).toList();
        Optional<InetAddress> src = ic.unicastSrcIp().filter(family::isInstance);
        String key = ic.interfaceName() + (v6 ? " ipv6" : "") + (peers.isEmpty() ? ""
                : " unicast " + src.map(Object::toString).orElse("") + " " + peers);
        InterfacePort existing = ports.get(key);
        if (existing != null) {
            return existing;
        }
        AdvertChannel ch = v6
                ? platform.openChannel6(ic.interfaceName(), src.map(Inet6Address.class::cast),
                        peers.stream().map(Inet6Address.class::cast).toList())
                : platform.openChannel(ic.interfaceName(), src.map(Inet4Address.class::cast),
                        peers.stream().map(Inet4Address.class::cast).toList());
        InterfacePort p = new InterfacePort(key, ic.interfaceName(), ch, loop, loopScheduling);
        ports.put(key, p);
        p.start();
        return p;
    }

    // ---- control commands (called on control threads; the work runs on the loop) ----

    /** Answers one control request. */
    public ControlResponse handle(ControlRequest request) {
        if (stopping) {
            // The loop is shutting down or gone: waiting on it would only time out after 5 s.
            return ControlResponse.error(ControlResponse.UNAVAILABLE, "vrrpd is stopping; " + request.command() + " not carried out");
        }
        try {
            switch (request.command()) {
                case "status":
                    return loop.call(() -> ControlResponse.ok("ok", StatusReport.build(this)), 5_000);
                case "failover":
                    return Handover.await(loop.call(() -> Handover.failover(instances, request.instance(),
                            loop.now()), 5_000));
                case "action":
                    return HookActions.await(loop.call(() -> HookActions.start(instances, hooks, request.instance(),
                            request.action()), 5_000), request.action());
                case "resume":
                    return loop.call(() -> Handover.resume(instances, request.instance(), loop.now()),
                            5_000);
                case "reload":
                    return reload();
                default:
                    return ControlResponse.error(ControlResponse.BAD_REQUEST, "unknown command '"
                            + request.command() + "' (status, failover, resume, reload, action)");
            }
        } catch (java.util.concurrent.TimeoutException e) {
            return ControlResponse.error(ControlResponse.TEMPORARY_FAILURE, "vrrpd's event loop did not answer within 5 s; see its log");
        } catch (Exception e) {
            LOG.error("control command {} failed", request.command(), e);
            return ControlResponse.error(ControlResponse.SOFTWARE, request.command() + " failed: " + e);
        }
    }

    /** Re-reads the configuration file; a bad one is refused and the running one stays. */
    public ControlResponse reload() throws Exception {
        platform.systemd().reloading(loop.clock().nanoTime());
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            String errors = e.errors().stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
            LOG.error("reload refused, the running configuration stays:\n{}", errors);
            String note = "last reload refused (" + e.errors().size() + " error(s))";
            loop.call(() -> {
                systemdReporter.reloaded(note);
                return null;
            }, 5_000);
            return ControlResponse.error(ControlResponse.BAD_CONFIG,
                    "reload refused; the running configuration stays. Errors:\n" + errors);
        }
        loaded.warnings().forEach(w -> LOG.warn("{}", w));
        String summary = loop.call(() -> {
            try {
                String s = apply(loaded.config());
                systemdReporter.reloaded(null);
                return s;
            } catch (RuntimeException ex) {
                // READY=1 all the same: systemd would otherwise keep the unit "reloading".
                systemdReporter.reloaded("last reload failed: " + ex.getMessage());
                throw ex;
            }
        }, 10_000);
        if (summary.contains(NOT_STARTED)) {
            // The valid part is applied; the instances that could not open their socket are named.
            return ControlResponse.error(DaemonRunner.OS_ERROR, summary);
        }
        return ControlResponse.ok(summary, null);
    }

    private String apply(VrrpdConfig next) {
        long now = loop.now();
        Map<String, InstanceConfig> wanted = new LinkedHashMap<>();
        next.instances().forEach(i -> wanted.put(i.name(), i));
        int kept = 0;
        int retuned = 0;
        int restarted = 0;
        int removed = 0;
        List<String> failedToStart = new ArrayList<>();
        for (InstanceRuntime old : new ArrayList<>(instances.values())) {
            InstanceConfig n = wanted.get(old.name());
            if (n != null && n.equals(old.config())) {
                kept++; // untouched: same state, same VIPs, no advert missed
            } else if (n != null && n.equals(old.config().withHooks(n.hooks()))) {
                old.rehook(n); // only the hooks changed: new ones apply from the next transition
                hooks.configure(n);
                kept++;
            } else if (n != null && ConfigDiff.onlyPriorityDiffers(old.config().withHooks(n.hooks()), n)) {
                old.retune(n, now);
                hooks.configure(n);
                retuned++;
            } else {
                LOG.info("({}) {} by reload", old.name(), n == null ? "removed" : "restarted (configuration changed)");
                stopInstance(old, now);
                if (n == null) {
                    removed++;
                } else {
                    restarted++;
                }
            }
        }
        int added = -restarted;
        for (InstanceConfig ic : next.instances()) {
            if (instances.containsKey(ic.name())) {
                continue;
            }
            try {
                createInstance(ic);
            } catch (StartupException e) {
                LOG.error("reload: {}", e.getMessage());
                failedToStart.add(e.getMessage());
                continue;
            }
            instances.get(ic.name()).start(now);
            added++;
        }
        config = next;
        loopScheduling.configure(next.globals().realtimePriority());
        tracking.reload(next);
        syncGroups.configure(next.syncGroups());
        hooks.reconfigure(next.globals());
        closeUnusedPorts();
        String summary = "reloaded: " + kept + " unchanged, " + retuned + " new priority, " + restarted
                + " restarted, " + Math.max(added, 0) + " added, " + removed + " removed"
                + (failedToStart.isEmpty() ? "" : NOT_STARTED + String.join("; ", failedToStart));
        LOG.info(summary);
        return summary;
    }

    private void stopInstance(InstanceRuntime inst, long now) {
        inst.shutdown(now);
        if (inst.port() != null) {
            inst.port().unregister(inst);
        }
        instances.remove(inst.name());
        tracking.detach(inst.name());
        hooks.forget(inst.name());
    }

    private void closeUnusedPorts() {
        ports.values().removeIf(p -> {
            if (p.unused()) {
                p.close();
                return true;
            }
            return false;
        });
    }

    // ---- status, stop ----

    Map<String, InstanceRuntime> instances() {
        return instances;
    }

    Map<String, InterfacePort> ports() {
        return ports;
    }

    EventLoop loop() {
        return loop;
    }

    long startedNanos() {
        return startedNanos;
    }

    LoopScheduling loopScheduling() {
        return loopScheduling;
    }

    Path configFile() {
        return configFile;
    }

    /**
     * Stops every instance (a master sends priority 0 and removes its VIPs), then closes the sockets.
     * Safe to call twice and from any thread.
     */
    public void stop() {
        if (stopping) {
            awaitStopped();
            return;
        }
        stopping = true;
        platform.systemd().stopping();
        try {
            loop.call(() -> {
                long now = loop.now();
                for (InstanceRuntime i : new ArrayList<>(instances.values())) {
                    i.shutdown(now);
                }
                return null;
            }, 5_000);
        } catch (Exception e) {
            LOG.error("could not stop the instances cleanly: {}", e.toString());
        }
        tracking.close();
        ports.values().forEach(InterfacePort::close);
        loop.close();
        hooks.close(); // lets the STOP notifications finish (bounded)
        platform.close();
        stopped.countDown();
    }

    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    InstanceHooks hooks() {
        return hooks;
    }
}
