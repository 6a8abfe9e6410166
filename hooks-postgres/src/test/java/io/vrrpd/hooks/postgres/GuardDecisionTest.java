package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.hooks.Health.Status;
import io.vrrpd.hooks.postgres.GuardDecision.FollowUp;
import io.vrrpd.hooks.postgres.GuardDecision.Verdict;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardDecisionTest {
    static final long SYS = 42;
    static final String PEER = "192.0.2.11";
    static final ServerFacts PRIMARY_PEER = ServerFacts.primary(SYS, 150004, 2, Lsn.parse("0/6000000"));
    static final ServerFacts STREAMING = ServerFacts.standby(SYS, 150004, 2, Lsn.parse("0/6000000"),
            Lsn.parse("0/6000000"), "streaming", PEER);
    static final ServerFacts DOWN = ServerFacts.unreachable("Connection refused");

    static Verdict backup(ServerFacts local, ServerFacts peer, HookState st, RejoinMode mode, Duration notStreaming) {
        return GuardDecision.decide(false, local, peer, st, PEER, Set.of(PEER), mode, notStreaming, "VI_1");
    }

    static Verdict backup(ServerFacts local, ServerFacts peer) {
        return backup(local, peer, HookState.EMPTY, RejoinMode.AUTO, Duration.ZERO);
    }

    @Test
    void aStreamingStandbyNeverPreemptsAHealthyPrimary() {
        Verdict v = backup(STREAMING, PRIMARY_PEER);
        assertEquals(Status.NO_PREEMPT, v.health().status());
        assertEquals(FollowUp.NONE, v.followUp());
    }

    @Test
    void aStandbyMayTakeOverWhenThePrimaryIsGone() {
        assertEquals(Status.NO_PREEMPT, backup(STREAMING, DOWN).health().status());
    }

    @Test
    void aStandbyNotStreamingFromTheLivePrimaryIsUnfitAndRejoinsAfterTheGrace() {
        ServerFacts stuck = ServerFacts.standby(SYS, 150004, 1, Lsn.parse("0/5000000"), Lsn.parse("0/5000000"), "", "");
        Verdict early = backup(stuck, PRIMARY_PEER, HookState.EMPTY, RejoinMode.AUTO, Duration.ofSeconds(5));
        assertEquals(Status.UNFIT, early.health().status());
        assertEquals(FollowUp.NONE, early.followUp());
        Verdict late = backup(stuck, PRIMARY_PEER, HookState.EMPTY, RejoinMode.AUTO, GuardDecision.STREAM_GRACE);
        assertEquals(FollowUp.REJOIN, late.followUp());
        Verdict manual = backup(stuck, PRIMARY_PEER, HookState.EMPTY, RejoinMode.MANUAL, GuardDecision.STREAM_GRACE);
        assertEquals(FollowUp.NONE, manual.followUp());
        assertTrue(manual.health().detail().contains("vrrpctl rejoin VI_1"), manual.health().detail());
    }

    @Test
    void aStoppedExPrimaryRejoinsWhenThePeerIsPrimaryOrWaitsForTheAdmin() {
        Verdict auto = backup(DOWN, PRIMARY_PEER);
        assertEquals(Status.UNFIT, auto.health().status());
        assertEquals(FollowUp.REJOIN, auto.followUp());
        Verdict manual = backup(DOWN, PRIMARY_PEER, HookState.EMPTY, RejoinMode.MANUAL, Duration.ZERO);
        assertEquals(FollowUp.NONE, manual.followUp());
        assertEquals(FollowUp.NONE, backup(DOWN, DOWN).followUp());
        assertEquals(Status.UNFIT, backup(DOWN, DOWN).health().status());
    }

    @Test
    void afterAPlannedHandoverTheOldPrimaryRestartsAsStandbyEvenWithManualRejoin() {
        HookState planned = HookState.EMPTY.plannedStop(Lsn.parse("0/5000028"), "planned");
        Verdict v = backup(DOWN, PRIMARY_PEER, planned, RejoinMode.MANUAL, Duration.ZERO);
        assertEquals(FollowUp.RESTART_AS_STANDBY, v.followUp());
        ServerFacts peerNotYetPromoted = ServerFacts.standby(SYS, 150004, 1, Lsn.ZERO, Lsn.parse("0/5000100"), "", "");
        assertEquals(FollowUp.NONE, backup(DOWN, peerNotYetPromoted, planned, RejoinMode.AUTO, Duration.ZERO).followUp());
    }

    @Test
    void aStaleRunningExPrimaryIsUnfitAndRejoins() {
        ServerFacts oldPrimary = ServerFacts.primary(SYS, 150004, 1, Lsn.parse("0/5000000"));
        Verdict v = backup(oldPrimary, PRIMARY_PEER);
        assertEquals(Status.UNFIT, v.health().status());
        assertEquals(FollowUp.REJOIN, v.followUp());
        Verdict fencedAlone = backup(oldPrimary, DOWN, HookState.EMPTY.fence("left MASTER"), RejoinMode.AUTO, Duration.ZERO);
        assertEquals(Status.UNFIT, fencedAlone.health().status());
        assertEquals(FollowUp.NONE, fencedAlone.followUp());
    }

    @Test
    void twoPrimariesWithoutProofOfStalenessAreLeftToTheAdmin() {
        ServerFacts newer = ServerFacts.primary(SYS, 150004, 3, Lsn.parse("0/7000000"));
        Verdict v = backup(newer, PRIMARY_PEER);
        assertEquals(Status.UNFIT, v.health().status());
        assertEquals(FollowUp.NONE, v.followUp());
        assertTrue(v.health().detail().startsWith("two primaries"), v.health().detail());
    }

    @Test
    void aPrimaryOutsideMasterTakesAVacantVipButNeverPreempts() {
        assertEquals(Status.NO_PREEMPT, backup(ServerFacts.primary(SYS, 150004, 2, Lsn.parse("0/6000000")), STREAMING)
                .health().status());
    }

    @Test
    void theMasterIsReadyWhileItsServerIsPrimaryAndUnfitWhenItDied() {
        ServerFacts primary = ServerFacts.primary(SYS, 150004, 2, Lsn.parse("0/6000000"));
        assertEquals(Status.READY, GuardDecision.decide(true, primary, STREAMING, HookState.EMPTY, PEER, Set.of(PEER),
                RejoinMode.AUTO, Duration.ZERO, "VI_1").health().status());
        Verdict died = GuardDecision.decide(true, DOWN, STREAMING, HookState.EMPTY, PEER, Set.of(PEER),
                RejoinMode.AUTO, Duration.ZERO, "VI_1");
        assertEquals(Status.UNFIT, died.health().status());
        assertEquals(FollowUp.NONE, died.followUp());
    }

    @Test
    void aServerOfAnotherClusterIsUnfit() {
        ServerFacts other = ServerFacts.standby(SYS + 1, 150004, 2, Lsn.ZERO, Lsn.ZERO, "streaming", PEER);
        assertEquals(Status.UNFIT, backup(other, PRIMARY_PEER).health().status());
    }

    @Test
    void afterASplitBrainRefusalTheNodeHoldsFaultWhileThePeerStaysPrimaryButNotAfterItDies() {
        java.time.Instant t = java.time.Instant.parse("2026-11-30T12:00:00Z");
        Duration hold = Duration.ofSeconds(30);
        var held = GuardDecision.splitBrainHold(false, PRIMARY_PEER, t, t.plusSeconds(10), hold);
        assertEquals(Status.UNFIT, held.orElseThrow().status());
        assertTrue(held.get().detail().contains("VRRP between the nodes is probably blocked"), held.get().detail());
        assertTrue(GuardDecision.splitBrainHold(false, PRIMARY_PEER, t, t.plusSeconds(30), hold).isEmpty(), "hold over");
        assertTrue(GuardDecision.splitBrainHold(false, DOWN, t, t.plusSeconds(10), hold).isEmpty(), "peer died");
        assertTrue(GuardDecision.splitBrainHold(false, PRIMARY_PEER, null, t, hold).isEmpty(), "no refusal");
        assertTrue(GuardDecision.splitBrainHold(true, PRIMARY_PEER, t, t.plusSeconds(1), hold).isEmpty(), "master");
    }
}
