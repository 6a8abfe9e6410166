package io.vrrpd.runtime;

import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.VirtualIp;
import io.vrrpd.election.ElectionParams;
import io.vrrpd.net.AddressManager;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;

/**
 * The virtual addresses of one instance on the interface: added and removed as the election says,
 * announced to the segment (GARP / unsolicited NA), put back when someone else removed one, and the
 * leftovers of a crashed run cleared at start. Every failure is logged with the address and device, never
 * thrown: one VIP that cannot be added must not cost the others. Event loop only.
 */
final class InstanceVips {
    private final String instance;
    private InstanceConfig config;
    private final AddressManager addresses;
    private final ToIntFunction<String> ifindexOf;
    private final InstanceCounters counters;
    private final RateLimitedLog rateLimited;
    private final EventLoop loop;
    private final Logger log;
    /** The VIPs are on the interface (status: vips_installed). */
    private boolean held;
    /** MASTER without VIPs on purpose (gate, planned release): a RemoveVips then has nothing to remove. */
    private boolean withheld;

    InstanceVips(InstanceConfig config, AddressManager addresses, ToIntFunction<String> ifindexOf,
                 InstanceCounters counters, RateLimitedLog rateLimited, EventLoop loop, Logger log) {
        this.instance = config.name();
        this.config = config;
        this.addresses = addresses;
        this.ifindexOf = ifindexOf;
        this.counters = counters;
        this.rateLimited = rateLimited;
        this.loop = loop;
        this.log = log;
    }

    /** A reload that keeps the instance (priority or hooks changed) swaps the configuration; the VIPs are the same. */
    void reconfigure(InstanceConfig next) {
        config = next;
    }

    boolean held() {
        return held;
    }

    /** The VIPs are kept off the interface on purpose while MASTER (takeover gate, planned release). */
    void withhold() {
        withheld = true;
    }

    /** The takeover hooks succeeded: add the withheld VIPs. */
    void addWithheld() {
        withheld = false;
        addAll();
    }

    /** The MASTER period ended: VIPs withheld and never added need no removal later. */
    void masterPeriodEnded() {
        withheld = withheld && !held;
    }

    /** The election's RemoveVips: removes them unless they were withheld and so never added (or already gone). */
    void removeOnResign() {
        if (withheld && !held) {
            withheld = false; // never added (gate) or already removed (planned release)
        } else {
            removeAll();
        }
    }

    /** Removes VIPs a crashed earlier run left on the interface (not for the address owner: they are its own). */
    void removeStale() {
        if (config.priority() == ElectionParams.OWNER_PRIORITY) {
            return;
        }
        for (VirtualIp vip : all()) {
            try {
                if (addresses.has(vip.dev(), vip.address())) {
                    addresses.delete(vip.dev(), vip.address(), vip.prefixLength());
                    log.warn("({}) removed stale virtual IP {} from {} (left by an earlier run that did not stop cleanly)",
                            instance, vip.address().getHostAddress(), vip.dev());
                }
            } catch (IOException e) {
                log.error("({}) cannot check/remove stale virtual IP {} on {}: {}", instance,
                        vip.address().getHostAddress(), vip.dev(), e.getMessage());
            }
        }
    }

    /** Our VIP was removed by someone else: put it back (keepalived does too). The caller checks we are MASTER. */
    void restore(int ifindex, InetAddress address) {
        for (VirtualIp vip : all()) {
            if (vip.address().equals(address) && ifindexOf.applyAsInt(vip.dev()) == ifindex) {
                log.warn("({}) virtual IP {} was removed from {} behind vrrpd's back; putting it back",
                        instance, address.getHostAddress(), vip.dev());
                counters.vipsRestored++;
                add(vip);
            }
        }
    }

    /** Adds every VIP (the excluded ones too) and marks them held. */
    void addAll() {
        all().forEach(this::add);
        held = true;
    }

    void removeAll() {
        for (VirtualIp vip : all()) {
            try {
                addresses.delete(vip.dev(), vip.address(), vip.prefixLength());
            } catch (IOException e) {
                log.error("({}) cannot remove virtual IP {} from {}: {}", instance, vip.address().getHostAddress(),
                        vip.dev(), e.getMessage());
            }
        }
        held = false;
    }

    /** One GARP / unsolicited NA per virtual_ipaddress (not the excluded ones); {@link GarpScheduler} calls it. */
    void announce(InstanceRuntime.ArpPort arp) {
        for (VirtualIp vip : config.virtualIps()) {
            try {
                arp.announce(vip.dev(), vip.address());
            } catch (IOException e) {
                rateLimited.warn("garp", loop.now(), "(" + instance + ") cannot send "
                        + (vip.isIpv4() ? "gratuitous ARP" : "neighbour advertisement") + " for "
                        + vip.address().getHostAddress() + " on " + vip.dev() + ": " + e.getMessage());
            }
        }
    }

    private List<VirtualIp> all() {
        List<VirtualIp> all = new ArrayList<>(config.virtualIps());
        all.addAll(config.excludedVirtualIps());
        return all;
    }

    private void add(VirtualIp vip) {
        try {
            addresses.add(vip.dev(), vip.address(), vip.prefixLength(), vip.label().orElse(null),
                    vip.broadcast().orElse(null));
        } catch (IOException e) {
            log.error("({}) cannot add virtual IP {}/{} to {}: {}", instance, vip.address().getHostAddress(),
                    vip.prefixLength(), vip.dev(), e.getMessage());
        }
    }
}
