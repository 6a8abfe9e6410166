package io.vrrpd.protocol;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;

/**
 * What one configured instance accepts on the wire: the values RFC 3768 §7.1 compares a received advert
 * with.
 *
 * @param vrid                 configured VRID, 1..255
 * @param version              configured VRRP version, 2 or 3
 * @param authType             configured auth type; never {@link AuthType#IP_AH}; {@link AuthType#NONE}
 *                             for v3
 * @param authData             configured 8 octets (zero without authentication)
 * @param advertIntervalCentis local advert interval in centiseconds; only v2 requires received adverts
 *                             to match it (a v3 backup learns the master's interval, RFC 5798 §6.4.2)
 * @param addresses            the configured virtual addresses; copied
 */
public record Expectation(int vrid, int version, AuthType authType, AuthData authData,
                          int advertIntervalCentis, Set<InetAddress> addresses) {

    public Expectation {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid must be 1..255 (was " + vrid + ")");
        }
        if (version != VrrpPacketLayout.VERSION_2 && version != VrrpPacketLayout.VERSION_3) {
            throw new IllegalArgumentException("VRRP version must be 2 or 3 (was " + version + ")");
        }
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(authData, "authData");
        if (authType == AuthType.IP_AH) {
            throw new IllegalArgumentException("IP AH authentication is not supported (RFC 3768 §5.3.6 removed it)");
        }
        if (version == VrrpPacketLayout.VERSION_3 && authType != AuthType.NONE) {
            throw new IllegalArgumentException("VRRPv3 has no authentication (RFC 5798 §9)");
        }
        if (advertIntervalCentis <= 0) {
            throw new IllegalArgumentException("advert interval must be positive (was " + advertIntervalCentis + " cs)");
        }
        addresses = Set.copyOf(addresses);
    }

    /** What an instance that sends {@code advert} accepts from its peers: the same parameters. */
    public static Expectation of(Advertisement advert) {
        return new Expectation(advert.vrid(), advert.version(), advert.authType(), advert.authData(),
                advert.advertIntervalCentis(), Set.copyOf(advert.addresses()));
    }
}
