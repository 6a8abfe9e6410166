package io.vrrpd.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vrrpd.control.ControlResponse;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control request {@code action}: runs a named admin action of an instance's hooks (e.g.
 * {@code vrrpctl rejoin VI_1} runs the PostgreSQL hook's {@code rejoin}) on the instance's hook lane,
 * serial with its transitions, and answers with every report. The choice of instance is made on the
 * event loop; the wait runs on the control thread.
 */
final class HookActions {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");

    private HookActions() {
    }

    /** What the loop decided: an answer now, or a running action. */
    record Started(ControlResponse response, String instance, CompletableFuture<List<HookResult>> results) {
    }

    /** On the loop: picks the instance (the only one offering the action when none is named) and queues it. */
    static Started start(Map<String, InstanceRuntime> instances, InstanceHooks hooks, String name, String action) {
        if (action == null || action.isBlank()) {
            return answer(ControlResponse.error(ControlResponse.BAD_REQUEST, "action request without an action name"));
        }
        InstanceRuntime target;
        if (name != null) {
            target = instances.get(name);
            if (target == null) {
                return answer(Handover.noSuchInstance(instances, name));
            }
            if (!hooks.actions(name).contains(action)) {
                return answer(ControlResponse.error(ControlResponse.BAD_REQUEST, "no hook of " + name
                        + " offers the action '" + action + "' (offered: " + offered(hooks, name) + ")"));
            }
        } else {
            List<InstanceRuntime> offering = instances.values().stream()
                    .filter(i -> hooks.actions(i.name()).contains(action)).toList();
            if (offering.size() != 1) {
                return answer(ControlResponse.error(ControlResponse.BAD_REQUEST, offering.isEmpty()
                        ? "no configured hook offers the action '" + action + "'"
                        : "several instances offer '" + action + "' ("
                                + String.join(", ", offering.stream().map(InstanceRuntime::name).toList())
                                + "); name one"));
            }
            target = offering.get(0);
        }
        String state = target.state().name();
        HookContext ctx = new HookContext(target.name(), state, state, "action " + action + " requested by vrrpctl",
                target.machine().effectivePriority(), target.hookContextVips(), null, target.transitionSequence());
        LOG.info("({}) hook action {} requested by vrrpctl", target.name(), action);
        return new Started(null, target.name(), hooks.action(action, ctx));
    }

    /** Off the loop: waits for the reports and turns them into the answer (exit 1 when one failed). */
    static ControlResponse await(Started started, String action) {
        if (started.response() != null) {
            return started.response();
        }
        List<HookResult> results;
        try {
            results = started.results().get(Handover.MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ControlResponse.error(ControlResponse.TEMPORARY_FAILURE, "(" + started.instance() + ") " + action
                    + " is still running; see vrrpd's log");
        } catch (Exception e) {
            return ControlResponse.error(ControlResponse.SOFTWARE, action + " failed: " + e);
        }
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder();
        boolean ok = !results.isEmpty();
        for (HookResult r : results) {
            ObjectNode o = body.addObject();
            o.put("hook", r.hook());
            o.put("outcome", r.outcome().name());
            o.put("detail", r.detail());
            o.put("took_seconds", r.took().toMillis() / 1000.0);
            text.append(text.length() == 0 ? "" : "; ").append("(").append(started.instance()).append(") ")
                    .append(action).append(" by ").append(r.hook()).append(": ").append(r.outcome())
                    .append(r.detail().isEmpty() ? "" : " " + r.detail());
            ok &= !r.isFailure();
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("instance", started.instance());
        root.put("action", action);
        root.set("results", body);
        if (results.isEmpty()) {
            return ControlResponse.refused("(" + started.instance() + ") " + action + ": the hook offering it is gone"
                    + " (reloaded?)");
        }
        return ok ? ControlResponse.ok(text.toString(), root)
                : new ControlResponse(false, text.toString(), ControlResponse.REFUSED, root);
    }

    private static Started answer(ControlResponse r) {
        return new Started(r, null, null);
    }

    private static String offered(InstanceHooks hooks, String name) {
        var all = hooks.actions(name);
        return all.isEmpty() ? "none" : String.join(", ", all);
    }
}
