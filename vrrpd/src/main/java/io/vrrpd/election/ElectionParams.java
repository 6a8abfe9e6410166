package io.vrrpd.election;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The configuration one {@link InstanceStateMachine} needs, validated once.
 *
 * @param instance             instance name, used in log reasons only (e.g. {@code VI_1})
 * @param vrid                 virtual router id, 1..255 (RFC 3768 §5.3.3)
 * @param priority             configured priority, 1..255; 255 means address owner (RFC 3768 §5.3.4)
 * @param advertIntervalCentis our advertisement interval in centiseconds; v2 carries whole seconds on the
 *                             wire (the config layer enforces that), v3 carries 1..4095 centiseconds
 *                             (RFC 5798 §5.2.7)
 * @param preempt              keepalived's inverse of {@code nopreempt}; an owner preempts regardless
 *                             (RFC 3768 §6.1)
 * @param preemptDelayNanos    keepalived's {@code preempt_delay}; 0 for none
 * @param primaryAddress       our source address, compared for the equal-priority tie-break (RFC 3768 §6.4.3)
 * @param version              VRRP version, 2 (RFC 3768) or 3 (RFC 5798)
 * @param initialHint          keepalived's {@code state}: BACKUP or MASTER; a hint only, see
 *                             {@link InstanceStateMachine}
 */
public record ElectionParams(String instance, int vrid, int priority, int advertIntervalCentis, boolean preempt,
                             long preemptDelayNanos, InetAddress primaryAddress, int version, State initialHint) {

    /** The priority of the router that owns the virtual addresses (RFC 3768 §5.3.4). */
    public static final int OWNER_PRIORITY = 255;

    /** Validates every field; the messages name the field and the bad value. */
    public ElectionParams {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(primaryAddress, "primaryAddress");
        Objects.requireNonNull(initialHint, "initialHint");
        if (instance.isBlank()) {
            throw new IllegalArgumentException("instance name must not be blank");
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid must be 1..255 (was " + vrid + ")");
        }
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException("priority must be 1..255 (was " + priority + ")");
        }
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version must be 2 or 3 (was " + version + ")");
        }
        int maxCentis = version == 2 ? 255 * 100 : 4095;
        if (advertIntervalCentis < 1 || advertIntervalCentis > maxCentis) {
            throw new IllegalArgumentException("advertIntervalCentis must be 1.." + maxCentis + " for VRRPv"
                    + version + " (was " + advertIntervalCentis + ")");
        }
        if (preemptDelayNanos < 0) {
            throw new IllegalArgumentException("preemptDelayNanos must be >= 0 (was " + preemptDelayNanos + ")");
        }
        if (initialHint != State.BACKUP && initialHint != State.MASTER) {
            throw new IllegalArgumentException("initialHint must be BACKUP or MASTER (was " + initialHint + ")");
        }
    }

    /** True for the address owner (priority 255), which becomes MASTER at once and always preempts. */
    public boolean isOwner() {
        return priority == OWNER_PRIORITY;
    }

    /** Our advertisement interval in nanoseconds. */
    public long advertIntervalNanos() {
        return ElectionTimings.centisToNanos(advertIntervalCentis);
    }
}
