package io.vrrpd.config;

import java.util.Objects;

/**
 * A vrrp_track_file block: a file holding a number that is multiplied by the weight and added to the
 * priority (keepalived.conf(5) "VRRP track files").
 *
 * @param name   block name
 * @param file   path of the file
 * @param weight  multiplier, -254..254 (default 1)
 * @param reverse {@code weight N reverse}: the product is negated
 */
public record TrackFile(String name, String file, int weight, boolean reverse) {

    /** A track file without {@code reverse}. */
    public TrackFile(String name, String file, int weight) {
        this(name, file, weight, false);
    }

    public TrackFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        if (Math.abs(weight) > 254) {
            throw new IllegalArgumentException("weight out of range: " + weight);
        }
    }
}
