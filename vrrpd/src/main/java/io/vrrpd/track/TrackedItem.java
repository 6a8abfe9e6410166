package io.vrrpd.track;

import io.vrrpd.hooks.Health;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing an instance tracks, with its current state and what it does to the instance: a weight on the
 * priority or a FAULT (see {@link Weighting} and {@link TrackFileValue}). Mutable; confined to the event
 * loop.
 */
public final class TrackedItem {

    /** What is tracked. */
    public enum Kind {
        /** A {@code vrrp_script} named in {@code track_script}. */
        SCRIPT("vrrp_script"),
        /** A {@code vrrp_track_file} named in {@code track_file}. */
        FILE("track_file"),
        /** A {@code track_interface} with a weight (without one, a down link is a FAULT as before). */
        INTERFACE("track_interface"),
        /** A hook's {@link io.vrrpd.hooks.HealthCheck}: UNFIT is a FAULT, NO_PREEMPT blocks preemption. */
        HOOK("hook");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The keepalived keyword (or {@code hook}) used in logs and status. */
        public String label() {
            return label;
        }
    }

    /** The state of a good/bad item. */
    public enum Result { UNKNOWN, GOOD, BAD }

    private final Kind kind;
    private final String name;
    private final Weighting weighting;
    private final RiseFall counter;
    private Result result = Result.UNKNOWN;
    private long fileValue;
    private Health health;
    private String detail = "not checked yet";

    /**
     * @param kind      what is tracked
     * @param name      script, file, interface or hook name
     * @param weighting weight and reverse
     * @param counter   the script's shared rise/fall counter (shown in status), or null
     */
    public TrackedItem(Kind kind, String name, Weighting weighting, RiseFall counter) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
        this.weighting = Objects.requireNonNull(weighting, "weighting");
        this.counter = counter;
    }

    /** A good/bad item (script, interface) changed state. */
    public void setResult(boolean good, String detail) {
        this.result = good ? Result.GOOD : Result.BAD;
        this.detail = detail == null ? "" : detail;
    }

    /** A track file's value changed. */
    public void setFileValue(long value, String detail) {
        this.fileValue = value;
        this.result = TrackFileValue.status(value, weighting.weight(), weighting.reverse()) <= TrackFileValue.FAULT
                ? Result.BAD : Result.GOOD;
        this.detail = detail == null ? "" : detail;
    }

    /** A hook health check gave a verdict. */
    public void setHealth(Health health) {
        this.health = Objects.requireNonNull(health, "health");
        this.result = health.status() == Health.Status.UNFIT ? Result.BAD : Result.GOOD;
        this.detail = health.status() + (health.detail().isEmpty() ? "" : ": " + health.detail());
    }

    /** The priority change this item causes now. */
    public int contribution() {
        if (result == Result.UNKNOWN) {
            return 0;
        }
        return switch (kind) {
            case FILE -> weighting.weight() == 0 ? 0 : clampedFileStatus();
            case HOOK -> 0;
            default -> weighting.contribution(result == Result.GOOD);
        };
    }

    private int clampedFileStatus() {
        int status = TrackFileValue.status(fileValue, weighting.weight(), weighting.reverse());
        return status <= TrackFileValue.FAULT ? 0 : status;
    }

    /** The FAULT this item causes now, as a phrase for logs and {@code faults}, or empty. */
    public Optional<String> fault() {
        if (result == Result.UNKNOWN) {
            return Optional.empty();
        }
        boolean faulty = switch (kind) {
            case FILE -> TrackFileValue.status(fileValue, weighting.weight(), weighting.reverse())
                    <= TrackFileValue.FAULT;
            case HOOK -> result == Result.BAD;
            default -> weighting.faults(result == Result.GOOD);
        };
        return faulty ? Optional.of(kind.label() + " " + name + ": " + detail) : Optional.empty();
    }

    /**
     * True while a hook's health check says NO_PREEMPT, and before its first verdict: a node whose service
     * has not been judged yet must not push a live master out (it may still take over a dead one).
     */
    public boolean blocksPreemption() {
        return kind == Kind.HOOK && (health == null || health.status() == Health.Status.NO_PREEMPT);
    }

    /** A key unique per instance, e.g. {@code vrrp_script:chk_haproxy}. */
    public String key() {
        return kind.label() + ":" + name;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public Weighting weighting() {
        return weighting;
    }

    public Result result() {
        return result;
    }

    public String detail() {
        return detail;
    }

    /** The track file's last value (0 for other kinds). */
    public long fileValue() {
        return fileValue;
    }

    /** The shared rise/fall counter of a script, else empty. */
    public Optional<RiseFall> counter() {
        return Optional.ofNullable(counter);
    }
}
