package io.vrrpd.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vrrpd.config.AddressText;
import io.vrrpd.config.VirtualIp;
import io.vrrpd.protocol.DropReason;
import java.net.InetAddress;
import java.util.Map;

/**
 * The document behind {@code vrrpctl status}: built on the event loop, so it is one consistent
 * snapshot. Keys are snake_case and stable; scripts may depend on them (README, "vrrpctl status").
 */
final class StatusReport {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StatusReport() {
    }

    static ObjectNode build(Daemon d) {
        long now = d.loop().now();
        ObjectNode root = F.objectNode();
        ObjectNode daemon = root.putObject("daemon");
        daemon.put("pid", ProcessHandle.current().pid());
        daemon.put("config", d.configFile().toString());
        daemon.put("uptime_seconds", round((now - d.startedNanos()) / 1e9));
        daemon.put("loop_failures", d.loop().failures());
        daemon.put("loop_scheduling", d.loopScheduling().current().policy());
        if (d.loopScheduling().current().refused()) {
            daemon.put("loop_scheduling_refused", d.loopScheduling().current().refusal());
        }
        d.hooks().mailCounters().ifPresent(m -> {
            ObjectNode mail = daemon.putObject("mail");
            mail.put("sent", m.sent());
            mail.put("failed", m.failed());
            mail.put("dropped", m.dropped());
            mail.put("queued", m.queued());
            mail.put("retries", m.retries());
        });
        ArrayNode list = root.putArray("instances");
        for (InstanceRuntime i : d.instances().values()) {
            ObjectNode o = instance(i, now);
            ArrayNode hooks = o.putArray("hooks");
            for (var r : d.hooks().recent(i.name())) {
                ObjectNode h = hooks.addObject();
                h.put("hook", r.hook());
                h.put("sequence", r.sequence());
                h.put("phase", r.phase().name().toLowerCase());
                h.put("outcome", r.outcome().name());
                h.put("detail", r.detail());
                h.put("took_seconds", round(r.took().toMillis() / 1000.0));
                h.put("finished_at", r.finishedAt().toString());
            }
            list.add(o);
        }
        ArrayNode ifaces = root.putArray("sockets");
        for (InterfacePort p : d.ports().values()) {
            ObjectNode o = ifaces.addObject();
            o.put("socket", p.key());
            o.set("unrouted_drops", drops(p.unroutedDrops()));
        }
        return root;
    }

    private static ObjectNode instance(InstanceRuntime i, long now) {
        ObjectNode o = F.objectNode();
        var c = i.config();
        o.put("name", i.name());
        o.put("state", i.state().name());
        o.put("vrid", c.vrid());
        o.put("interface", c.interfaceName());
        o.put("version", c.version());
        o.put("priority", c.priority());
        o.put("effective_priority", i.machine().effectivePriority());
        o.put("advert_int_seconds", c.advertInterval().toMillis() / 1000.0);
        o.put("preempt", c.preempt());
        ArrayNode vips = o.putArray("virtual_ips");
        for (VirtualIp v : c.virtualIps()) {
            vips.add(AddressText.of(v.address()) + "/" + v.prefixLength());
        }
        o.put("vips_installed", i.vipsHeld());
        InetAddress master = i.machine().masterAddress();
        if (master == null) {
            o.putNull("master");
        } else {
            o.put("master", AddressText.of(master));
        }
        var last = i.machine().lastAdvertNanos();
        if (last.isPresent()) {
            o.put("master_last_heard_seconds_ago", round((now - last.getAsLong()) / 1e9));
        } else {
            o.putNull("master_last_heard_seconds_ago");
        }
        o.put("in_state_seconds", round((now - i.stateSinceNanos()) / 1e9));
        o.put("handover_hold", i.machine().handoverHold());
        o.put("preemption_blocked", i.machine().preemptionBlocked());
        o.set("tracked", TrackingStatus.items(i.tracking()));
        ArrayNode faults = o.putArray("faults");
        i.faults().values().forEach(faults::add);
        // Which source raised each fault: "link:eth0", "hook:check-db" (cleared by vrrpctl resume), ...
        ObjectNode sources = o.putObject("fault_sources");
        i.faults().forEach(sources::put);
        o.put("takeover_pending", i.takeoverPending());
        o.put("handover_pending", i.handoverPending());
        i.lastTransition().ifPresent(t -> {
            ObjectNode lt = o.putObject("last_transition");
            lt.put("from", t.from().name());
            lt.put("to", t.to().name());
            lt.put("reason", t.reason());
            lt.put("seconds_ago", round((now - i.lastTransitionNanos()) / 1e9));
        });
        ObjectNode counters = o.putObject("counters");
        counters.put("adverts_sent", i.counters.advertsSent);
        counters.put("adverts_received", i.counters.advertsReceived);
        counters.put("send_errors", i.counters.sendErrors);
        counters.put("transitions", i.counters.transitions);
        counters.put("became_master", i.counters.becameMaster);
        counters.put("vips_restored", i.counters.vipsRestored);
        counters.set("drops", drops(i.counters.dropsView()));
        return o;
    }

    private static ObjectNode drops(Map<DropReason, Long> m) {
        ObjectNode o = F.objectNode();
        for (DropReason r : DropReason.values()) {
            o.put(r.counterName(), m.getOrDefault(r, 0L));
        }
        return o;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
