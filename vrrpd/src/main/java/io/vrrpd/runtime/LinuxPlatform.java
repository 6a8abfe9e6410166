package io.vrrpd.runtime;

import io.vrrpd.net.AddressManager;
import io.vrrpd.net.AdvertChannel;
import io.vrrpd.net.ArpAnnouncer;
import io.vrrpd.net.InterfaceLookup;
import io.vrrpd.net.LinkMonitor;
import io.vrrpd.net.NeighbourAnnouncer;
import io.vrrpd.net.SystemdNotifier;
import io.vrrpd.net.ThreadScheduler;
import io.vrrpd.net.linux.IcmpNeighbourAnnouncer;
import io.vrrpd.net.linux.LinuxThreadScheduler;
import io.vrrpd.net.linux.PacketArpAnnouncer;
import io.vrrpd.net.linux.RawAdvert6Channel;
import io.vrrpd.net.linux.RawAdvertChannel;
import io.vrrpd.net.linux.RtnlAddressManager;
import io.vrrpd.net.linux.RtnlInterfaceLookup;
import io.vrrpd.net.linux.RtnlLinkMonitor;
import io.vrrpd.net.linux.UnixSystemdNotifier;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real platform: raw sockets, rtnetlink, AF_PACKET, ICMPv6 and sd_notify from {@code net.linux}.
 * The ICMPv6 socket for neighbour advertisements is opened at start when the host has IPv6, and
 * otherwise on first use, so a host without IPv6 (ipv6.disable=1) still runs its IPv4 instances.
 */
final class LinuxPlatform implements Daemon.Platform {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxPlatform.class);

    private final AddressManager addresses;
    private final ArpAnnouncer arp;
    private final InterfaceLookup interfaces;
    private final LinkMonitor links;
    private final SystemdNotifier systemd;
    private final LazyNeighbourAnnouncer neighbours = new LazyNeighbourAnnouncer(IcmpNeighbourAnnouncer::open);

    private LinuxPlatform(AddressManager addresses, ArpAnnouncer arp, InterfaceLookup interfaces, LinkMonitor links,
                          SystemdNotifier systemd) {
        this.addresses = addresses;
        this.arp = arp;
        this.interfaces = interfaces;
        this.links = links;
        this.systemd = systemd;
    }

    static LinuxPlatform open() throws IOException {
        AddressManager a = null;
        ArpAnnouncer p = null;
        InterfaceLookup l = null;
        try {
            a = RtnlAddressManager.open();
            p = PacketArpAnnouncer.open();
            l = RtnlInterfaceLookup.open();
            LinkMonitor m = RtnlLinkMonitor.open();
            LinuxPlatform platform = new LinuxPlatform(a, p, l, m, UnixSystemdNotifier.fromEnvironment());
            platform.neighbours.tryOpen();
            return platform;
        } catch (IOException | RuntimeException e) {
            closeAll(a, p, l);
            throw e;
        }
    }

    @Override
    public AdvertChannel openChannel(String ifname, Optional<Inet4Address> unicastSource, List<Inet4Address> peers)
            throws IOException {
        if (peers.isEmpty()) {
            return RawAdvertChannel.open(ifname);
        }
        return RawAdvertChannel.open(ifname, unicastSource.orElse(null), peers);
    }

    @Override
    public AdvertChannel openChannel6(String ifname, Optional<Inet6Address> unicastSource, List<Inet6Address> peers)
            throws IOException {
        return RawAdvert6Channel.open(ifname, unicastSource.orElse(null), peers);
    }

    @Override
    public NeighbourAnnouncer neighbours() {
        return neighbours;
    }

    @Override
    public AddressManager addresses() {
        return addresses;
    }

    @Override
    public ArpAnnouncer arp() {
        return arp;
    }

    @Override
    public InterfaceLookup interfaces() {
        return interfaces;
    }

    @Override
    public LinkMonitor links() {
        return links;
    }

    @Override
    public SystemdNotifier systemd() {
        return systemd;
    }

    @Override
    public ThreadScheduler scheduler() {
        return LinuxThreadScheduler.INSTANCE;
    }

    @Override
    public void close() {
        closeAll(links, arp, neighbours, interfaces, addresses);
    }

    private static void closeAll(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
