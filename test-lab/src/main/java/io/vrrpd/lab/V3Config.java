package io.vrrpd.lab;

import java.time.Duration;

/**
 * keepalived.conf text for a VRRPv3 pair in the lab, read unchanged by keepalived 2.2.7 and by vrrpd: the
 * seed's database instance (priority 101 on the primary, 100 on the standby, no authentication, which
 * VRRPv3 does not have, RFC 5798 §9) with {@code version 3} and a sub-second {@code advert_int}, over IPv4
 * (VIP 192.0.2.100) or IPv6 (VIP 2001:db8::100, adverts from the link-local address to ff02::12).
 */
public final class V3Config {
    /** The IPv4 VIP, as the seed's. */
    public static final String VIP4 = Keepalived.SEED_VIP;
    /** The IPv6 VIP (RFC 3849 documentation prefix). */
    public static final String VIP6 = "2001:db8::100";

    private V3Config() {
    }

    /** @return the instance name: VI_1 for IPv4 (as the seed), VI_6 for IPv6 */
    public static String instance(boolean ipv6) {
        return ipv6 ? "VI_6" : "VI_1";
    }

    /** @return the VRID: 51 for IPv4 (as the seed), 61 for IPv6 */
    public static int vrid(boolean ipv6) {
        return ipv6 ? 61 : 51;
    }

    /** @return the VIP of the family */
    public static String vip(boolean ipv6) {
        return ipv6 ? VIP6 : VIP4;
    }

    /**
     * RFC 5798 §6.1 with keepalived's arithmetic (microseconds, truncated): 3 x advert_int + skew, skew =
     * (256 - priority) x advert_int / 256.
     *
     * @param priority     the backup's priority
     * @param advertCentis advert_int in centiseconds
     * @return Master_Down_Interval
     */
    public static Duration masterDown(int priority, int advertCentis) {
        long micros = advertCentis * 10_000L;
        return Duration.ofNanos((3 * micros + (256 - priority) * micros / 256) * 1000);
    }

    /**
     * @param ipv6         IPv6 instance (VI_6) or IPv4 (VI_1)
     * @param state        {@code MASTER} or {@code BACKUP} (a start-up hint)
     * @param priority     1..254
     * @param advertCentis advert_int in centiseconds, 1..4095
     * @return the keepalived.conf text
     */
    public static String conf(boolean ipv6, String state, int priority, int advertCentis) {
        return GLOBAL + instanceBlock(ipv6, state, priority, advertCentis);
    }

    /**
     * @return a keepalived.conf with both instances, VI_1 (IPv4) and VI_6 (IPv6), as {@link #conf} writes them
     */
    public static String confBoth(String state, int priority, int advertCentis) {
        return GLOBAL + instanceBlock(false, state, priority, advertCentis)
                + instanceBlock(true, state, priority, advertCentis);
    }

    private static final String GLOBAL = """
            global_defs {
            router_id LAB_V3
            vrrp_version 3
            }
            """;

    private static String instanceBlock(boolean ipv6, String state, int priority, int advertCentis) {
        String vip = ipv6 ? VIP6 + "/128" : VIP4 + "/32";
        return """
                vrrp_instance %s {
                state %s
                interface eth0
                virtual_router_id %d
                priority %d
                advert_int %s
                version 3
                virtual_ipaddress {
                %s dev eth0
                }
                }
                """.formatted(instance(ipv6), state, vrid(ipv6), priority, seconds(advertCentis), vip);
    }

    private static String seconds(int centis) {
        return centis % 100 == 0 ? Integer.toString(centis / 100)
                : java.math.BigDecimal.valueOf(centis, 2).stripTrailingZeros().toPlainString();
    }
}
