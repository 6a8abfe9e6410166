package io.vrrpd.runtime;

import io.vrrpd.election.Action;
import io.vrrpd.election.ElectionParams;
import io.vrrpd.election.Event;
import io.vrrpd.election.InstanceStateMachine;
import io.vrrpd.election.State;
import java.net.InetAddress;
import java.util.List;

/**
 * Runs a throw-away copy of an instance's election through a takeover at start-up, so that the code a
 * backup runs for the first time when its master dies (the master-down tick, the transition, its reason
 * text, the action records) is loaded and has run once before it matters.
 *
 * <p>Why: on a busy 2-core host the JVM gets a small share of the CPU; loading and interpreting that path
 * cold at the moment of the takeover was measured at 70-130 ms before the first advert at 100 ms adverts
 * (BENCHMARKS.md, "VRRPv3 at 100 ms"), against a master-down interval of 361 ms. keepalived, a small C
 * program, has no such cost. Nothing here touches the network or the real instance.
 */
final class TakeoverRehearsal {
    private TakeoverRehearsal() {
    }

    /** Elects {@code params}' router master after hearing {@code peer}; returns the actions, unexecuted. */
    static List<Action> run(ElectionParams params, InetAddress peer) {
        ElectionParams copy = new ElectionParams(params.instance(), params.vrid(), Math.min(params.priority(), 254),
                params.advertIntervalCentis(), params.preempt(), params.preemptDelayNanos(), params.primaryAddress(),
                params.version(), State.BACKUP);
        InstanceStateMachine machine = new InstanceStateMachine(copy);
        long t = 1_000_000_000L;
        machine.onEvent(new Event.Startup(), t);
        machine.onEvent(new Event.AdvertReceived(peer, 255, params.advertIntervalCentis()), t);
        List<Action> actions = machine.onEvent(new Event.Tick(), t + 3_600_000_000_000L);
        int seen = 0;
        for (Action a : actions) {
            // The same type tests InstanceRuntime.apply makes, so their classes are loaded too.
            if (a instanceof Action.SendAdvert || a instanceof Action.WakeAt || a instanceof Action.AddVips
                    || a instanceof Action.RemoveVips || a instanceof Action.SendGarp
                    || a instanceof Action.Transition) {
                seen++;
            }
        }
        return seen == actions.size() ? actions : List.of();
    }
}
