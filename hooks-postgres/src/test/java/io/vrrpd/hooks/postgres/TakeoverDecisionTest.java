package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.hooks.postgres.TakeoverDecision.Kind;
import io.vrrpd.hooks.postgres.TakeoverDecision.Verdict;
import org.junit.jupiter.api.Test;

class TakeoverDecisionTest {
    static final long SYS = 7345678901234567890L;
    static final long MIB = 1L << 20;
    static final HookState SEEN = HookState.EMPTY.seenPrimary(SYS, Lsn.parse("0/5000000"), 1, 1_000);

    static ServerFacts standby(String received, String replayed) {
        return ServerFacts.standby(SYS, 150004, 1, Lsn.parse(received), Lsn.parse(replayed), "", "");
    }

    static Verdict decide(ServerFacts local, ServerFacts peer, HookState state) {
        return TakeoverDecision.decide(local, peer, state, MIB);
    }

    @Test
    void promotesAStandbyThatHasEverythingTheDeadPrimaryWasSeenWith() {
        Verdict v = decide(standby("0/5000000", "0/5000000"), ServerFacts.unreachable("Connection refused"), SEEN);
        assertEquals(Kind.PROMOTE, v.kind(), v.reason());
        assertTrue(v.reason().contains("0 bytes behind"), v.reason());
    }

    @Test
    void promotesWithinMaxLagAndRefusesBeyondIt() {
        Lsn seen = Lsn.parse("0/5000000");
        String within = new Lsn(seen.value() - MIB).toString();
        String beyond = new Lsn(seen.value() - MIB - 1).toString();
        assertEquals(Kind.PROMOTE, decide(standby(within, within), ServerFacts.unreachable("x"), SEEN).kind());
        Verdict v = decide(standby(beyond, beyond), ServerFacts.unreachable("x"), SEEN);
        assertEquals(Kind.REFUSE, v.kind());
        assertTrue(v.reason().contains("1048577 bytes behind"), v.reason());
    }

    @Test
    void refusesWhileThePeersServerStillAnswersAsPrimary() {
        Verdict v = decide(standby("0/5000000", "0/5000000"), ServerFacts.primary(SYS, 150004, 1, Lsn.parse("0/5000100")), SEEN);
        assertEquals(Kind.REFUSE, v.kind());
        assertTrue(v.reason().startsWith("split brain averted"), v.reason());
    }

    @Test
    void refusesWhenTheLocalServerIsDown() {
        Verdict v = decide(ServerFacts.unreachable("Connection refused"), ServerFacts.unreachable("timeout"), SEEN);
        assertEquals(Kind.REFUSE, v.kind());
        assertTrue(v.reason().contains("Connection refused"));
    }

    @Test
    void refusesAnotherClustersServer() {
        ServerFacts other = ServerFacts.standby(SYS + 1, 150004, 1, Lsn.parse("0/5000000"), Lsn.parse("0/5000000"), "", "");
        assertEquals(Kind.REFUSE, decide(other, ServerFacts.unreachable("x"), SEEN).kind());
        ServerFacts peerOther = ServerFacts.standby(SYS + 1, 150004, 1, Lsn.ZERO, Lsn.ZERO, "", "");
        assertEquals(Kind.REFUSE, decide(standby("0/5000000", "0/5000000"), peerOther, HookState.EMPTY).kind());
    }

    @Test
    void refusesUntilWhatWasReceivedIsReplayed() {
        Verdict v = decide(standby("0/5000000", "0/4F00000"), ServerFacts.unreachable("x"), SEEN);
        assertEquals(Kind.REFUSE, v.kind());
        assertTrue(v.reason().contains("not replayed"), v.reason());
    }

    @Test
    void refusesAStandbyOnAnOlderTimelineThanThePrimarySeen() {
        HookState seenOnTl2 = HookState.EMPTY.seenPrimary(SYS, Lsn.parse("0/5000000"), 2, 1);
        assertEquals(Kind.REFUSE, decide(standby("0/5000000", "0/5000000"), ServerFacts.unreachable("x"), seenOnTl2).kind());
    }

    @Test
    void refusesWhenThePeersStandbyIsFurtherAhead() {
        ServerFacts peer = ServerFacts.standby(SYS, 150004, 1, Lsn.parse("0/7000000"), Lsn.parse("0/7000000"), "", "");
        assertEquals(Kind.REFUSE, decide(standby("0/5000000", "0/5000000"), peer, SEEN).kind());
    }

    @Test
    void withoutARecordedPositionPromotesAndSaysTheLagWasNotChecked() {
        Verdict v = decide(standby("0/5000000", "0/5000000"), ServerFacts.unreachable("x"), HookState.EMPTY);
        assertEquals(Kind.PROMOTE, v.kind());
        assertTrue(v.reason().contains("cannot be checked"), v.reason());
    }

    @Test
    void aPrimaryAtFirstStartTakesTheVip() {
        ServerFacts primary = ServerFacts.primary(SYS, 150004, 1, Lsn.parse("0/5000000"));
        ServerFacts peerStandby = standby("0/5000000", "0/5000000");
        assertEquals(Kind.ALREADY_PRIMARY, decide(primary, peerStandby, HookState.EMPTY).kind());
        assertEquals(Kind.ALREADY_PRIMARY, decide(primary, ServerFacts.unreachable("x"), HookState.EMPTY).kind());
    }

    @Test
    void aFencedOrStalePrimaryNeverTakesTheVipBack() {
        ServerFacts primary = ServerFacts.primary(SYS, 150004, 1, Lsn.parse("0/5000000"));
        Verdict fenced = decide(primary, ServerFacts.unreachable("x"), HookState.EMPTY.fence("left MASTER"));
        assertEquals(Kind.REFUSE, fenced.kind());
        assertTrue(fenced.reason().contains("rejoin"), fenced.reason());
        HookState peerPromoted = HookState.EMPTY.seenPrimary(SYS, Lsn.parse("0/6000000"), 2, 5);
        assertEquals(Kind.REFUSE, decide(primary, ServerFacts.unreachable("x"), peerPromoted).kind());
        assertEquals(Kind.REFUSE, decide(primary, ServerFacts.primary(SYS, 150004, 2, Lsn.parse("0/6000000")),
                HookState.EMPTY).kind());
    }
}
