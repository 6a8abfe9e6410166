package io.vrrpd.protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement, as sent or as received (RFC 3768 §5.3).
 *
 * <p>The interval is kept in centiseconds so that VRRPv3 (RFC 5798 §5.2.7, 12-bit Max Adver Int in
 * centiseconds) and VRRPv2 (whole seconds, stored times 100) share the record.
 *
 * @param version              VRRP version, 2 (RFC 3768) or 3 (RFC 5798)
 * @param vrid                 virtual router id, 1..255
 * @param priority             0 (master stopping) .. 255 (address owner)
 * @param authType             VRRPv2 auth type; always {@link AuthType#NONE} for v3
 * @param authData             8 octets; zero unless {@code authType} is {@link AuthType#SIMPLE_TEXT}
 * @param advertIntervalCentis advert interval in centiseconds; v2: a multiple of 100, 1..255 s;
 *                             v3: 1..4095
 * @param addresses            the virtual addresses, at most 255; copied. v2: IPv4; v3: all IPv4 or
 *                             all IPv6
 */
public record Advertisement(
        int version,
        int vrid,
        int priority,
        AuthType authType,
        AuthData authData,
        int advertIntervalCentis,
        List<InetAddress> addresses) {

    /** Centiseconds per VRRPv2 interval unit. */
    public static final int CENTIS_PER_SECOND = 100;
    /** The address count is one octet (RFC 3768 §5.3.5). */
    public static final int MAX_ADDRESSES = 255;

    public Advertisement {
        if (version != VrrpPacketLayout.VERSION_2 && version != VrrpPacketLayout.VERSION_3) {
            throw new IllegalArgumentException("VRRP version must be 2 or 3 (was " + version + ")");
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid must be 1..255 (was " + vrid + ")");
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority must be 0..255 (was " + priority + ")");
        }
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(authData, "authData");
        if (authType == AuthType.NONE && !authData.isZero()) {
            throw new IllegalArgumentException("auth data must be zero when auth type is none");
        }
        addresses = List.copyOf(addresses);
        if (addresses.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("at most " + MAX_ADDRESSES + " addresses (was " + addresses.size() + ")");
        }
        if (version == VrrpPacketLayout.VERSION_2) {
            if (advertIntervalCentis % CENTIS_PER_SECOND != 0
                    || advertIntervalCentis < CENTIS_PER_SECOND
                    || advertIntervalCentis > 255 * CENTIS_PER_SECOND) {
                throw new IllegalArgumentException(
                        "VRRPv2 advert interval must be whole seconds 1..255 (was " + advertIntervalCentis + " cs)");
            }
            for (InetAddress a : addresses) {
                if (!(a instanceof Inet4Address)) {
                    throw new IllegalArgumentException("VRRPv2 carries IPv4 addresses only (was " + a.getHostAddress() + ")");
                }
            }
        } else {
            if (authType != AuthType.NONE) {
                throw new IllegalArgumentException("VRRPv3 has no authentication (RFC 5798 §9)");
            }
            if (advertIntervalCentis < 1 || advertIntervalCentis > VrrpPacketLayout.V3_MAX_ADVER_INT_MASK) {
                throw new IllegalArgumentException(
                        "VRRPv3 advert interval must be 1..4095 cs (was " + advertIntervalCentis + ")");
            }
            for (InetAddress a : addresses) {
                if (a.getClass() != addresses.get(0).getClass()) {
                    throw new IllegalArgumentException("VRRPv3 addresses must all be IPv4 or all IPv6");
                }
            }
        }
    }

    /**
     * A VRRPv2 advert with simple-text authentication.
     *
     * @param password 1..8 octets, zero-padded (see {@link AuthData#ofPassword(String)})
     */
    public static Advertisement v2WithPassword(int vrid, int priority, int advertIntervalSeconds,
                                               String password, List<? extends InetAddress> addresses) {
        return new Advertisement(VrrpPacketLayout.VERSION_2, vrid, priority, AuthType.SIMPLE_TEXT,
                AuthData.ofPassword(password), secondsToCentis(advertIntervalSeconds), List.copyOf(addresses));
    }

    /** A VRRPv2 advert without authentication. */
    public static Advertisement v2NoAuth(int vrid, int priority, int advertIntervalSeconds,
                                         List<? extends InetAddress> addresses) {
        return new Advertisement(VrrpPacketLayout.VERSION_2, vrid, priority, AuthType.NONE,
                AuthData.ZERO, secondsToCentis(advertIntervalSeconds), List.copyOf(addresses));
    }

    /** A VRRPv3 advert (RFC 5798): no authentication, interval in centiseconds. */
    public static Advertisement v3(int vrid, int priority, int advertIntervalCentis,
                                   List<? extends InetAddress> addresses) {
        return new Advertisement(VrrpPacketLayout.VERSION_3, vrid, priority, AuthType.NONE, AuthData.ZERO,
                advertIntervalCentis, List.copyOf(addresses));
    }

    /** True when the addresses are IPv6 (VRRPv3 only). */
    public boolean isIpv6() {
        return !addresses.isEmpty() && !(addresses.get(0) instanceof Inet4Address);
    }

    /**
     * The same advert with another priority, e.g. 0 when the master stops (RFC 3768 §6.4.3). The
     * address list instance is shared, so an {@link AdvertEncoder} reuses its cached address octets.
     */
    public Advertisement withPriority(int newPriority) {
        return new Advertisement(version, vrid, newPriority, authType, authData, advertIntervalCentis, addresses);
    }

    /** The interval in whole seconds, as VRRPv2 carries it (rounded down for v3). */
    public int advertIntervalSeconds() {
        return advertIntervalCentis / CENTIS_PER_SECOND;
    }

    private static int secondsToCentis(int seconds) {
        if (seconds < 1 || seconds > 255) {
            throw new IllegalArgumentException("VRRPv2 advert interval must be 1..255 s (was " + seconds + ")");
        }
        return seconds * CENTIS_PER_SECOND;
    }
}
