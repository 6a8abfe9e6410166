package io.vrrpd.election;

import static io.vrrpd.election.Machines.HIGHER_PEER;
import static io.vrrpd.election.Machines.LOWER_PEER;
import static io.vrrpd.election.Machines.SECOND;
import static io.vrrpd.election.Machines.advert;
import static io.vrrpd.election.Machines.kinds;
import static io.vrrpd.election.Machines.master;
import static io.vrrpd.election.Machines.params;
import static io.vrrpd.election.Machines.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3768 §6.4.3 with keepalived's immediate re-advert, with plain numbers. */
class MasterAdvertHandlingTest {
    private static final long T = 10 * SECOND;

    @Test
    void higherPriorityMakesMasterRemoveVipsThenGoBackup() {
        InstanceStateMachine m = master(params(100));
        List<Action> actions = m.onEvent(advert(LOWER_PEER, 110), T);
        assertEquals(List.of(new Action.RemoveVips(),
                new Action.Transition(State.MASTER, State.BACKUP, "higher priority 110 from 192.0.2.5"),
                new Action.WakeAt(T + 3_609_375_000L)), actions);
        assertEquals(LOWER_PEER, m.masterAddress());
    }

    @Test
    void equalPriorityFromHigherAddressWinsTheTieBreak() {
        InstanceStateMachine m = master(params(100));
        List<Action> actions = m.onEvent(advert(HIGHER_PEER, 100), T);
        assertEquals(State.BACKUP, m.state());
        assertEquals("equal priority 100 from higher address 192.0.2.12", transition(actions).reason());
    }

    @Test
    void equalPriorityFromLowerAddressIsAnsweredAtOnce() {
        InstanceStateMachine m = master(params(100));
        assertEquals(List.of(new Action.SendAdvert(100), new Action.WakeAt(T + SECOND)),
                m.onEvent(advert(LOWER_PEER, 100), T));
        assertEquals(State.MASTER, m.state());
    }

    @Test
    void lowerPriorityIsAnsweredAtOnce() {
        InstanceStateMachine m = master(params(100));
        assertEquals(List.of(new Action.SendAdvert(100), new Action.WakeAt(T + SECOND)),
                m.onEvent(advert(HIGHER_PEER, 50), T));
    }

    @Test
    void priorityZeroIsAnsweredAtOnce() {
        InstanceStateMachine m = master(params(100));
        assertEquals(List.of(new Action.SendAdvert(100), new Action.WakeAt(T + SECOND)),
                m.onEvent(advert(HIGHER_PEER, 0), T));
        assertEquals(State.MASTER, m.state());
    }

    @Test
    void masterAdvertisesANewPriorityAtOnceAndKeepsToItsAdvertGrid() {
        InstanceStateMachine m = master(params(100));
        long t = m.nextDeadlineNanos() - SECOND / 2;
        // The advert out of turn goes at once; the next stays on the grid of whole intervals (half a second on).
        assertEquals(List.of(new Action.SendAdvert(80)), m.onEvent(new Event.PriorityChanged(80), t));
        assertEquals(t + SECOND / 2, m.nextDeadlineNanos());
        assertEquals(List.of(), m.onEvent(new Event.PriorityChanged(80), t + 1), "no change, no advert");
        // and the new priority decides: 90 now beats us
        m.onEvent(advert(LOWER_PEER, 90), t + 2);
        assertEquals(State.BACKUP, m.state());
    }

    @Test
    void staleTickInMasterDoesNothing() {
        InstanceStateMachine m = master(params(100));
        long next = m.nextDeadlineNanos();
        assertEquals(List.of(), m.onEvent(new Event.Tick(), next - 1));
        assertEquals(List.of(Action.SendAdvert.class), kinds(m.onEvent(new Event.Tick(), next + 5)));
    }
}
