package io.vrrpd.election;

/**
 * The VRRP timer arithmetic, in exact nanoseconds.
 *
 * <p>VRRPv2 (RFC 3768 §6.1): {@code Skew_Time = (256 - Priority) / 256} s and
 * {@code Master_Down_Interval = 3 * Advertisement_Interval + Skew_Time}. One 256th of a second is exactly
 * 3,906,250 ns, so v2 values need no rounding. VRRPv3 (RFC 5798 §6.1):
 * {@code Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256}; with the interval in centiseconds that
 * can leave half a nanosecond, which is truncated (floor), never more than 0.5 ns off.
 */
public final class ElectionTimings {
    private static final long NANOS_PER_CENTI = 10_000_000L;
    private static final long NANOS_PER_256TH_SECOND = 1_000_000_000L / 256;

    private ElectionTimings() {
    }

    /** Converts centiseconds to nanoseconds. */
    public static long centisToNanos(int centis) {
        return centis * NANOS_PER_CENTI;
    }

    /**
     * Skew_Time for a router of the given priority.
     *
     * @param version                    2 or 3
     * @param priority                   the local (effective) priority, 1..255
     * @param masterAdvertIntervalCentis v3 only: Master_Adver_Interval learnt from the master's adverts
     */
    public static long skewNanos(int version, int priority, int masterAdvertIntervalCentis) {
        long weight = 256L - priority;
        if (version == 2) {
            return weight * NANOS_PER_256TH_SECOND;
        }
        return weight * centisToNanos(masterAdvertIntervalCentis) / 256;
    }

    /**
     * Master_Down_Interval: 3 * the (master's, for v3) advertisement interval plus Skew_Time.
     *
     * @param advertIntervalCentis v2: our configured interval (RFC 3768 requires all routers to agree);
     *                             v3: Master_Adver_Interval
     */
    public static long masterDownNanos(int version, int priority, int advertIntervalCentis) {
        return 3 * centisToNanos(advertIntervalCentis) + skewNanos(version, priority, advertIntervalCentis);
    }

    /**
     * keepalived's first master-down timer for {@code state MASTER} (non-owner): one advert interval plus the
     * minimum skew (that of priority 255), so the instance takes over quickly when no master is heard
     * (keepalived 2.2 vrrp_scheduler.c, VRRP_TIMER_SKEW_MIN).
     */
    public static long hintedMasterDownNanos(int version, int advertIntervalCentis) {
        return centisToNanos(advertIntervalCentis) + skewNanos(version, 255, advertIntervalCentis);
    }
}
