package io.vrrpd.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One virtual address (keepalived.conf(5) virtual_ipaddress: {@code ADDR[/LEN] [brd ADDR] [dev IF] [label L]}).
 *
 * @param address      the address
 * @param prefixLength 0..32 (IPv4) or 0..128 (IPv6); keepalived's default without /LEN is the full length
 * @param dev          interface to put it on (defaults to the instance's interface)
 * @param label        IPv4 address label ({@code eth0:1})
 * @param broadcast    IPv4 broadcast address
 */
public record VirtualIp(InetAddress address, int prefixLength, String dev, Optional<String> label,
                        Optional<InetAddress> broadcast) {
    public VirtualIp {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(broadcast, "broadcast");
    }

    /** @return true for an IPv4 address */
    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** @return {@code ADDR/LEN [brd B] dev IF [label L]}, the form both config formats accept */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(AddressText.of(address)).append('/').append(prefixLength);
        broadcast.ifPresent(a -> b.append(" brd ").append(AddressText.of(a)));
        b.append(" dev ").append(dev);
        label.ifPresent(l -> b.append(" label ").append(l));
        return b.toString();
    }
}
