package io.vrrpd.election;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Test fixtures: parameters, addresses and action filters in plain numbers. */
final class Machines {
    static final long SECOND = 1_000_000_000L;
    static final InetAddress SELF = ip("192.0.2.11");
    static final InetAddress LOWER_PEER = ip("192.0.2.5");
    static final InetAddress HIGHER_PEER = ip("192.0.2.12");

    private Machines() {
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ElectionParams params(int priority, boolean preempt, long preemptDelayNanos, int version, State hint) {
        return new ElectionParams("VI_1", 51, priority, 100, preempt, preemptDelayNanos, SELF, version, hint);
    }

    static ElectionParams params(int priority) {
        return params(priority, true, 0, 2, State.BACKUP);
    }

    /** A machine started at time 0. */
    static InstanceStateMachine started(ElectionParams params) {
        InstanceStateMachine m = new InstanceStateMachine(params);
        m.onEvent(new Event.Startup(), 0);
        return m;
    }

    /** A machine that went MASTER by its master-down timer; returns it at time {@code deadline}. */
    static InstanceStateMachine master(ElectionParams params) {
        InstanceStateMachine m = started(params);
        m.onEvent(new Event.Tick(), m.nextDeadlineNanos());
        if (m.state() != State.MASTER) {
            throw new AssertionError("fixture did not reach MASTER: " + m.state());
        }
        return m;
    }

    static Event.AdvertReceived advert(InetAddress from, int priority) {
        return new Event.AdvertReceived(from, priority, 100);
    }

    /** The actions without WakeAt, to compare orders. */
    static List<Class<?>> kinds(List<Action> actions) {
        return actions.stream().filter(a -> !(a instanceof Action.WakeAt)).<Class<?>>map(Object::getClass).toList();
    }

    static Action.Transition transition(List<Action> actions) {
        return actions.stream().filter(Action.Transition.class::isInstance).map(Action.Transition.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no transition in " + actions));
    }
}
