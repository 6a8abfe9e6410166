package io.vrrpd.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One VRRP instance (keepalived.conf(5) vrrp_instance). Values are effective: defaults and inherited globals
 * (garp timing, smtp_alert, version) are already applied.
 *
 * @param name                instance name
 * @param initialState        state hint (default BACKUP)
 * @param interfaceName       interface the adverts use
 * @param vrid                virtual router id 1..255
 * @param priority            1..255 (default 100; 255 when state MASTER and no priority, as keepalived)
 * @param advertInterval      advertisement interval (default 1 s)
 * @param version             VRRP version 2 (RFC 3768) or 3 (RFC 5798)
 * @param preempt             false with {@code nopreempt} (default true)
 * @param preemptDelay        preempt_delay (default 0)
 * @param auth                VRRPv2 authentication
 * @param virtualIps          virtual_ipaddress, at least one, one address family
 * @param excludedVirtualIps  virtual_ipaddress_excluded (managed but not in adverts)
 * @param trackInterfaces     track_interface
 * @param trackScripts        track_script (names of {@link TrackScript}s)
 * @param trackFiles          track_file (names of {@link TrackFile}s)
 * @param notifications              notify scripts
 * @param smtpAlert           send mail on transitions
 * @param garp                gratuitous ARP timing
 * @param unicastSrcIp        unicast_src_ip
 * @param unicastPeers        unicast_peer { }: when non-empty, adverts are unicast to these
 * @param hooks               {@code hooks:} (YAML only), in the order they run within a phase
 */
public record InstanceConfig(String name, InitialState initialState, String interfaceName, int vrid,
                             int priority, Duration advertInterval, int version, boolean preempt,
                             Duration preemptDelay, Auth auth, List<VirtualIp> virtualIps,
                             List<VirtualIp> excludedVirtualIps, List<Tracked> trackInterfaces,
                             List<Tracked> trackScripts, List<Tracked> trackFiles, Notify notifications,
                             boolean smtpAlert, Garp garp, Optional<InetAddress> unicastSrcIp,
                             List<InetAddress> unicastPeers, List<HookConfig> hooks) {
    /** An instance without hooks (keepalived.conf has none). */
    public InstanceConfig(String name, InitialState initialState, String interfaceName, int vrid,
                          int priority, Duration advertInterval, int version, boolean preempt,
                          Duration preemptDelay, Auth auth, List<VirtualIp> virtualIps,
                          List<VirtualIp> excludedVirtualIps, List<Tracked> trackInterfaces,
                          List<Tracked> trackScripts, List<Tracked> trackFiles, Notify notifications,
                          boolean smtpAlert, Garp garp, Optional<InetAddress> unicastSrcIp,
                          List<InetAddress> unicastPeers) {
        this(name, initialState, interfaceName, vrid, priority, advertInterval, version, preempt, preemptDelay, auth,
                virtualIps, excludedVirtualIps, trackInterfaces, trackScripts, trackFiles, notifications, smtpAlert,
                garp, unicastSrcIp, unicastPeers, List.of());
    }

    public InstanceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid out of range: " + vrid);
        }
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        Objects.requireNonNull(advertInterval, "advertInterval");
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version must be 2 or 3");
        }
        Objects.requireNonNull(preemptDelay, "preemptDelay");
        Objects.requireNonNull(auth, "auth");
        virtualIps = List.copyOf(virtualIps);
        excludedVirtualIps = List.copyOf(excludedVirtualIps);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(garp, "garp");
        Objects.requireNonNull(unicastSrcIp, "unicastSrcIp");
        unicastPeers = List.copyOf(unicastPeers);
        hooks = List.copyOf(hooks);
    }

    /** The same instance with other hooks (a reload that changes only hooks keeps the instance running). */
    public InstanceConfig withHooks(List<HookConfig> other) {
        return new InstanceConfig(name, initialState, interfaceName, vrid, priority, advertInterval, version, preempt,
                preemptDelay, auth, virtualIps, excludedVirtualIps, trackInterfaces, trackScripts, trackFiles,
                notifications, smtpAlert, garp, unicastSrcIp, unicastPeers, other);
    }

    /** @return the advertisement interval in centiseconds, the unit of the VRRPv3 Max Adver Int field */
    public int advertIntervalCentis() {
        return (int) (advertInterval.toMillis() / 10);
    }

    /** @return true when the instance's addresses are IPv6 (VRRPv3 only) */
    public boolean isIpv6() {
        return !virtualIps.isEmpty() && !virtualIps.get(0).isIpv4();
    }
}
