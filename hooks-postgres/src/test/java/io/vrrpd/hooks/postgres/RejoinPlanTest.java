package io.vrrpd.hooks.postgres;

import static io.vrrpd.hooks.postgres.RejoinPlan.Step.BASE_BACKUP;
import static io.vrrpd.hooks.postgres.RejoinPlan.Step.CHECKPOINT_PEER;
import static io.vrrpd.hooks.postgres.RejoinPlan.Step.CRASH_RECOVERY;
import static io.vrrpd.hooks.postgres.RejoinPlan.Step.REWIND;
import static io.vrrpd.hooks.postgres.RejoinPlan.Step.START;
import static io.vrrpd.hooks.postgres.RejoinPlan.Step.STOP;
import static io.vrrpd.hooks.postgres.RejoinPlan.Step.VERIFY_STREAMING;
import static io.vrrpd.hooks.postgres.RejoinPlan.Step.WRITE_STANDBY_CONFIG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RejoinPlanTest {
    static ControlData cd(String state) {
        return new ControlData(state, Lsn.parse("0/5000028"), 1, 42);
    }

    @Test
    void anExPrimaryStoppedImmediatelyRecoversKeepingItsWalThenRewinds() {
        assertEquals(List.of(STOP, CRASH_RECOVERY, CHECKPOINT_PEER, REWIND, WRITE_STANDBY_CONFIG, START, VERIFY_STREAMING),
                RejoinPlan.plan(cd("in production"), false, false, true).steps());
    }

    @Test
    void aCleanlyStoppedExPrimaryRewindsWithoutCrashRecovery() {
        assertEquals(List.of(STOP, CHECKPOINT_PEER, REWIND, WRITE_STANDBY_CONFIG, START, VERIFY_STREAMING),
                RejoinPlan.plan(cd("shut down"), false, false, true).steps());
    }

    @Test
    void aConfirmedPlannedHandoverRestartsWithoutRewind() {
        RejoinPlan.Plan p = RejoinPlan.plan(cd("shut down"), true, false, true);
        assertEquals(List.of(STOP, WRITE_STANDBY_CONFIG, START, VERIFY_STREAMING), p.steps());
        assertTrue(p.why().contains("no pg_rewind"));
        // a planned record does not excuse a server that was not shut down cleanly
        assertTrue(RejoinPlan.plan(cd("in production"), true, false, true).steps().contains(REWIND));
    }

    @Test
    void aStoppedStandbyJustRestartsUnlessItCouldNotFollow() {
        assertEquals(List.of(STOP, WRITE_STANDBY_CONFIG, START, VERIFY_STREAMING),
                RejoinPlan.plan(cd("shut down in recovery"), false, false, true).steps());
        assertTrue(RejoinPlan.plan(cd("shut down in recovery"), false, true, true).steps().contains(REWIND));
    }

    @Test
    void anUnreadableDataDirectoryNeedsABaseBackupOrTheAdmin() {
        assertEquals(List.of(STOP, BASE_BACKUP, WRITE_STANDBY_CONFIG, START, VERIFY_STREAMING),
                RejoinPlan.plan(null, false, false, true).steps());
        RejoinPlan.Plan none = RejoinPlan.plan(null, false, false, false);
        assertTrue(none.steps().isEmpty());
        assertTrue(none.why().contains("base_backup is off"));
    }
}
