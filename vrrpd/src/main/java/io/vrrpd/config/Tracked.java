package io.vrrpd.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A reference from an instance to something it tracks: an interface (track_interface), a vrrp_script
 * (track_script) or a vrrp_track_file (track_file), with an optional {@code weight} that overrides the
 * tracked object's own weight. Without a weight, a failed interface puts the instance in FAULT.
 *
 * @param name   interface, script or track-file name
 * @param weight  -253..253 when given
 * @param reverse {@code weight N reverse} (true) or {@code weight N noreverse} (false); empty: the tracked
 *                object's own setting (keepalived's alloc_track_script)
 */
public record Tracked(String name, OptionalInt weight, Optional<Boolean> reverse) {

    /** An entry without {@code reverse}/{@code noreverse}. */
    public Tracked(String name, OptionalInt weight) {
        this(name, weight, Optional.empty());
    }

    public Tracked {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(reverse, "reverse");
        if (weight.isPresent() && Math.abs(weight.getAsInt()) > 253) {
            throw new IllegalArgumentException("weight out of range: " + weight.getAsInt());
        }
    }
}
