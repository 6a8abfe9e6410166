package io.vrrpd.runtime;

import io.vrrpd.control.ControlResponse;
import io.vrrpd.election.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vrrpctl failover} and {@code vrrpctl resume}: the planned handover and the release of its hold.
 * The decisions run on the event loop; the wait for planned release hooks runs on the control thread.
 */
final class Handover {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");
    /** Upper bound of the control thread's wait; the hook lane answers sooner (each hook has a timeout). */
    static final long MAX_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(15);

    private Handover() {
    }

    /**
     * What {@link #failover} started: the answer so far, and per instance the planned release still
     * running (its future completes with "" on success or the reason it failed).
     */
    record Started(ControlResponse response, Map<String, CompletableFuture<String>> pending) {
    }

    /** Hands over the named instance, or every instance this node is master of when name is null. On the loop. */
    static Started failover(Map<String, InstanceRuntime> instances, String name, long now) {
        List<InstanceRuntime> chosen = select(instances, name);
        if (chosen.isEmpty()) {
            return new Started(noSuchInstance(instances, name), Map.of());
        }
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Map<String, CompletableFuture<String>> pending = new LinkedHashMap<>();
        for (InstanceRuntime i : chosen) {
            Optional<String> why = i.failover(now);
            if (why.isPresent()) {
                refused.add("(" + i.name() + ") " + why.get() + ": nothing to hand over from this node"
                        + Optional.ofNullable(i.machine().masterAddress())
                                .filter(a -> i.machine().state() != State.MASTER)
                                .map(a -> "; the master is " + a.getHostAddress() + ", run failover there")
                                .orElse(""));
            } else {
                done.add(i.name());
                if (i.pendingHandover() != null) {
                    pending.put(i.name(), i.pendingHandover());
                }
            }
        }
        if (done.isEmpty()) {
            return new Started(ControlResponse.refused(String.join("; ", refused)), Map.of());
        }
        LOG.info("planned failover of {} requested by vrrpctl", done);
        String skipped = refused.isEmpty() ? "" : " (skipped: " + String.join("; ", refused) + ")";
        return new Started(ControlResponse.ok("handed over " + String.join(", ", done) + "; holding BACKUP until"
                + " 'vrrpctl resume'" + skipped, null), pending);
    }

    /**
     * Waits (off the loop) for the planned release hooks that {@link #failover} started; a failed one turns
     * the answer into a refusal naming the hook and saying the instance went FAULT.
     */
    static ControlResponse await(Started started) {
        if (started.pending().isEmpty()) {
            return started.response();
        }
        long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<String>> e : started.pending().entrySet()) {
            String reason;
            try {
                reason = e.getValue().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException ex) {
                reason = "release hooks still running; see 'vrrpctl status'";
            } catch (Exception ex) {
                reason = ex.toString();
            }
            if (!reason.isEmpty()) {
                failed.add("(" + e.getKey() + ") " + reason);
            }
        }
        if (failed.isEmpty()) {
            return started.response();
        }
        return ControlResponse.refused("planned handover did not complete cleanly: " + String.join("; ", failed)
                + "; the instance resigned with priority 0 and is FAULT until 'vrrpctl resume'");
    }

    /** Releases the hold and clears hook faults on the named instance, or on every instance when name is null. */
    static ControlResponse resume(Map<String, InstanceRuntime> instances, String name, long now) {
        List<InstanceRuntime> chosen = select(instances, name);
        if (chosen.isEmpty()) {
            return noSuchInstance(instances, name);
        }
        List<String> released = new ArrayList<>();
        List<String> cleared = new ArrayList<>();
        for (InstanceRuntime i : chosen) {
            if (i.resume(now)) {
                released.add(i.name());
            }
            for (String reason : i.clearHookFaults(now)) {
                cleared.add("(" + i.name() + ") " + reason);
            }
        }
        if (released.isEmpty() && cleared.isEmpty()) {
            return ControlResponse.ok("no handover hold or hook fault was active", null);
        }
        List<String> parts = new ArrayList<>();
        if (!released.isEmpty()) {
            LOG.info("handover hold released on {} by vrrpctl", released);
            parts.add("released the hold on " + String.join(", ", released));
        }
        if (!cleared.isEmpty()) {
            LOG.info("hook faults cleared by vrrpctl resume: {}", cleared);
            parts.add("cleared hook fault(s): " + String.join("; ", cleared));
        }
        return ControlResponse.ok(String.join("; ", parts), null);
    }

    static List<InstanceRuntime> select(Map<String, InstanceRuntime> instances, String name) {
        if (name == null) {
            return new ArrayList<>(instances.values());
        }
        InstanceRuntime i = instances.get(name);
        return i == null ? List.of() : List.of(i);
    }

    static ControlResponse noSuchInstance(Map<String, InstanceRuntime> instances, String name) {
        String known = instances.isEmpty() ? "none" : String.join(", ", instances.keySet());
        return ControlResponse.error(ControlResponse.NO_SUCH_INSTANCE, "no instance named '" + name + "' (configured: " + known + ")");
    }
}
