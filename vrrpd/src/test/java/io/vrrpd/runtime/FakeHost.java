package io.vrrpd.runtime;

import io.vrrpd.net.AddressManager;
import io.vrrpd.net.AdvertChannel;
import io.vrrpd.net.ArpAnnouncer;
import io.vrrpd.net.InterfaceAddress;
import io.vrrpd.net.InterfaceInfo;
import io.vrrpd.net.InterfaceLookup;
import io.vrrpd.net.LinkEvent;
import io.vrrpd.net.LinkMonitor;
import io.vrrpd.net.LinkState;
import io.vrrpd.net.SyscallException;
import io.vrrpd.net.SystemdNotifier;
import io.vrrpd.net.ThreadScheduler;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One host in memory: a single interface {@code eth0} on a {@link FakeSegment}, its address table
 * (idempotent add/delete like rtnetlink, with RTM_NEWADDR/RTM_DELADDR-style events), a carrier the test
 * can cut, a gratuitous-ARP log and the sd_notify messages. Implements {@link Daemon.Platform}.
 */
public final class FakeHost implements Daemon.Platform {
    static final String IFNAME = "eth0";
    static final int IFINDEX = 2;

    /** One gratuitous ARP frame as sent. */
    public record Garp(long nanos, String ifname, Inet4Address vip) {
    }

    private final FakeSegment segment;
    private final SimClock clock;
    private final Inet4Address primary;
    private final Map<InetAddress, Integer> addresses = new LinkedHashMap<>();
    private final List<String> addressLog = new CopyOnWriteArrayList<>();
    private final List<Garp> garps = new CopyOnWriteArrayList<>();
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private final List<String> scheduling = new CopyOnWriteArrayList<>();
    private volatile boolean carrier = true;
    private volatile LinkMonitor.Listener listener;

    FakeHost(FakeSegment segment, SimClock clock, Inet4Address primary) {
        this.segment = segment;
        this.clock = clock;
        this.primary = primary;
        addresses.put(primary, 24);
    }

    Inet4Address primary() {
        return primary;
    }

    boolean carrier() {
        return carrier;
    }

    /** Whether {@code address} is on eth0 now. */
    public synchronized boolean has(String address) {
        return addresses.containsKey(FakeSegment.v4(address));
    }

    /** Every add/delete the daemon asked for, e.g. {@code delete eth0 192.0.2.100/32}. */
    public List<String> addressLog() {
        return List.copyOf(addressLog);
    }

    /** Gratuitous ARP frames for {@code vip}, oldest first. */
    public List<Garp> garps(String vip) {
        Inet4Address a = FakeSegment.v4(vip);
        return garps.stream().filter(g -> g.vip().equals(a)).toList();
    }

    /** sd_notify messages sent so far. */
    public List<String> notifications() {
        return List.copyOf(notifications);
    }

    /** Puts an address on eth0 without telling anyone (a leftover from an earlier run). */
    public synchronized void preload(String address, int prefixLen) {
        addresses.put(FakeSegment.v4(address), prefixLen);
    }

    /** An admin runs {@code ip addr del}: the address goes and the kernel reports RTM_DELADDR. */
    public void removeBehindBack(String address) {
        Inet4Address a = FakeSegment.v4(address);
        Integer prefix;
        synchronized (this) {
            prefix = addresses.remove(a);
        }
        if (prefix != null) {
            fire(new LinkEvent.AddressRemoved(new InterfaceAddress(IFINDEX, a, prefix, "", true)));
        }
    }

    /** Cuts or restores the cable: the kernel reports the carrier change (RTM_NEWLINK). */
    public void setCarrier(boolean on) {
        carrier = on;
        fire(new LinkEvent.LinkChanged(linkState()));
    }

    /** Changes the carrier without an event, as when the kernel dropped the notification (ENOBUFS). */
    public void setCarrierSilently(boolean on) {
        carrier = on;
    }

    /** The monitor reports lost notifications; the daemon must re-read the link state. */
    public void overrun() {
        fire(new LinkEvent.Overrun());
    }

    /** The interface is deleted (RTM_DELLINK). */
    public void removeLink() {
        carrier = false;
        fire(new LinkEvent.LinkRemoved(IFINDEX, IFNAME));
    }

    private LinkState linkState() {
        return new LinkState(IFINDEX, IFNAME, true, carrier, carrier ? "UP" : "LOWERLAYERDOWN");
    }

    private void fire(LinkEvent e) {
        LinkMonitor.Listener l = listener;
        if (l != null) {
            segment.touch();
            l.onEvent(e);
        }
    }

