package io.vrrpd.election;

import static io.vrrpd.election.Machines.SECOND;
import static io.vrrpd.election.Machines.advert;
import static io.vrrpd.election.Machines.kinds;
import static io.vrrpd.election.Machines.params;
import static io.vrrpd.election.Machines.started;
import static io.vrrpd.election.Machines.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimingsAndStartupTest {

    @Test
    void v2MasterDownIntervalForPriority100AndOneSecondIs3_609375Seconds() {
        assertEquals(3_609_375_000L, ElectionTimings.masterDownNanos(2, 100, 100));
        assertEquals(609_375_000L, ElectionTimings.skewNanos(2, 100, 100));
        assertEquals(3_906_250L, ElectionTimings.skewNanos(2, 255, 100));
    }

    @Test
    void v3SkewScalesWithMasterAdvertInterval() {
        // RFC 5798 §6.1: ((256-100) * 50 cs) / 256 = 0.3046875 s
        assertEquals(304_687_500L, ElectionTimings.skewNanos(3, 100, 50));
        assertEquals(3 * 500_000_000L + 304_687_500L, ElectionTimings.masterDownNanos(3, 100, 50));
        // (256-1) * 1 cs / 256 = 9960937.5 ns: truncated
        assertEquals(9_960_937L, ElectionTimings.skewNanos(3, 1, 1));
    }

    @Test
    void backupStartsAndTakesOverAt3_609375SecondsWhenNoMasterIsHeard() {
        InstanceStateMachine m = new InstanceStateMachine(params(100));
        List<Action> start = m.onEvent(new Event.Startup(), 0);
        assertEquals(List.of(new Action.Transition(State.INIT, State.BACKUP, "startup"),
                new Action.WakeAt(3_609_375_000L)), start);
        assertEquals(List.of(), m.onEvent(new Event.Tick(), 3_609_374_999L), "early tick is ignored");
        List<Action> fire = m.onEvent(new Event.Tick(), 3_609_375_000L);
        assertEquals(List.of(Action.SendAdvert.class, Action.Transition.class, Action.AddVips.class,
                Action.SendGarp.class), kinds(fire));
        assertEquals(new Action.SendAdvert(100), fire.get(0));
        assertEquals(new Action.WakeAt(4 * SECOND), fire.get(fire.size() - 1), "the next whole interval");
        assertEquals(State.MASTER, m.state());
        assertEquals(Machines.SELF, m.masterAddress());
    }

    @Test
    void ownerGoesMasterAtOnceOnStartup() {
        InstanceStateMachine m = new InstanceStateMachine(params(255));
        List<Action> start = m.onEvent(new Event.Startup(), 5);
        assertEquals(List.of(new Action.SendAdvert(255),
                new Action.Transition(State.INIT, State.MASTER, "startup as address owner (priority 255)"),
                new Action.AddVips(), new Action.SendGarp(), new Action.WakeAt(SECOND)), start);
    }

    @Test
    void mastersWithTheSameIntervalAdvertiseOnOneGridWithoutDrift() {
        // Two owners starting 0.3 s apart: after their first advert both are due at the same whole second,
        // so the event loop wakes once for both; late ticks shorten the next interval, they do not shift it.
        InstanceStateMachine a = new InstanceStateMachine(params(255));
        InstanceStateMachine b = new InstanceStateMachine(params(255));
        a.onEvent(new Event.Startup(), 2 * SECOND + 100_000_000L);
        b.onEvent(new Event.Startup(), 2 * SECOND + 400_000_000L);
        assertEquals(3 * SECOND, a.nextDeadlineNanos());
        assertEquals(3 * SECOND, b.nextDeadlineNanos());
        a.onEvent(new Event.Tick(), 3 * SECOND + 7_000_000L); // woke 7 ms late
        assertEquals(4 * SECOND, a.nextDeadlineNanos());
        a.onEvent(new Event.Tick(), 4 * SECOND + 2_500_000_000L); // stalled past a whole interval
        assertEquals(7 * SECOND, a.nextDeadlineNanos(), "after a stall the grid resumes, nothing is sent twice");
    }

    @Test
    void stateMasterHintStartsBackupWithOneAdvertIntervalPlusMinimumSkew() {
        InstanceStateMachine m = new InstanceStateMachine(params(100, true, 0, 2, State.MASTER));
        m.onEvent(new Event.Startup(), 0);
        assertEquals(State.BACKUP, m.state());
        assertEquals(SECOND + 3_906_250L, m.nextDeadlineNanos());
        // an advert heard meanwhile restores the normal interval
        m.onEvent(advert(Machines.HIGHER_PEER, 150), 500_000_000L);
        assertEquals(500_000_000L + 3_609_375_000L, m.nextDeadlineNanos());
    }

    @Test
    void stableMasterOnlyAdvertisesAndRearmsOnItsAdvertTimer() {
        InstanceStateMachine m = Machines.master(params(100));
        long t = m.nextDeadlineNanos();
        for (int i = 0; i < 5; i++) {
            List<Action> actions = m.onEvent(new Event.Tick(), t);
            assertEquals(List.of(new Action.SendAdvert(100), new Action.WakeAt(t + SECOND)), actions);
            t += SECOND;
        }
    }

    @Test
    void stableBackupHearingItsMasterOnlyMovesItsWakeUp() {
        InstanceStateMachine m = started(params(100));
        for (int i = 1; i <= 5; i++) {
            long t = i * SECOND;
            assertEquals(List.of(new Action.WakeAt(t + 3_609_375_000L)),
                    m.onEvent(advert(Machines.HIGHER_PEER, 120), t));
            assertEquals(State.BACKUP, m.state());
        }
        assertEquals(Machines.HIGHER_PEER, m.masterAddress());
        assertEquals(5 * SECOND, m.lastAdvertNanos().orElseThrow());
    }

    @Test
    void takeoverReasonNamesTheLastMasterAndHowLongAgo() {
        InstanceStateMachine m = started(params(100));
        m.onEvent(advert(Machines.HIGHER_PEER, 120), SECOND);
        List<Action> fire = m.onEvent(new Event.Tick(), SECOND + 3_609_375_000L);
        assertEquals("master-down timer expired (last advert from 192.0.2.12 3.61 s ago)",
                transition(fire).reason());
    }

    @Test
    void startupIsIgnoredOnceStarted() {
        InstanceStateMachine m = started(params(100));
        assertEquals(List.of(), m.onEvent(new Event.Startup(), SECOND));
    }

    @Test
    void advertsFromOurOwnAddressAreIgnored() {
        InstanceStateMachine m = started(params(100));
        assertEquals(List.of(), m.onEvent(advert(Machines.SELF, 200), SECOND));
        assertTrue(m.lastAdvertNanos().isEmpty());
        assertNull(m.masterAddress());
    }

    @Test
    void paramsRejectOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> params(0));
        assertThrows(IllegalArgumentException.class, () -> params(256));
        assertThrows(IllegalArgumentException.class, () -> params(100, true, 0, 4, State.BACKUP));
        assertThrows(IllegalArgumentException.class, () -> params(100, true, -1, 2, State.BACKUP));
        assertThrows(IllegalArgumentException.class, () -> params(100, true, 0, 2, State.FAULT));
        assertThrows(IllegalArgumentException.class, () -> new ElectionParams("VI_1", 0, 100, 100, true, 0,
                Machines.SELF, 2, State.BACKUP));
        assertThrows(IllegalArgumentException.class, () -> new ElectionParams("VI_1", 1, 100, 4096, true, 0,
                Machines.SELF, 3, State.BACKUP));
    }

    @Test
    void addressOrderComparesUnsignedBytes() {
        assertTrue(PrimaryAddressOrder.INSTANCE.compare(Machines.ip("192.0.2.200"), Machines.ip("192.0.2.12")) > 0);
        assertTrue(PrimaryAddressOrder.INSTANCE.compare(Machines.ip("192.0.2.5"), Machines.ip("192.0.2.12")) < 0);
        assertEquals(0, PrimaryAddressOrder.INSTANCE.compare(Machines.ip("192.0.2.5"), Machines.ip("192.0.2.5")));
    }
}
