package io.vrrpd.runtime;

import io.vrrpd.net.InterfaceInfo;
import io.vrrpd.net.LinkEvent;
import io.vrrpd.net.LinkState;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns netlink link and address events into instance faults and VIP repairs: an instance's interface
 * or a tracked interface without carrier (or down, or gone) is a fault; a VIP removed behind a master's
 * back is put back. Runs on the event loop.
 */
final class LinkTracker {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");

    private final Daemon.Platform platform;
    private final Map<String, InstanceRuntime> instances;
    private final MonotonicClock clock;
    private final Map<String, Integer> ifindexCache = new HashMap<>();

    /** @param clock the time the loop task runs at ({@link EventLoop#now()}), which the elections are fed */
    LinkTracker(Daemon.Platform platform, Map<String, InstanceRuntime> instances, MonotonicClock clock) {
        this.platform = platform;
        this.instances = instances;
        this.clock = clock;
    }

    int ifindexOf(String ifname) {
        Integer cached = ifindexCache.get(ifname);
        if (cached != null) {
            return cached;
        }
        try {
            int idx = platform.interfaces().lookup(ifname).map(InterfaceInfo::ifindex).orElse(-1);
            if (idx > 0) {
                ifindexCache.put(ifname, idx);
            }
            return idx;
        } catch (IOException e) {
            return -1;
        }
    }

    void refresh(InstanceRuntime inst, String ifname) {
        long now = clock.nanoTime();
        try {
            Optional<LinkState> st = platform.links().query(ifname);
            applyLink(inst, ifname, st.orElse(null), now);
        } catch (IOException e) {
            inst.raiseFault("link:" + ifname, "cannot query interface " + ifname + ": " + e.getMessage(), now);
        }
    }

    private static void applyLink(InstanceRuntime inst, String ifname, LinkState st, long now) {
        String key = "link:" + ifname;
        String down = st == null ? "interface " + ifname + " does not exist"
                : !st.up() ? "interface " + ifname + " is administratively down"
                : !st.running() ? "interface " + ifname + " has no carrier" : null;
        // A track_interface with a weight moves the priority instead of faulting (keepalived vrrp_track.c,
        // initialise_interface_tracking_priorities); the instance's own interface always faults.
        if (!ifname.equals(inst.config().interfaceName())
                && Tracking.interfaceChanged(inst, ifname, down == null, down == null ? "up" : down, now)) {
            return;
        }
        if (down != null) {
            inst.raiseFault(key, down, now);
        } else {
            inst.clearFault(key, now);
        }
    }

    void onLinkEvent(LinkEvent event) {
        long now = clock.nanoTime();
        if (event instanceof LinkEvent.LinkChanged c) {
            ifindexCache.put(c.state().name(), c.state().ifindex());
            forLink(c.state().name(), inst -> applyLink(inst, c.state().name(), c.state(), now));
        } else if (event instanceof LinkEvent.LinkRemoved r) {
            ifindexCache.remove(r.name());
            forLink(r.name(), inst -> applyLink(inst, r.name(), null, now));
        } else if (event instanceof LinkEvent.AddressRemoved r) {
            instances.values().forEach(i -> i.onAddressRemoved(r.address().ifindex(), r.address().address(), now));
        } else if (event instanceof LinkEvent.Overrun) {
            LOG.warn("netlink notifications were lost; re-reading interface state");
            ifindexCache.clear();
            for (InstanceRuntime inst : instances.values()) {
                refresh(inst, inst.config().interfaceName());
                inst.config().trackInterfaces().forEach(t -> refresh(inst, t.name()));
            }
        }
    }

    private void forLink(String ifname, Consumer<InstanceRuntime> action) {
        for (InstanceRuntime inst : instances.values()) {
            if (inst.config().interfaceName().equals(ifname)
                    || inst.config().trackInterfaces().stream().anyMatch(t -> t.name().equals(ifname))) {
                action.accept(inst);
            }
        }
    }
}
