package io.vrrpd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders the status document for a person at a terminal (the JSON form is for scripts). */
final class StatusText {
    private StatusText() {
    }

    static String render(JsonNode body) {
        StringBuilder b = new StringBuilder();
        for (JsonNode i : body.path("instances")) {
            b.append(String.format("%-12s %-7s vrid %-3d %-8s priority %d",
                    i.path("name").asText(), i.path("state").asText(), i.path("vrid").asInt(),
                    i.path("interface").asText(), i.path("priority").asInt()));
            if (i.path("effective_priority").asInt() != i.path("priority").asInt()) {
                b.append(" (effective ").append(i.path("effective_priority").asInt()).append(')');
            }
            b.append('\n');
            List<String> vips = new ArrayList<>();
            i.path("virtual_ips").forEach(v -> vips.add(v.asText()));
            b.append("  virtual IPs: ").append(String.join(", ", vips))
                    .append(i.path("vips_installed").asBoolean() ? " (on this node)" : " (not on this node)")
                    .append('\n');
            b.append("  master: ");
            if (i.path("master").isNull()) {
                b.append("unknown");
            } else {
                b.append(i.path("master").asText());
                if ("MASTER".equals(i.path("state").asText())) {
                    b.append(" (this node)");
                } else if (!i.path("master_last_heard_seconds_ago").isNull()) {
                    b.append(", last heard ")
                            .append(ControlCommands.duration(i.path("master_last_heard_seconds_ago").asDouble()))
                            .append(" ago");
                }
            }
            b.append("; in ").append(i.path("state").asText()).append(" for ")
                    .append(ControlCommands.duration(i.path("in_state_seconds").asDouble())).append('\n');
            if (i.path("handover_hold").asBoolean()) {
                b.append("  HOLD: handed over by 'vrrpctl failover'; will not preempt until 'vrrpctl resume'\n");
            }
            if (i.path("preemption_blocked").asBoolean()) {
                b.append("  NO PREEMPT: a hook's health check forbids taking over from a live master\n");
            }
            for (JsonNode f : i.path("faults")) {
                b.append("  FAULT: ").append(f.asText()).append('\n');
            }
            for (JsonNode t : i.path("tracked")) {
                b.append("  track ").append(t.path("kind").asText()).append(' ').append(t.path("name").asText())
                        .append(": ").append(t.path("state").asText());
                if (t.has("weight")) {
                    b.append(", weight ").append(t.path("weight").asInt())
                            .append(t.path("reverse").asBoolean() ? " reverse" : "");
                }
                int change = t.path("priority_change").asInt();
                if (change != 0) {
                    b.append(", priority ").append(change > 0 ? "+" : "").append(change);
                }
                if (t.has("rise")) {
                    b.append(", rise/fall ").append(t.path("rise").asInt()).append('/').append(t.path("fall").asInt())
                            .append(" (counter ").append(t.path("result").asInt()).append(')');
                }
                if (!t.path("detail").asText().isEmpty()) {
                    b.append(" - ").append(t.path("detail").asText());
                }
                b.append('\n');
            }
            if (hasHookFault(i.path("fault_sources"))) {
                b.append("  (a hook fault stays until 'vrrpctl resume ").append(i.path("name").asText())
                        .append("' or the hook's health check passes)\n");
            }
            if (i.path("takeover_pending").asBoolean()) {
                b.append("  TAKEOVER: master on the wire, waiting for takeover hooks before adding the VIPs\n");
            }
            if (i.path("handover_pending").asBoolean()) {
                b.append("  HANDOVER: VIPs removed, release hooks running; priority 0 follows when they succeed\n");
            }
            JsonNode c = i.path("counters");
            b.append("  adverts sent ").append(c.path("adverts_sent").asLong())
                    .append(", received ").append(c.path("adverts_received").asLong())
                    .append(", transitions ").append(c.path("transitions").asLong());
            if (c.path("send_errors").asLong() > 0) {
                b.append(", send errors ").append(c.path("send_errors").asLong());
            }
            List<String> drops = new ArrayList<>();
            for (Map.Entry<String, JsonNode> d : iterable(c.path("drops"))) {
                if (d.getValue().asLong() > 0) {
                    drops.add(d.getKey() + "=" + d.getValue().asLong());
                }
            }
            b.append(", dropped ").append(drops.isEmpty() ? "0" : String.join(" ", drops)).append('\n');
            JsonNode hooks = i.path("hooks");
            if (hooks.size() > 0) {
                // The results of the last transition that ran hooks, in the order they ran.
                long last = hooks.get(hooks.size() - 1).path("sequence").asLong();
                for (JsonNode h : hooks) {
                    if (h.path("sequence").asLong() != last) {
                        continue;
                    }
                    b.append("  hook ").append(h.path("hook").asText()).append(' ')
                            .append(h.path("phase").asText()).append(' ').append(h.path("outcome").asText())
                            .append(" in ").append(ControlCommands.duration(h.path("took_seconds").asDouble()));
                    if (!h.path("detail").asText().isEmpty()) {
                        b.append(": ").append(h.path("detail").asText());
                    }
                    b.append('\n');
                }
            }
            JsonNode lt = i.path("last_transition");
            if (!lt.isMissingNode()) {
                b.append("  last change: ").append(lt.path("from").asText()).append(" -> ")
                        .append(lt.path("to").asText()).append(' ')
                        .append(ControlCommands.duration(lt.path("seconds_ago").asDouble())).append(" ago: ")
                        .append(lt.path("reason").asText()).append('\n');
            }
        }
        if (!body.path("instances").elements().hasNext()) {
            b.append("no instances configured\n");
        }
        JsonNode mail = body.path("daemon").path("mail");
        if (!mail.isMissingNode()) {
            b.append("mail: sent ").append(mail.path("sent").asLong())
                    .append(", failed ").append(mail.path("failed").asLong())
                    .append(", dropped ").append(mail.path("dropped").asLong())
                    .append(", queued ").append(mail.path("queued").asLong()).append('\n');
        }
        String refused = body.path("daemon").path("loop_scheduling_refused").asText("");
        if (!refused.isEmpty()) {
            b.append("scheduling: the event loop runs at the normal priority, real-time refused: ").append(refused)
                    .append('\n');
        }
        return b.toString();
    }

    private static boolean hasHookFault(JsonNode sources) {
        for (Map.Entry<String, JsonNode> e : iterable(sources)) {
            if (e.getKey().startsWith("hook:")) {
                return true;
            }
        }
        return false;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
        return n::fields;
    }
}
