package io.vrrpd.runtime;

import io.vrrpd.config.SyncGroup;
import io.vrrpd.election.Action;
import io.vrrpd.election.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vrrp_sync_group}: members move together (keepalived 2.2.7 vrrp_sync.c). When one member is in
 * FAULT for a reason of its own (link, tracked script, health check), every other member is put in FAULT
 * too, so a master gives up all the group's addresses at once with priority-0 adverts and the peer's
 * members take them all over ("VRRP_Group(G) Syncing instances to FAULT state"). When no member has a
 * fault of its own any more, they all leave FAULT together. The group's own notify scripts run when the
 * group's state changes: FAULT if a member is in FAULT, MASTER when all are MASTER, BACKUP when all are
 * BACKUP. Weighted tracking is not used inside a group (see {@link Tracking#attach}), as in keepalived.
 * Runs on the event loop.
 */
final class SyncGroups {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");
    private static final String KEY = "sync:";

    /** Hears group state changes (the group notify scripts). */
    interface GroupListener {
        void onGroupTransition(SyncGroup group, State from, State to, String reason);
    }

    private final EventLoop loop;
    private final Map<String, InstanceRuntime> instances;
    private final GroupListener listener;
    private final Map<String, SyncGroup> byMember = new HashMap<>();
    private final Map<String, State> groupStates = new HashMap<>();
    private boolean pending;

    SyncGroups(EventLoop loop, Map<String, InstanceRuntime> instances, GroupListener listener) {
        this.loop = loop;
        this.instances = instances;
        this.listener = listener;
    }

    /** The groups of the current configuration (start and reload). */
    void configure(List<SyncGroup> groups) {
        byMember.clear();
        for (SyncGroup g : groups) {
            g.instances().forEach(i -> byMember.put(i, g));
        }
        groupStates.keySet().retainAll(groups.stream().map(SyncGroup::name).toList());
        schedule();
    }

    /** A member changed state: reconcile after the current event, not inside it. */
    void onTransition(InstanceRuntime instance, Action.Transition t) {
        if (byMember.containsKey(instance.name())) {
            schedule();
        }
    }

    private void schedule() {
        if (!pending) {
            pending = true;
            loop.post(this::reconcileAll);
        }
    }

    private void reconcileAll() {
        pending = false;
        long now = loop.now();
        for (SyncGroup g : new ArrayList<>(new java.util.LinkedHashSet<>(byMember.values()))) {
            reconcile(g, now);
        }
    }

    private void reconcile(SyncGroup g, long now) {
        List<InstanceRuntime> members = new ArrayList<>();
        g.instances().forEach(n -> Optional.ofNullable(instances.get(n)).ifPresent(members::add));
        Optional<InstanceRuntime> culprit = members.stream().filter(SyncGroups::ownFault).findFirst();
        String key = KEY + g.name();
        if (culprit.isPresent()) {
            String reason = "sync group " + g.name() + ": member " + culprit.get().name() + " is in FAULT";
            for (InstanceRuntime m : members) {
                if (!ownFault(m) && !m.faults().containsKey(key)) {
                    LOG.info("VRRP_Group({}) Syncing {} to FAULT state", g.name(), m.name());
                    m.raiseFault(key, reason, now);
                }
            }
        } else {
            members.forEach(m -> m.clearFault(key, now));
        }
        State next = groupState(members);
        State was = groupStates.get(g.name());
        if (next != null && next != was) {
            groupStates.put(g.name(), next);
            if (was != null || next != State.BACKUP) {
                LOG.info("VRRP_Group({}) {} -> {}", g.name(), was == null ? State.INIT : was, next);
                listener.onGroupTransition(g, was == null ? State.INIT : was, next,
                        culprit.map(c -> "member " + c.name() + " in FAULT").orElse("all members " + next));
            }
        }
    }

    private static boolean ownFault(InstanceRuntime m) {
        return m.faults().keySet().stream().anyMatch(k -> !k.startsWith(KEY));
    }

    /** FAULT if any member is, MASTER or BACKUP when all agree; null (no change) while they are moving. */
    private static State groupState(List<InstanceRuntime> members) {
        if (members.isEmpty()) {
            return null;
        }
        if (members.stream().anyMatch(m -> m.state() == State.FAULT)) {
            return State.FAULT;
        }
        State first = members.get(0).state();
        if ((first == State.MASTER || first == State.BACKUP) && members.stream().allMatch(m -> m.state() == first)) {
            return first;
        }
        return null;
    }
}
