package io.vrrpd.election;

import static io.vrrpd.election.Machines.HIGHER_PEER;
import static io.vrrpd.election.Machines.LOWER_PEER;
import static io.vrrpd.election.Machines.SECOND;
import static io.vrrpd.election.Machines.advert;
import static io.vrrpd.election.Machines.params;
import static io.vrrpd.election.Machines.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A health check's NO_PREEMPT verdict: never preempt a live master, still take over a dead one. */
class PreemptionBlockedTest {
    private static final long MDI_150 = 3_414_062_500L;

    @Test
    void blockedBackupAcceptsALiveLowerPriorityMaster() {
        InstanceStateMachine m = started(params(150));
        m.onEvent(new Event.PreemptionBlocked(true), 0);
        assertTrue(m.preemptionBlocked());
        m.onEvent(advert(LOWER_PEER, 100), SECOND);
        assertEquals(SECOND + MDI_150, m.nextDeadlineNanos(), "accepted: the timer restarts");
        for (int i = 2; i <= 10; i++) {
            m.onEvent(advert(LOWER_PEER, 100), i * SECOND);
            m.onEvent(new Event.Tick(), i * SECOND);
        }
        assertEquals(State.BACKUP, m.state());
        assertEquals(LOWER_PEER, m.masterAddress());
    }

    @Test
    void blockedAtStartupTheStateMasterHintWaitsAFullMasterDownInterval() {
        InstanceStateMachine hinted = new InstanceStateMachine(params(150, true, 0, 2, State.MASTER));
        hinted.onEvent(new Event.PreemptionBlocked(true), 0);
        hinted.onEvent(new Event.Startup(), 0);
        assertEquals(MDI_150, hinted.nextDeadlineNanos(), "no shortened first wait while blocked");
        InstanceStateMachine free = new InstanceStateMachine(params(150, true, 0, 2, State.MASTER));
        free.onEvent(new Event.Startup(), 0);
        assertTrue(free.nextDeadlineNanos() < SECOND + SECOND / 2, "unblocked: one advert interval + skew");
    }

    @Test
    void blockedBackupStillTakesOverADeadMaster() {
        InstanceStateMachine m = started(params(150));
        m.onEvent(new Event.PreemptionBlocked(true), 0);
        m.onEvent(advert(LOWER_PEER, 100), SECOND);
        m.onEvent(new Event.Tick(), SECOND + MDI_150);
        assertEquals(State.MASTER, m.state());
    }

    @Test
    void blockedBackupTakesOverAResigningMasterAfterItsSkew() {
        InstanceStateMachine m = started(params(150));
        m.onEvent(new Event.PreemptionBlocked(true), 0);
        m.onEvent(advert(HIGHER_PEER, 200), SECOND);
        m.onEvent(advert(HIGHER_PEER, 0), 2 * SECOND);
        m.onEvent(new Event.Tick(), m.nextDeadlineNanos());
        assertEquals(State.MASTER, m.state());
    }

    @Test
    void unblockingPreemptsAgainFromTheNextLowerAdvert() {
        InstanceStateMachine m = started(params(150));
        m.onEvent(new Event.PreemptionBlocked(true), 0);
        m.onEvent(advert(LOWER_PEER, 100), SECOND);
        assertEquals(List.of(), m.onEvent(new Event.PreemptionBlocked(false), 2 * SECOND));
        assertFalse(m.preemptionBlocked());
        m.onEvent(advert(LOWER_PEER, 100), 2 * SECOND);
        assertEquals(SECOND + MDI_150, m.nextDeadlineNanos(), "discarded: timer untouched");
        m.onEvent(new Event.Tick(), SECOND + MDI_150);
        assertEquals(State.MASTER, m.state());
    }

    @Test
    void blockedOwnerLeavingFaultWaitsInBackup() {
        InstanceStateMachine m = started(params(255));
        m.onEvent(new Event.FaultRaised("check"), SECOND);
        m.onEvent(new Event.PreemptionBlocked(true), SECOND);
        m.onEvent(new Event.FaultCleared(), 2 * SECOND);
        assertEquals(State.BACKUP, m.state());
    }
}
