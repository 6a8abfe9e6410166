package io.vrrpd.election;

import static io.vrrpd.election.Machines.HIGHER_PEER;
import static io.vrrpd.election.Machines.LOWER_PEER;
import static io.vrrpd.election.Machines.SECOND;
import static io.vrrpd.election.Machines.advert;
import static io.vrrpd.election.Machines.params;
import static io.vrrpd.election.Machines.started;
import static io.vrrpd.election.Machines.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3768 §6.4.2 and keepalived's nopreempt / preempt_delay, with plain numbers. */
class BackupAdvertHandlingTest {
    private static final long MDI_100 = 3_609_375_000L;

    @Test
    void equalPriorityIsAcceptedSoEqualPrioritiesNeverPreempt() {
        InstanceStateMachine m = started(params(100));
        m.onEvent(advert(LOWER_PEER, 100), SECOND);
        assertEquals(SECOND + MDI_100, m.nextDeadlineNanos());
        assertEquals(LOWER_PEER, m.masterAddress());
    }

    @Test
    void priorityZeroSetsTheTimerToSkewTime() {
        InstanceStateMachine m = started(params(100));
        m.onEvent(advert(HIGHER_PEER, 150), SECOND);
        List<Action> actions = m.onEvent(advert(HIGHER_PEER, 0), 2 * SECOND);
        assertEquals(List.of(new Action.WakeAt(2 * SECOND + 609_375_000L)), actions);
        assertNull(m.masterAddress());
        List<Action> fire = m.onEvent(new Event.Tick(), 2 * SECOND + 609_375_000L);
        assertEquals(State.MASTER, m.state());
        assertEquals("master 192.0.2.12 resigned (priority 0 advert 0.61 s ago)", transition(fire).reason());
    }

    @Test
    void preemptingBackupDiscardsLowerPriorityAndTakesOverWhenTheTimerFires() {
        InstanceStateMachine m = started(params(100));
        m.onEvent(advert(LOWER_PEER, 120), SECOND);
        m.onEvent(new Event.PriorityChanged(130), SECOND + 1);
        assertEquals(List.of(), m.onEvent(advert(LOWER_PEER, 120), 2 * SECOND), "discarded: timer untouched");
        assertEquals(SECOND + MDI_100, m.nextDeadlineNanos());
        List<Action> fire = m.onEvent(new Event.Tick(), SECOND + MDI_100);
        assertEquals(State.MASTER, m.state());
        assertEquals(new Action.SendAdvert(130), fire.get(0));
        assertEquals("master-down timer expired (last advert from 192.0.2.5 3.61 s ago; preempting lower "
                + "priority 120 from 192.0.2.5)", transition(fire).reason());
    }

    @Test
    void nopreemptBackupAcceptsALowerPriorityMaster() {
        InstanceStateMachine m = started(params(150, false, 0, 2, State.BACKUP));
        for (int i = 1; i <= 10; i++) {
            m.onEvent(advert(LOWER_PEER, 100), i * SECOND);
        }
        // skew of priority 150: (256-150)/256 s = 0.4140625 s
        assertEquals(10 * SECOND + 3_414_062_500L, m.nextDeadlineNanos());
        assertEquals(State.BACKUP, m.state());
    }

    @Test
    void ownerPreemptsEvenWithNopreempt() {
        InstanceStateMachine m = new InstanceStateMachine(params(255, false, 0, 2, State.BACKUP));
        m.onEvent(new Event.Startup(), 0);
        m.onEvent(advert(HIGHER_PEER, 255), SECOND); // another owner wins the tie-break
        assertEquals(State.BACKUP, m.state());
        m.onEvent(new Event.PriorityChanged(255), SECOND);
        long deadline = m.nextDeadlineNanos();
        assertEquals(List.of(), m.onEvent(advert(LOWER_PEER, 100), 2 * SECOND));
        assertEquals(deadline, m.nextDeadlineNanos(), "owner discards the lower advert despite nopreempt");
    }

    @Test
    void preemptDelayToleratesALowerMasterFromItsFirstAdvertThenPreempts() {
        InstanceStateMachine m = started(params(150, true, 5 * SECOND, 2, State.BACKUP));
        long mdi = 3_414_062_500L;
        // first lower advert at 1 s starts the delay, ending at 6 s
        for (int i = 1; i <= 5; i++) {
            m.onEvent(advert(LOWER_PEER, 100), i * SECOND);
            assertEquals(i * SECOND + mdi, m.nextDeadlineNanos(), "accepted during the delay at " + i + " s");
        }
        assertEquals(List.of(), m.onEvent(advert(LOWER_PEER, 100), 6 * SECOND), "discarded once it elapsed");
        assertEquals(5 * SECOND + mdi, m.nextDeadlineNanos());
        m.onEvent(new Event.Tick(), 5 * SECOND + mdi);
        assertEquals(State.MASTER, m.state());
    }

    @Test
    void higherPriorityAdvertCancelsThePreemptDelay() {
        InstanceStateMachine m = started(params(150, true, 5 * SECOND, 2, State.BACKUP));
        m.onEvent(advert(LOWER_PEER, 100), SECOND);
        m.onEvent(advert(HIGHER_PEER, 200), 2 * SECOND);
        // the delay restarts from the next lower advert, at 7 s, so adverts up to 11 s are accepted
        for (int i = 7; i <= 11; i++) {
            m.onEvent(advert(LOWER_PEER, 100), i * SECOND);
            assertEquals(i * SECOND + 3_414_062_500L, m.nextDeadlineNanos(), "accepted at " + i + " s");
        }
        long before = m.nextDeadlineNanos();
        m.onEvent(advert(LOWER_PEER, 100), 12 * SECOND);
        assertEquals(before, m.nextDeadlineNanos());
    }

    @Test
    void loweredPriorityChangesSkewFromTheNextAdvert() {
        InstanceStateMachine m = started(params(100));
        m.onEvent(new Event.PriorityChanged(60), 0);
        m.onEvent(advert(HIGHER_PEER, 80), SECOND);
        // (256-60)/256 s = 0.765625 s
        assertEquals(SECOND + 3_765_625_000L, m.nextDeadlineNanos());
        assertEquals(60, m.effectivePriority());
    }

    @Test
    void v3BackupLearnsMasterAdvertIntervalFromTheAdvert() {
        InstanceStateMachine m = started(params(100, true, 0, 3, State.BACKUP));
        m.onEvent(new Event.AdvertReceived(HIGHER_PEER, 200, 50), SECOND);
        assertEquals(50, m.masterAdvertIntervalCentis());
        assertEquals(SECOND + 1_500_000_000L + 304_687_500L, m.nextDeadlineNanos());
    }

    @Test
    void v2IgnoresTheAdvertisedIntervalAndUsesItsOwn() {
        InstanceStateMachine m = started(params(100));
        m.onEvent(new Event.AdvertReceived(HIGHER_PEER, 200, 200), SECOND);
        assertEquals(SECOND + MDI_100, m.nextDeadlineNanos());
    }
}
