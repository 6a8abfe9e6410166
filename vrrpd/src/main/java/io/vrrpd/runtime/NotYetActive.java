package io.vrrpd.runtime;

import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.Tracked;
import io.vrrpd.config.VrrpdConfig;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Configuration that vrrpd reads and validates but does not act on yet. An admin migrating from
 * keepalived must not believe a health check guards the VIP when it does not, so each one is a WARN at
 * start-up (and in the README's feature table).
 */
final class NotYetActive {
    private NotYetActive() {
    }

    static List<String> find(VrrpdConfig c) {
        List<String> out = new ArrayList<>();
        for (InstanceConfig i : c.instances()) {
            if (!i.trackScripts().isEmpty()) {
                out.add("(" + i.name() + ") track_script is not acted on yet: a failing script will NOT lower"
                        + " the priority or cause FAULT");
            }
            if (!i.trackFiles().isEmpty()) {
                out.add("(" + i.name() + ") track_file is not acted on yet");
            }
            for (Tracked t : i.trackInterfaces()) {
                if (t.weight().isPresent() && t.weight().getAsInt() != 0) {
                    out.add("(" + i.name() + ") track_interface " + t.name() + " weight " + t.weight().getAsInt()
                            + " is treated as FAULT-on-down (weights are not applied yet)");
                }
            }
        }
        if (!c.syncGroups().isEmpty()) {
            out.add("vrrp_sync_group: members fail over independently (group semantics are not applied yet)");
        }
        return out;
    }

    static void warn(VrrpdConfig c, Logger log) {
        find(c).forEach(m -> log.warn("not yet supported: {}", m));
    }
}
