package io.vrrpd.election.sim;

import io.vrrpd.election.Action;
import io.vrrpd.election.ElectionParams;
import io.vrrpd.election.InstanceStateMachine;
import io.vrrpd.election.State;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated router: its state machine (null while crashed), the VIPs it holds according to the actions it
 * performed, and what the test needs to check timings.
 */
final class SimNode {
    final int index;
    final ElectionParams params;
    InstanceStateMachine machine;
    boolean vips;
    /** Generation of the current wake-up request; older queued wake-ups are stale. */
    long wakeGeneration;
    /** Per source node: when its last advert was delivered here, and whether it had priority 0. */
    final long[] lastDeliveryNanos;
    final boolean[] lastDeliveryWasResign;
    final List<long[]> transitions = new ArrayList<>();

    SimNode(int index, ElectionParams params, int nodeCount) {
        this.index = index;
        this.params = params;
        this.lastDeliveryNanos = new long[nodeCount];
        this.lastDeliveryWasResign = new boolean[nodeCount];
    }

    /** Running means it has a machine that can take part: BACKUP or MASTER. */
    boolean eligible() {
        return machine != null && (machine.state() == State.BACKUP || machine.state() == State.MASTER);
    }

    State state() {
        return machine == null ? null : machine.state();
    }

    boolean isMaster() {
        return machine != null && machine.state() == State.MASTER;
    }

    /** Whether this node counts in the "master has the maximum priority" property. */
    boolean preemptingAndNotHeld() {
        return (params.preempt() || params.isOwner()) && !machine.handoverHold() && !machine.preemptionBlocked();
    }

    void recordTransition(long now, Action.Transition t) {
        transitions.add(new long[] {now, t.from().ordinal(), t.to().ordinal()});
    }

    String name() {
        return "n" + index + "(" + params.primaryAddress().getHostAddress() + ")";
    }
}
