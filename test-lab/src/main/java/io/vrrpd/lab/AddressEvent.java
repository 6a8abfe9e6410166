package io.vrrpd.lab;

import java.time.Instant;
import java.util.Objects;

/**
 * One address change as {@code ip -ts monitor address} printed it.
 *
 * @param time    the monitor's timestamp (when ip read the netlink message; CLOCK_REALTIME, like pcap times)
 * @param added   true for RTM_NEWADDR, false for a {@code Deleted} line (RTM_DELADDR)
 * @param device  the interface, e.g. {@code eth0}
 * @param address the address without prefix, e.g. {@code 192.0.2.100}
 */
public record AddressEvent(Instant time, boolean added, String device, String address) {

    /** Rejects nulls. */
    public AddressEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(address, "address");
    }
}
