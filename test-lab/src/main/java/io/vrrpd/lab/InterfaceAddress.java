package io.vrrpd.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One address on an interface, as {@code ip -o addr show} prints it.
 *
 * @param device       the interface, e.g. {@code eth0}
 * @param family       {@code inet} or {@code inet6}
 * @param address      the address without prefix, e.g. {@code 192.0.2.100}
 * @param prefixLength the prefix length, e.g. 32
 */
public record InterfaceAddress(String device, String family, String address, int prefixLength) {

    /** Validates the family and prefix length. */
    public InterfaceAddress {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(address, "address");
        if (!family.equals("inet") && !family.equals("inet6")) {
            throw new IllegalArgumentException("family must be inet or inet6 (was " + family + ")");
        }
        int max = family.equals("inet") ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length must be 0.." + max + " (was " + prefixLength + ")");
        }
    }

    /**
     * Parses the one-line-per-address output of {@code ip -o addr show}, e.g.
     * {@code 2: eth0    inet 192.0.2.11/24 brd 192.0.2.255 scope global eth0\       valid_lft ...}.
     * Lines that are not address lines are skipped (ip(8) prints nothing else with {@code -o}, but a
     * harness parser must not break on a future column).
     *
     * @param output the command's stdout
     * @return the addresses in output order
     */
    public static List<InterfaceAddress> parseIpOneline(String output) {
        List<InterfaceAddress> result = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            // index, "dev:" (or "dev@peer:" never appears for addr), family, address/prefix, ...
            if (f.length < 4 || !f[0].endsWith(":") || !(f[2].equals("inet") || f[2].equals("inet6"))) {
                continue;
            }
            String device = f[1].endsWith(":") ? f[1].substring(0, f[1].length() - 1) : f[1];
            int at = device.indexOf('@');
            if (at >= 0) {
                device = device.substring(0, at);
            }
            int slash = f[3].indexOf('/');
            String addr = slash < 0 ? f[3] : f[3].substring(0, slash);
            int prefix = slash < 0 ? (f[2].equals("inet") ? 32 : 128) : Integer.parseInt(f[3].substring(slash + 1));
            result.add(new InterfaceAddress(device, f[2], addr, prefix));
        }
        return List.copyOf(result);
    }
}
