package io.vrrpd.runtime;

import io.vrrpd.control.ControlResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vrrpctl failover} and {@code vrrpctl resume}: the planned handover and the release of its hold.
 * Runs on the event loop; the election decides what a handover means in each state.
 */
final class Handover {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");

    private Handover() {
    }

    /** Hands over the named instance, or every instance this node is master of when name is null. */
    static ControlResponse failover(Map<String, InstanceRuntime> instances, String name, long now) {
        List<InstanceRuntime> chosen = select(instances, name);
        if (chosen.isEmpty()) {
            return noSuchInstance(instances, name);
        }
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (InstanceRuntime i : chosen) {
            Optional<String> why = i.failover(now);
            if (why.isPresent()) {
                refused.add("(" + i.name() + ") " + why.get() + ": nothing to hand over from this node"
                        + Optional.ofNullable(i.machine().masterAddress())
                                .map(a -> "; the master is " + a.getHostAddress() + ", run failover there")
                                .orElse(""));
            } else {
                done.add(i.name());
            }
        }
        if (done.isEmpty()) {
            return ControlResponse.refused(String.join("; ", refused));
        }
        LOG.info("planned failover of {} requested by vrrpctl", done);
        String skipped = refused.isEmpty() ? "" : " (skipped: " + String.join("; ", refused) + ")";
        return ControlResponse.ok("handed over " + String.join(", ", done) + "; holding BACKUP until"
                + " 'vrrpctl resume'" + skipped, null);
    }

    /** Releases the hold on the named instance, or on every instance when name is null. */
    static ControlResponse resume(Map<String, InstanceRuntime> instances, String name, long now) {
        List<InstanceRuntime> chosen = select(instances, name);
        if (chosen.isEmpty()) {
            return noSuchInstance(instances, name);
        }
        List<String> released = new ArrayList<>();
        for (InstanceRuntime i : chosen) {
            if (i.resume(now)) {
                released.add(i.name());
            }
        }
        if (released.isEmpty()) {
            return ControlResponse.ok("no handover hold was active", null);
        }
        LOG.info("handover hold released on {} by vrrpctl", released);
        return ControlResponse.ok("released the hold on " + String.join(", ", released), null);
    }

    private static List<InstanceRuntime> select(Map<String, InstanceRuntime> instances, String name) {
        if (name == null) {
            return new ArrayList<>(instances.values());
        }
        InstanceRuntime i = instances.get(name);
        return i == null ? List.of() : List.of(i);
    }

    private static ControlResponse noSuchInstance(Map<String, InstanceRuntime> instances, String name) {
        String known = instances.isEmpty() ? "none" : String.join(", ", instances.keySet());
        return ControlResponse.error(ControlResponse.NO_SUCH_INSTANCE, "no instance named '" + name + "' (configured: " + known + ")");
    }
}
