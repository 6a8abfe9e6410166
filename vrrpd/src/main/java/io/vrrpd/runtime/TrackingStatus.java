package io.vrrpd.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vrrpd.track.InstanceTracking;
import io.vrrpd.track.TrackedItem;
import java.util.Locale;

/**
 * The {@code tracked} list of {@code vrrpctl status --json}: per tracked item its kind, name, weight,
 * state, what it does now to the priority and, for scripts, keepalived's rise/fall counter.
 */
final class TrackingStatus {
    private TrackingStatus() {
    }

    static ArrayNode items(InstanceTracking tracking) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (TrackedItem i : tracking.items()) {
            ObjectNode o = out.addObject();
            o.put("kind", i.kind().label());
            o.put("name", i.name());
            if (i.kind() != TrackedItem.Kind.HOOK) {
                o.put("weight", i.weighting().weight());
                o.put("reverse", i.weighting().reverse());
            }
            o.put("state", i.result().name().toLowerCase(Locale.ROOT));
            o.put("priority_change", i.contribution());
            o.put("fault", i.fault().isPresent());
            o.put("detail", i.detail());
            i.counter().ifPresent(c -> {
                o.put("rise", c.rise());
                o.put("fall", c.fall());
                o.put("result", c.result());
            });
            if (i.kind() == TrackedItem.Kind.FILE) {
                o.put("value", i.fileValue());
            }
        }
        return out;
    }
}
