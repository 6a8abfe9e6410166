package io.vrrpd.runtime;

import io.vrrpd.config.InstanceConfig;
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
            if (i.smtpAlert()) {
                out.add("(" + i.name() + ") smtp_alert: failover email is not sent yet");
            }
        }
        return out;
    }

    static void warn(VrrpdConfig c, Logger log) {
        find(c).forEach(m -> log.warn("not yet supported: {}", m));
    }
}
