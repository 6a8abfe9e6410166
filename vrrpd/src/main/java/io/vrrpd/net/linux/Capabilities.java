package io.vrrpd.net.linux;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two capabilities vrrpd needs, checked in the effective set before anything is opened, so that a
 * daemon started without them stops with one line naming what is missing instead of failing later (the
 * raw socket at start, or worse the first VIP it adds at 3 a.m.). The set is read from the
 * {@code CapEff:} line of {@code /proc/self/status} (proc(5)); bit numbers are those of
 * linux/capability.h.
 */
public final class Capabilities {

    /** A capability vrrpd needs, with what it is for. */
    public enum Needed {
        /** Adds and removes the virtual IPs over rtnetlink (RTM_NEWADDR/RTM_DELADDR, rtnetlink(7)). */
        CAP_NET_ADMIN(12, "to add and remove the virtual IPs"),
        /** Opens the raw IP socket for protocol 112 and the AF_PACKET socket for gratuitous ARP (raw(7), packet(7)). */
        CAP_NET_RAW(13, "for the raw VRRP socket and gratuitous ARP");

        private final int bit;
        private final String purpose;

        Needed(int bit, String purpose) {
            this.bit = bit;
            this.purpose = purpose;
        }

        /** @return what vrrpd uses it for */
        public String purpose() {
            return purpose;
        }
    }

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private Capabilities() {
    }

    /**
     * @param procStatus the text of a {@code /proc/PID/status} file
     * @return the needed capabilities missing from its {@code CapEff:} mask; empty when there is no such line
     *         (not Linux, or a kernel that hides it: the system calls then say what they lack)
     */
    public static List<Needed> missing(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapEff:")) {
                BigInteger mask = new BigInteger(line.substring("CapEff:".length()).trim(), 16);
                List<Needed> out = new ArrayList<>();
                for (Needed n : Needed.values()) {
                    if (!mask.testBit(n.bit)) {
                        out.add(n);
                    }
                }
                return out;
            }
        }
        return List.of();
    }

    /** @return the needed capabilities this process lacks now (empty when /proc cannot be read) */
    public static List<Needed> missingNow() {
        try {
            return missing(Files.readString(PROC_STATUS, StandardCharsets.US_ASCII));
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /**
     * One line for the admin, e.g. {@code missing capability CAP_NET_RAW (for the raw VRRP socket and
     * gratuitous ARP); run vrrpd as root or with CAP_NET_ADMIN and CAP_NET_RAW ...}.
     *
     * @param missing a non-empty list from {@link #missing}
     */
    public static String message(List<Needed> missing) {
        String what = missing.stream().map(n -> n.name() + " (" + n.purpose() + ")").collect(Collectors.joining(", "));
        return "missing capabilit" + (missing.size() == 1 ? "y " : "ies ") + what
                + "; run vrrpd as root or with CAP_NET_ADMIN and CAP_NET_RAW in its effective set"
                + " (vrrpd.service grants them with AmbientCapabilities=)";
    }
}