    private static SyscallException noDevice(String call) {
        return new SyscallException(call, 19, "ENODEV", "No such device", null);
    }

    @Override
    public AdvertChannel openChannel(String ifname, Optional<Inet4Address> unicastSource, List<Inet4Address> peers)
            throws IOException {
        if (!IFNAME.equals(ifname)) {
            throw noDevice("if_nametoindex(" + ifname + ")");
        }
        return segment.join(this);
    }

    private final AddressManager addressManager = new AddressManager() {
        @Override
        public void add(String ifname, InetAddress addr, int prefixLen, String label, InetAddress brd)
                throws IOException {
            if (!IFNAME.equals(ifname)) {
                throw noDevice("RTM_NEWADDR " + addr.getHostAddress() + " dev " + ifname);
            }
            segment.touch();
            addressLog.add("add " + ifname + " " + addr.getHostAddress() + "/" + prefixLen);
            boolean added;
            synchronized (FakeHost.this) {
                added = addresses.putIfAbsent(addr, prefixLen) == null;
            }
            if (added) {
                fire(new LinkEvent.AddressAdded(new InterfaceAddress(IFINDEX, addr, prefixLen, "", true)));
            }
        }

        @Override
        public void delete(String ifname, InetAddress addr, int prefixLen) throws IOException {
            if (!IFNAME.equals(ifname)) {
                throw noDevice("RTM_DELADDR " + addr.getHostAddress() + " dev " + ifname);
            }
            segment.touch();
            addressLog.add("delete " + ifname + " " + addr.getHostAddress() + "/" + prefixLen);
            boolean removed;
            synchronized (FakeHost.this) {
                removed = addresses.remove(addr) != null;
            }
            if (removed) {
                fire(new LinkEvent.AddressRemoved(new InterfaceAddress(IFINDEX, addr, prefixLen, "", true)));
            }
        }

        @Override
        public boolean has(String ifname, InetAddress addr) {
            synchronized (FakeHost.this) {
                return IFNAME.equals(ifname) && addresses.containsKey(addr);
            }
        }

        @Override
        public List<InterfaceAddress> list(String ifname) {
            List<InterfaceAddress> out = new ArrayList<>();
            synchronized (FakeHost.this) {
                if (IFNAME.equals(ifname)) {
                    addresses.forEach((a, p) -> out.add(new InterfaceAddress(IFINDEX, a, p, "", !a.equals(primary))));
                }
            }
            return out;
        }

        @Override
        public void close() {
        }
    };

    private final ArpAnnouncer arp = new ArpAnnouncer() {
        @Override
        public void announce(String ifname, Inet4Address vip) {
            segment.touch();
            garps.add(new Garp(clock.nanoTime(), ifname, vip));
        }

        @Override
        public void close() {
        }
    };

    private final InterfaceLookup lookup = new InterfaceLookup() {
        @Override
        public Optional<InterfaceInfo> lookup(String name) {
            if (!IFNAME.equals(name)) {
                return Optional.empty();
            }
            return Optional.of(new InterfaceInfo(IFNAME, IFINDEX, new byte[] {2, 0, 0, 0, 0, 1},
                    Optional.of(primary), linkState()));
        }

        @Override
        public void close() {
        }
    };

    private final LinkMonitor links = new LinkMonitor() {
        @Override
        public void start(Listener l) {
            listener = l;
        }

        @Override
        public Optional<LinkState> query(String ifname) {
            return IFNAME.equals(ifname) ? Optional.of(linkState()) : Optional.empty();
        }

        @Override
        public void close() {
            listener = null;
        }
    };

    private final SystemdNotifier systemd = state -> {
        notifications.add(state);
        return true;
    };

    @Override
    public AddressManager addresses() {
        return addressManager;
    }

    @Override
    public ArpAnnouncer arp() {
        return arp;
    }

    @Override
    public InterfaceLookup interfaces() {
        return lookup;
    }

    @Override
    public LinkMonitor links() {
        return links;
    }

    @Override
    public SystemdNotifier systemd() {
        return systemd;
    }

    /** Grants every policy asked for, and notes it as "thread name:priority". */
    @Override
    public ThreadScheduler scheduler() {
        return priority -> {
            scheduling.add(Thread.currentThread().getName() + ":" + priority);
            return priority > 0 ? ThreadScheduler.Scheduling.realtime(priority) : ThreadScheduler.Scheduling.normal("");
        };
    }

    /** The policies asked for so far, as "thread name:priority". */
    public List<String> schedulingLog() {
        return scheduling;
    }

    @Override
    public void close() {
        links.close();
    }
}
