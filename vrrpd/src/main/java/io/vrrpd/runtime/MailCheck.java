package io.vrrpd.runtime;

import io.vrrpd.config.Globals;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.SyncGroup;
import io.vrrpd.config.VrrpdConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * keepalived silently sends nothing when {@code smtp_alert} is set without a relay or a recipient
 * (core/smtp.c {@code smtp_alert()} returns early). We send nothing either, but say so at start-up: an
 * admin who set smtp_alert expects mail.
 */
final class MailCheck {
    private MailCheck() {
    }

    /** True when an instance or a sync group has smtp_alert. */
    static boolean alerting(VrrpdConfig c) {
        return !alerting(c, new ArrayList<>()).isEmpty();
    }

    private static List<String> alerting(VrrpdConfig c, List<String> names) {
        c.instances().stream().filter(InstanceConfig::smtpAlert).forEach(i -> names.add(i.name()));
        c.syncGroups().stream().filter(SyncGroup::smtpAlert).forEach(g -> names.add("group " + g.name()));
        return names;
    }

    static Optional<String> problem(VrrpdConfig c, boolean mailEnabled) {
        List<String> alerting = alerting(c, new ArrayList<>());
        if (alerting.isEmpty() || mailEnabled) {
            return Optional.empty();
        }
        Globals g = c.globals();
        String missing = g.smtpServer().isEmpty() && g.notificationEmails().isEmpty()
                ? "smtp_server and notification_email" : g.smtpServer().isEmpty() ? "smtp_server" : "notification_email";
        return Optional.of("smtp_alert is set for " + String.join(", ", alerting) + " but no mail will be sent: "
                + missing + " not configured");
    }

    static void warn(VrrpdConfig c, boolean mailEnabled, Logger log) {
        problem(c, mailEnabled).ifPresent(log::warn);
    }
}
