package io.vrrpd.net;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;

/**
 * Identity of one interface: what adverts and gratuitous ARP need.
 *
 * @param name interface name
 * @param ifindex interface index
 * @param mac hardware address (6 bytes for Ethernet; empty for loopback-like devices)
 * @param primaryIpv4 the primary (first non-secondary) IPv4 address, if any
 * @param state the link state at lookup time
 */
public record InterfaceInfo(String name, int ifindex, byte[] mac, Optional<Inet4Address> primaryIpv4, LinkState state) {
    public InterfaceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primaryIpv4, "primaryIpv4");
        Objects.requireNonNull(state, "state");
        mac = mac.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceInfo other && name.equals(other.name) && ifindex == other.ifindex
                && java.util.Arrays.equals(mac, other.mac) && primaryIpv4.equals(other.primaryIpv4)
                && state.equals(other.state);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, ifindex, java.util.Arrays.hashCode(mac), primaryIpv4, state);
    }

    /** The MAC as {@code aa:bb:cc:dd:ee:ff}. */
    public String macText() {
        StringBuilder sb = new StringBuilder();
        for (byte b : mac) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }
}
