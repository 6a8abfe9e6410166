package io.vrrpd.protocol;

/**
 * Why a received datagram was not accepted as an advertisement for an instance: one constant per
 * receive check of RFC 3768 §7.1, plus two for datagrams that are not usable VRRP at all.
 * {@link #counterName()} is stable and meant for counters ({@code vrrpctl status}) and JSON.
 */
public enum DropReason {
    /** The IP header is malformed: too short, neither IPv4 nor IPv6, bad IHL. */
    IP_HEADER("ip_header"),
    /** The IP protocol is not 112. */
    NOT_VRRP("not_vrrp"),
    /** TTL (IPv4) or hop limit (IPv6) is not 255 (§7.1; RFC 5798 §7.1). */
    TTL("ttl"),
    /** VRRP version is not the one configured (§7.1). */
    VERSION("version"),
    /** Type is not 1, advertisement (§5.3.2). */
    TYPE("type"),
    /** Shorter than the header, addresses beyond the packet, or IP total/payload length mismatch (§7.1). */
    LENGTH("length"),
    /** The VRRP checksum does not verify (§7.1). */
    CHECKSUM("checksum"),
    /** VRID not configured here (§7.1). */
    VRID("vrid"),
    /** Auth type differs from the configured one, or is unknown or IP AH (§7.1, §5.3.6). */
    AUTH_TYPE("auth_type"),
    /** Simple-text password differs (§7.1, §5.3.6.2). */
    AUTH_DATA("auth_data"),
    /** Address list differs from the configured one and the sender is not the owner (§7.1). */
    ADDRESS_LIST("address_list"),
    /** Advertisement interval differs from the local one (§7.1, VRRPv2). */
    ADVERT_INTERVAL("advert_interval");

    private final String counterName;

    DropReason(String counterName) {
        this.counterName = counterName;
    }

    /** Short, stable, lower-case name for counters and JSON, e.g. {@code auth_data}. */
    public String counterName() {
        return counterName;
    }
}
