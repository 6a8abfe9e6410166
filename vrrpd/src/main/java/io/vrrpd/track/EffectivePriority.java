package io.vrrpd.track;

/**
 * keepalived's effective priority (vrrp_track.c, vrrp_set_effective_priority): the configured priority
 * plus every tracked weight, clamped to 1..254 so a tracked node can neither resign (0) nor claim to own the
 * addresses (255). The address owner (255) is never changed: its weights are ignored, only weight-0 faults
 * act on it.
 */
public final class EffectivePriority {
    private EffectivePriority() {
    }

    /**
     * @param base  the configured priority, 1..255
     * @param total the sum of the tracked items' contributions
     * @return the priority to advertise and elect with
     */
    public static int of(int base, int total) {
        if (base == 255) {
            return 255;
        }
        long sum = (long) base + total;
        return (int) Math.max(1, Math.min(254, sum));
    }
}
