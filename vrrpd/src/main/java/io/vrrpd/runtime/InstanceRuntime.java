package io.vrrpd.runtime;

import io.vrrpd.config.AddressText;
import io.vrrpd.config.InitialState;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.VirtualIp;
import io.vrrpd.election.Action;
import io.vrrpd.election.ElectionParams;
import io.vrrpd.election.Event;
import io.vrrpd.election.InstanceStateMachine;
import io.vrrpd.election.State;
import io.vrrpd.net.AddressManager;
import io.vrrpd.protocol.AdvertEncoder;
import io.vrrpd.protocol.AdvertValidator;
import io.vrrpd.protocol.Advertisement;
import io.vrrpd.protocol.AuthData;
import io.vrrpd.protocol.AuthType;
import io.vrrpd.protocol.Expectation;
import io.vrrpd.protocol.Outcome;
import io.vrrpd.protocol.PseudoHeader;
import io.vrrpd.protocol.ReceivedAdvert;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running VRRP instance: its election, its side of the wire, its VIPs and counters. Lives on the
 * event loop; every method is called there. It performs the election's actions in the order the
 * election guarantees (see {@link Action}).
 */
final class InstanceRuntime {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");
    static final InetAddress VRRP_GROUP = address("224.0.0.18");
    /** RFC 5798 §5.1.2.2: the IPv6 multicast address of VRRP. */
    static final InetAddress VRRP_GROUP_V6 = address("ff02::12");

    /** What happens on a transition besides the wire: hooks, notify scripts. */
    interface TransitionListener {
        void onTransition(InstanceRuntime instance, Action.Transition transition);
    }

