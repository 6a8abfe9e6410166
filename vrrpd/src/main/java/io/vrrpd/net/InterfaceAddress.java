package io.vrrpd.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One address configured on an interface, as rtnetlink reports it.
 *
 * @param ifindex the interface index
 * @param address the local address
 * @param prefixLen the prefix length (0..32 for IPv4, 0..128 for IPv6)
 * @param label the IPv4 label (e.g. {@code eth0:1}), or the empty string when none or IPv6
 * @param secondary true when the kernel flags it IFA_F_SECONDARY (not the primary of its subnet)
 */
public record InterfaceAddress(int ifindex, InetAddress address, int prefixLen, String label, boolean secondary) {
    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(label, "label");
        if (ifindex <= 0) {
            throw new IllegalArgumentException("ifindex must be positive (was " + ifindex + ")");
        }
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLen < 0 || prefixLen > max) {
            throw new IllegalArgumentException("prefix length must be 0.." + max + " (was " + prefixLen + ")");
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLen + (label.isEmpty() ? "" : " label " + label)
                + (secondary ? " secondary" : "");
    }
}
