package io.vrrpd.election;

import static io.vrrpd.election.Machines.HIGHER_PEER;
import static io.vrrpd.election.Machines.LOWER_PEER;
import static io.vrrpd.election.Machines.SECOND;
import static io.vrrpd.election.Machines.advert;
import static io.vrrpd.election.Machines.master;
import static io.vrrpd.election.Machines.params;
import static io.vrrpd.election.Machines.started;
import static io.vrrpd.election.Machines.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultShutdownHandoverTest {
    private static final long T = 10 * SECOND;

    @Test
    void shutdownOfMasterRemovesVipsThenResignsWithPriorityZero() {
        InstanceStateMachine m = master(params(100));
        assertEquals(List.of(new Action.RemoveVips(), new Action.SendAdvert(0),
                new Action.Transition(State.MASTER, State.STOP, "shutdown"), new Action.WakeAt(Long.MAX_VALUE)),
                m.onEvent(new Event.Shutdown(), T));
    }

    @Test
    void stopIsTerminal() {
        InstanceStateMachine m = started(params(100));
        assertEquals(List.of(new Action.Transition(State.BACKUP, State.STOP, "shutdown"),
                new Action.WakeAt(Long.MAX_VALUE)), m.onEvent(new Event.Shutdown(), T));
        assertEquals(List.of(), m.onEvent(new Event.Startup(), T));
        assertEquals(List.of(), m.onEvent(new Event.FaultCleared(), T));
        assertEquals(List.of(), m.onEvent(new Event.Tick(), Long.MAX_VALUE - 1));
        assertEquals(State.STOP, m.state());
    }

    @Test
    void faultOnMasterRemovesVipsResignsAndStopsTimers() {
        InstanceStateMachine m = master(params(100));
        assertEquals(List.of(new Action.RemoveVips(), new Action.SendAdvert(0),
                new Action.Transition(State.MASTER, State.FAULT, "fault: interface eth0 down"),
                new Action.WakeAt(Long.MAX_VALUE)), m.onEvent(new Event.FaultRaised("interface eth0 down"), T));
        assertEquals(List.of(), m.onEvent(advert(LOWER_PEER, 0), T + 1), "adverts ignored in FAULT");
        assertEquals(Long.MAX_VALUE, m.nextDeadlineNanos());
    }

    @Test
    void faultClearedReturnsToBackupWithAFreshMasterDownTimer() {
        InstanceStateMachine m = started(params(100));
        m.onEvent(new Event.FaultRaised("check failed"), SECOND);
        assertEquals(List.of(new Action.Transition(State.FAULT, State.BACKUP, "fault cleared"),
                new Action.WakeAt(T + 3_609_375_000L)), m.onEvent(new Event.FaultCleared(), T));
    }

    @Test
    void faultClearedOnOwnerGoesMasterAtOnce() {
        InstanceStateMachine m = started(params(255));
        m.onEvent(new Event.FaultRaised("x"), SECOND);
        List<Action> actions = m.onEvent(new Event.FaultCleared(), T);
        assertEquals(State.MASTER, m.state());
        assertEquals(new Action.SendAdvert(255), actions.get(0));
    }

    @Test
    void faultBeforeStartupIsHonouredAndClearingStartsTheInstance() {
        InstanceStateMachine m = new InstanceStateMachine(params(100));
        m.onEvent(new Event.FaultRaised("interface eth0 down"), 0);
        assertEquals(List.of(), m.onEvent(new Event.Startup(), 1));
        assertEquals(State.FAULT, m.state());
        m.onEvent(new Event.FaultCleared(), T);
        assertEquals(State.BACKUP, m.state());
    }

    @Test
    void handoverResignsHoldsAndAcceptsALowerMaster() {
        InstanceStateMachine m = master(params(200));
        List<Action> actions = m.onEvent(new Event.HandoverRequested(), T);
        assertEquals(List.of(new Action.RemoveVips(), new Action.SendAdvert(0),
                new Action.Transition(State.MASTER, State.BACKUP, "handover requested (vrrpctl failover)"),
                new Action.WakeAt(T + 3_218_750_000L)), actions);
        assertTrue(m.handoverHold());
        m.onEvent(advert(LOWER_PEER, 100), T + SECOND);
        assertEquals(T + SECOND + 3_218_750_000L, m.nextDeadlineNanos(), "lower master accepted while held");
    }

    @Test
    void heldBackupStillTakesOverWhenNoMasterIsHeard() {
        InstanceStateMachine m = master(params(200));
        m.onEvent(new Event.HandoverRequested(), T);
        m.onEvent(advert(LOWER_PEER, 100), T + SECOND);
        List<Action> fire = m.onEvent(new Event.Tick(), T + SECOND + 3_218_750_000L);
        assertEquals(State.MASTER, m.state());
        assertTrue(transition(fire).reason().endsWith("despite handover hold: taking over so the VIPs are not lost"),
                transition(fire).reason());
    }

    @Test
    void releasedHoldPreemptsOnTheNextLowerAdvert() {
        InstanceStateMachine m = master(params(200));
        m.onEvent(new Event.HandoverRequested(), T);
        m.onEvent(advert(LOWER_PEER, 100), T + SECOND);
        assertEquals(List.of(), m.onEvent(new Event.HandoverReleased(), T + SECOND + 1));
        assertFalse(m.handoverHold());
        m.onEvent(advert(LOWER_PEER, 100), T + 2 * SECOND);
        assertEquals(T + SECOND + 3_218_750_000L, m.nextDeadlineNanos(), "discarded: timer from 1 s earlier");
    }

    @Test
    void handoverOnBackupIsRefusedWithAReason() {
        InstanceStateMachine m = started(params(100));
        m.onEvent(advert(HIGHER_PEER, 150), SECOND);
        assertEquals(Optional.of("not MASTER (state BACKUP)"), m.handoverRefusal());
        assertEquals(List.of(), m.onEvent(new Event.HandoverRequested(), 2 * SECOND));
        assertEquals(State.BACKUP, m.state());
        assertFalse(m.handoverHold());
        assertEquals(Optional.empty(), master(params(100)).handoverRefusal());
    }

    @Test
    void repeatedFaultEdgesChangeNothing() {
        InstanceStateMachine m = started(params(100));
        assertEquals(List.of(), m.onEvent(new Event.FaultCleared(), SECOND), "clear without fault");
        m.onEvent(new Event.FaultRaised("a"), 2 * SECOND);
        assertEquals(List.of(), m.onEvent(new Event.FaultRaised("b"), 3 * SECOND), "second raise");
        assertEquals(List.of(), m.onEvent(new Event.Tick(), 10 * SECOND), "no timers in FAULT");
        assertEquals(State.FAULT, m.state());
    }

    @Test
    void holdSurvivesFaultSoAHeldOwnerComesBackAsBackup() {
        InstanceStateMachine m = started(params(255));
        m.onEvent(new Event.HandoverRequested(), SECOND);
        m.onEvent(new Event.FaultRaised("x"), 2 * SECOND);
        m.onEvent(new Event.FaultCleared(), 3 * SECOND);
        assertEquals(State.BACKUP, m.state());
        assertTrue(m.handoverHold());
    }
}