    private InstanceConfig config;
    private final InstanceStateMachine machine;
    private final AdvertValidator validator;
    private final AdvertEncoder encoder = new AdvertEncoder();
    private final ByteBuffer tx = ByteBuffer.allocateDirect(1500);
    private final InterfacePort port;
    private final AddressManager addresses;
    private final GarpScheduler garp;
    private final EventLoop loop;
    private final TransitionListener listener;
    private final ToIntFunction<String> ifindexOf;
    private final List<Action.Transition> pendingTransitions = new ArrayList<>(2);
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG);
    private final Map<String, String> faults = new LinkedHashMap<>();
    final InstanceCounters counters = new InstanceCounters();
    private Advertisement advert;
    private PseudoHeader pseudoHeader;
    private EventLoop.Timer wake;
    private long stateSinceNanos;
    private Action.Transition lastTransition;
    private long lastTransitionNanos;
    private boolean vipsHeld;
    private boolean started;

    InstanceRuntime(InstanceConfig config, InterfacePort port, AddressManager addresses, ArpPort arp,
                    ToIntFunction<String> ifindexOf, EventLoop loop, TransitionListener listener) {
        this.config = config;
        this.ifindexOf = ifindexOf;
        this.port = port;
        this.addresses = addresses;
        this.loop = loop;
        this.listener = listener;
        InetAddress primary = config.unicastSrcIp().orElse(port.primaryAddress());
        this.machine = new InstanceStateMachine(new ElectionParams(config.name(), config.vrid(), config.priority(),
                config.advertIntervalCentis(), config.preempt(), config.preemptDelay().toNanos(), primary,
                config.version(), config.initialState() == InitialState.MASTER ? State.MASTER : State.BACKUP));
        List<InetAddress> vips = new ArrayList<>();
        config.virtualIps().forEach(v -> vips.add(v.address()));
        boolean pass = config.auth().type() == io.vrrpd.config.AuthType.PASS;
        this.advert = new Advertisement(config.version(), config.vrid(), config.priority(),
                pass ? AuthType.SIMPLE_TEXT : AuthType.NONE,
                pass ? AuthData.ofPassword(config.auth().password()) : AuthData.ZERO,
                config.advertIntervalCentis(), vips);
        this.validator = new AdvertValidator(Expectation.of(advert));
        if (config.version() == 3) {
            InetAddress dst = config.unicastPeers().isEmpty()
                    ? (config.isIpv6() ? VRRP_GROUP_V6 : VRRP_GROUP) : config.unicastPeers().get(0);
            this.pseudoHeader = PseudoHeader.of(primary, dst);
        }
        this.garp = new GarpScheduler(loop, config.garp(), () -> announceVips(arp));
        // Encoded once here, unsent, and the takeover rehearsed on a copy of the election: a backup's first
        // advert at takeover must not pay for loading and interpreting that code for the first time.
        encodeAdvert();
        TakeoverRehearsal.run(machine.params(), config.isIpv6() ? VRRP_GROUP_V6 : VRRP_GROUP);
        // In INIT (e.g. during vrrp_startup_delay) "time in state" counts from creation, not from nanoTime's origin.
        this.stateSinceNanos = loop.clock().nanoTime();
    }

    /**
     * Announces a VIP to the segment: gratuitous ARP for IPv4, an unsolicited neighbour advertisement
     * for IPv6 (RFC 5798 §8.2.3, in the GARP schedule's place); kept tiny so tests can count frames.
     */
    interface ArpPort {
        void announce(String ifname, InetAddress vip) throws IOException;
    }

    String name() {
        return config.name();
    }

    InstanceConfig config() {
        return config;
    }

    InterfacePort port() {
        return port;
    }

    InstanceStateMachine machine() {
        return machine;
    }

    State state() {
        return machine.state();
    }

    long stateSinceNanos() {
        return stateSinceNanos;
    }

    Optional<Action.Transition> lastTransition() {
        return Optional.ofNullable(lastTransition);
    }

    long lastTransitionNanos() {
        return lastTransitionNanos;
    }

    Map<String, String> faults() {
        return faults;
    }

    boolean vipsHeld() {
        return vipsHeld;
    }

    /** Removes VIPs a crashed earlier run left on the interface (not for the address owner: they are its own). */
    void removeStaleVips() {
        if (config.priority() == ElectionParams.OWNER_PRIORITY) {
            return;
        }
        for (VirtualIp vip : allVips()) {
            try {
                if (addresses.has(vip.dev(), vip.address())) {
                    addresses.delete(vip.dev(), vip.address(), vip.prefixLength());
                    LOG.warn("({}) removed stale virtual IP {} from {} (left by an earlier run that did not stop cleanly)",
                            name(), vip.address().getHostAddress(), vip.dev());
                }
            } catch (IOException e) {
                LOG.error("({}) cannot check/remove stale virtual IP {} on {}: {}", name(),
                        vip.address().getHostAddress(), vip.dev(), e.getMessage());
            }
        }
    }

    void start(long now) {
        started = true;
        stateSinceNanos = now;
        apply(machine.onEvent(new Event.Startup(), now), now);
        if (!faults.isEmpty()) {
            apply(machine.onEvent(new Event.FaultRaised(faultSummary()), now), now);
        }
    }

    boolean started() {
        return started;
    }

    /** A datagram for this instance's VRID arrived (IP header included). */
    void onDatagram(ByteBuffer datagram, long now) {
        Outcome<ReceivedAdvert> outcome = validator.validate(datagram);
        if (outcome instanceof Outcome.Dropped<ReceivedAdvert> d) {
            counters.drop(d.reason());
            rateLimited.warn("drop:" + d.reason(), now, "(" + name() + ") ignored advert from "
                    + sourceOf(datagram) + ": " + d.detail() + " [" + d.reason().counterName() + "]");
            return;
        }
        ReceivedAdvert r = ((Outcome.Ok<ReceivedAdvert>) outcome).value();
        counters.advertsReceived++;
        if (!r.addressListMatches()) {
            rateLimited.warn("owner-list", now, "(" + name() + ") address owner " + AddressText.of(r.source())
                    + " advertises other virtual IPs than ours; check both configurations (RFC 3768 §7.1)");
        }
        if (!started) {
            return;
        }
        apply(machine.onEvent(new Event.AdvertReceived(r.source(), r.advert().priority(),
                r.advert().advertIntervalCentis()), now), now);
    }

    private static String sourceOf(ByteBuffer d) {
        if (d.remaining() >= 40 && (d.get(d.position()) & 0xf0) == 0x60) {
            byte[] a = new byte[16];
            d.duplicate().position(d.position() + 8).get(a);
            return AddressText.of(address(a));
        }
        if (d.remaining() < 20) {
            return "?";
        }
        int p = d.position() + 12;
        return (d.get(p) & 0xff) + "." + (d.get(p + 1) & 0xff) + "." + (d.get(p + 2) & 0xff) + "."
                + (d.get(p + 3) & 0xff);
    }

    /** A fault source appeared (interface down, tracked interface down...). */
    void raiseFault(String key, String reason, long now) {
        boolean was = !faults.isEmpty();
        faults.put(key, reason);
        if (!was && started) {
            apply(machine.onEvent(new Event.FaultRaised(reason), now), now);
        }
    }

    void clearFault(String key, long now) {
        if (faults.remove(key) != null && faults.isEmpty() && started) {
            apply(machine.onEvent(new Event.FaultCleared(), now), now);
        }
    }

    private String faultSummary() {
        return String.join("; ", faults.values());
    }

    /** vrrpctl failover: empty when carried out, else why not. */
    Optional<String> failover(long now) {
        Optional<String> refusal = machine.handoverRefusal();
        if (refusal.isPresent()) {
            return refusal;
        }
        apply(machine.onEvent(new Event.HandoverRequested(), now), now);
        return Optional.empty();
    }

    /** vrrpctl resume: whether a hold was released. */
    boolean resume(long now) {
        boolean held = machine.handoverHold();
        apply(machine.onEvent(new Event.HandoverReleased(), now), now);
        return held;
    }

    /** A reload changed only the priority: keep state and VIPs, advertise the new value. */
    void retune(InstanceConfig next, long now) {
        LOG.info("({}) priority {} -> {} (reload)", name(), config.priority(), next.priority());
        config = next;
        apply(machine.onEvent(new Event.PriorityChanged(next.priority()), now), now);
    }

    /** Stops the instance: a master resigns with priority 0 and removes its VIPs. */
    void shutdown(long now) {
        apply(machine.onEvent(new Event.Shutdown(), now), now);
        garp.cancel();
        if (wake != null) {
            wake.cancel();
        }
        if (vipsHeld) {
            removeVips(); // never leave a VIP behind, whatever the election said
        }
    }

    /** Our VIP was removed by someone else while we are master: put it back (keepalived does too). */
    void onAddressRemoved(int ifindex, InetAddress address, long now) {
        if (!vipsHeld || machine.state() != State.MASTER) {
            return;
        }
        for (VirtualIp vip : allVips()) {
            if (vip.address().equals(address) && ifindexOf.applyAsInt(vip.dev()) == ifindex) {
                LOG.warn("({}) virtual IP {} was removed from {} behind vrrpd's back; putting it back",
                        name(), address.getHostAddress(), vip.dev());
                counters.vipsRestored++;
                addVip(vip);
            }
        }
    }

    private void tick() {
        long now = loop.clock().nanoTime();
        apply(machine.onEvent(new Event.Tick(), now), now);
    }

    void apply(List<Action> actions, long now) {
        for (Action a : actions) {
            if (a instanceof Action.SendAdvert s) {
                sendAdvert(s.priority(), now);
            } else if (a instanceof Action.WakeAt w) {
                if (wake != null) {
                    wake.cancel();
                    wake = null;
                }
                if (w.deadlineNanos() != Long.MAX_VALUE) {
                    wake = loop.schedule(w.deadlineNanos(), this::tick);
                }
            } else if (a instanceof Action.AddVips) {
                allVips().forEach(this::addVip);
                vipsHeld = true;
            } else if (a instanceof Action.RemoveVips) {
                garp.cancel();
                removeVips();
            } else if (a instanceof Action.SendGarp) {
                garp.start(now);
            } else if (a instanceof Action.Transition t) {
                transition(t, now);
            }
        }
        // Hooks and notify scripts hear of a transition only once its wire and address work is done,
        // so notify_master never runs before the VIP is on the interface.
        if (!pendingTransitions.isEmpty()) {
            List<Action.Transition> done = List.copyOf(pendingTransitions);
            pendingTransitions.clear();
            done.forEach(t -> listener.onTransition(this, t));
        }
    }

    private void transition(Action.Transition t, long now) {
        counters.transitions++;
        if (t.to() == State.MASTER) {
            counters.becameMaster++;
        }
        stateSinceNanos = now;
        lastTransition = t;
        lastTransitionNanos = now;
        LOG.info("({}) {} -> {}: {}", name(), t.from(), t.to(), t.reason());
        pendingTransitions.add(t);
    }

    private void sendAdvert(int priority, long now) {
        if (advert.priority() != priority) {
            advert = advert.withPriority(priority);
        }
        encodeAdvert();
        try {
            port.send(tx);
            counters.advertsSent++;
        } catch (IOException e) {
            counters.sendErrors++;
            rateLimited.warn("send", now, "(" + name() + ") cannot send advert on " + config.interfaceName()
                    + ": " + e.getMessage());
        }
    }

    private void encodeAdvert() {
        tx.clear();
        if (pseudoHeader != null) {
            encoder.encode(advert, pseudoHeader, tx);
        } else {
            encoder.encode(advert, tx);
        }
        tx.flip();
    }

    private List<VirtualIp> allVips() {
        List<VirtualIp> all = new ArrayList<>(config.virtualIps());
        all.addAll(config.excludedVirtualIps());
        return all;
    }

    private void addVip(VirtualIp vip) {
        try {
            addresses.add(vip.dev(), vip.address(), vip.prefixLength(), vip.label().orElse(null),
                    vip.broadcast().orElse(null));
        } catch (IOException e) {
            LOG.error("({}) cannot add virtual IP {}/{} to {}: {}", name(), vip.address().getHostAddress(),
                    vip.prefixLength(), vip.dev(), e.getMessage());
        }
    }

    private void removeVips() {
        for (VirtualIp vip : allVips()) {
            try {
                addresses.delete(vip.dev(), vip.address(), vip.prefixLength());
            } catch (IOException e) {
                LOG.error("({}) cannot remove virtual IP {} from {}: {}", name(), vip.address().getHostAddress(),
                        vip.dev(), e.getMessage());
            }
        }
        vipsHeld = false;
    }

    private void announceVips(ArpPort arp) {
        for (VirtualIp vip : config.virtualIps()) {
            try {
                arp.announce(vip.dev(), vip.address());
            } catch (IOException e) {
                rateLimited.warn("garp", loop.clock().nanoTime(), "(" + name() + ") cannot send "
                        + (vip.isIpv4() ? "gratuitous ARP" : "neighbour advertisement") + " for "
                        + vip.address().getHostAddress() + " on " + vip.dev() + ": " + e.getMessage());
            }
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress address(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
