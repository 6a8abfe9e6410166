package io.vrrpd.hooks.nfs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The replicated volume to mount before serving ({@code mount:}), mount(8) terms.
 *
 * @param device  what to mount, e.g. {@code /dev/drbd0}
 * @param path    where, e.g. {@code /srv/replicated}
 * @param fstype  {@code -t}, e.g. {@code xfs}; null lets mount(8) probe
 * @param options {@code -o}, e.g. {@code noatime}; null for none
 */
public record MountSpec(String device, Path path, String fstype, String options) {
    public MountSpec {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(path, "path");
    }
}
