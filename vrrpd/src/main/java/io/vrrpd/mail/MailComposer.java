package io.vrrpd.mail;

import io.vrrpd.hooks.HookResult;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the failover mail. The subject is keepalived's, byte for byte, so the filters and pager rules
 * built on keepalived's mails keep matching (keepalived/core/smtp.c {@code smtp_alert()}:
 * {@code "[%s] VRRP Instance %s - %s"} with router_id, instance name and the event; events from
 * vrrp/vrrp_notify.c {@code vrrp_smtp_notifier()}). The body starts with keepalived's one line and then
 * adds what keepalived leaves out: node, VRID, old and new state, reason, priorities, VIPs, the peer and
 * when it was last heard, and every hook's outcome with its duration.
 */
public final class MailComposer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx",
            Locale.ROOT);

    private final String routerId;
    private final String node;
    private final ZoneId zone;

    /**
     * @param routerId router_id (keepalived defaults it to the host name)
     * @param node     this host's name
     * @param zone     the zone times are written in (the host's, as keepalived's Date header)
     */
    public MailComposer(String routerId, String node, ZoneId zone) {
        this.routerId = routerId;
        this.node = node;
        this.zone = zone;
    }

    /**
     * keepalived's event text for a state entered; empty for states keepalived sends no mail for
     * (INIT, and states outside MASTER/BACKUP/FAULT/STOP).
     */
    public static Optional<String> event(String toState) {
        return switch (toState) {
            case "MASTER" -> Optional.of("Entering MASTER state");
            case "BACKUP" -> Optional.of("Entering BACKUP state");
            case "FAULT" -> Optional.of("Entering FAULT state");
            case "STOP" -> Optional.of("Stopping");
            default -> Optional.empty();
        };
    }

    /** {@code [router_id] VRRP Instance VI_1 - Entering MASTER state} (or {@code VRRP Group G - ...}). */
    public String subject(TransitionMail t) {
        String event = event(t.toState()).orElse("Entering " + t.toState() + " state");
        return "[" + routerId + "] VRRP " + (t.group() ? "Group " : "Instance ") + t.name() + " - " + event;
    }

    /**
     * The body.
     *
     * @param hooks       the transition's hook results (takeover or release, then notify), in run order
     * @param hooksWaited set when the hooks had not finished when the mail could wait no longer
     */
    public String body(TransitionMail t, List<HookResult> hooks, Optional<Duration> hooksWaited) {
        StringBuilder b = new StringBuilder(1024);
        b.append(keepalivedLine(t)).append("\n\n");
        line(b, "node", node + (routerId.equals(node) ? "" : " (router_id " + routerId + ")"));
        line(b, t.group() ? "sync group" : "instance", t.group() ? t.name() : t.name() + " (VRID " + t.vrid() + ")");
        line(b, "transition", t.fromState() + " -> " + t.toState() + (t.planned() ? " (planned handover)" : ""));
        line(b, "reason", t.reason());
        if (!t.group()) {
            line(b, "priority", t.configuredPriority() + " configured, " + t.effectivePriority() + " effective");
            line(b, "virtual IPs", t.virtualIps().isEmpty() ? "none" : String.join(", ", t.virtualIps()));
            line(b, "peer", peer(t));
        }
        line(b, "time", TIME.format(t.at().atZone(zone)));
        b.append('\n');
        if (hooks.isEmpty() && hooksWaited.isEmpty()) {
            b.append("hooks: none ran for this transition\n");
        } else {
            b.append("hooks:\n");
            for (HookResult r : hooks) {
                b.append(String.format(Locale.ROOT, "  %-8s %-20s %-9s %8.3f s  %s%n",
                        r.phase().name().toLowerCase(Locale.ROOT), r.hook(), r.outcome(),
                        r.took().toNanos() / 1e9, r.detail()).stripTrailing()).append('\n');
            }
            hooksWaited.ifPresent(w -> b.append("  (hooks still running after ").append(w.toSeconds())
                    .append(" s; this mail did not wait longer: see vrrpctl status)\n"));
        }
        b.append("\n-- \nvrrpd on ").append(node).append('\n');
        return b.toString();
    }

    private static String peer(TransitionMail t) {
        if (t.peer().isEmpty()) {
            return "none heard";
        }
        return t.peer().get() + t.peerLastHeard()
                .map(d -> String.format(Locale.ROOT, ", last advert %.2f s before the transition", d.toMillis() / 1e3))
                .orElse("");
    }

    private static String keepalivedLine(TransitionMail t) {
        if (t.group()) {
            return switch (t.toState()) {
                case "STOP" -> "=> All VRRP group instances are now stopping <=";
                default -> "=> All VRRP group instances are now in " + t.toState() + " state <=";
            };
        }
        return switch (t.toState()) {
            case "MASTER" -> "=> VRRP Instance is now owning VRRP VIPs <=";
            case "STOP" -> "=> VRRP Instance stopping <=";
            default -> "=> VRRP Instance is no longer owning VRRP VIPs <=";
        };
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(String.format(Locale.ROOT, "%-12s %s%n", key + ":", value));
    }
}
