package io.vrrpd.runtime;

import io.vrrpd.election.Action;
import io.vrrpd.election.Event;
import io.vrrpd.election.InstanceStateMachine;
import io.vrrpd.protocol.ReceivedFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds one instance's election its events and hands the actions it returns to the instance to perform,
 * then keeps the election's timer armed at its next deadline. Its objects are reused (issue 10: a master
 * sending and a backup receiving allocate nothing per advert): the timer, re-armed in place, and the action
 * list the election fills. Event loop only.
 */
final class ElectionFeed {
    /** Performs the election's actions in order; calls {@link #rearmWake} where {@link Action.WakeAt} came. */
    interface Performer {
        void perform(List<Action> actions, long now);
    }

    private final InstanceStateMachine machine;
    private final EventLoop loop;
    private final Performer performer;
    private final EventLoop.Timer wake;
    private long armedDeadline = Long.MAX_VALUE;
    private final List<Action> actions = new ArrayList<>(8);
    private boolean performing;

    ElectionFeed(InstanceStateMachine machine, EventLoop loop, Performer performer) {
        this.machine = machine;
        this.loop = loop;
        this.performer = performer;
        this.wake = loop.timer(this::tick);
    }

    /** Feeds the election one event and performs its actions. */
    void feed(Event event, long now) {
        List<Action> out = begin();
        try {
            machine.onEvent(event, now, out);
            performer.perform(out, now);
        } finally {
            end(out);
        }
    }

    /** Feeds the election a valid advert (its fields, not an event record: nothing allocated per advert). */
    void feedAdvert(ReceivedFields received, long now) {
        List<Action> out = begin();
        try {
            machine.onAdvertReceived(received.source(), received.priority(), received.advertIntervalCentis(), now,
                    out);
            performer.perform(out, now);
        } finally {
            end(out);
        }
    }

    /** Arms the election's timer at its next deadline when that changed; the same timer object every time. */
    void rearmWake() {
        long next = machine.nextDeadlineNanos();
        if (next == armedDeadline) {
            return;
        }
        armedDeadline = next;
        if (next == Long.MAX_VALUE) {
            wake.cancel();
        } else {
            loop.rearm(wake, next);
        }
    }

    /** Stops the election's timer (shutdown). */
    void cancelWake() {
        wake.cancel();
    }

    private void tick() {
        // loop.now(), not the clock: the loop may run this timer a little early to share a wake-up
        // (EventLoop.SLACK_NANOS), and the election must see its deadline reached.
        feed(Event.Tick.INSTANCE, loop.now());
    }

    /**
     * The list the election fills: the reused one, or a fresh one when an event arrives while the reused
     * one is being performed (a listener told of a transition may raise a fault on this instance).
     */
    private List<Action> begin() {
        if (performing) {
            return new ArrayList<>(6);
        }
        performing = true;
        return actions;
    }

    private void end(List<Action> out) {
        if (out == actions) {
            actions.clear();
            performing = false;
        }
    }
}
