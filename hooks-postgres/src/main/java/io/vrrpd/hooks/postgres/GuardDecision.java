package io.vrrpd.hooks.postgres;

import io.vrrpd.hooks.Health;
import java.time.Duration;

/**
 * The guard's verdict on this node (pure): may it hold the VIP, take over a dead master only, or neither,
 * and should a rejoin start. Issue 7 §3: a standby never preempts a healthy primary (NO_PREEMPT), a
 * returning ex-primary stays out of MASTER until it streams from the new primary (UNFIT).
 */
public final class GuardDecision {

    /** How long a standby may fail to stream from a reachable primary before a rejoin is tried (a walreceiver
     * restarts within 5 s, wal_retrieve_retry_interval; a diverged timeline never recovers by itself). */
    public static final Duration STREAM_GRACE = Duration.ofSeconds(30);

    /** What to start in the background after this check. */
    public enum FollowUp {
        NONE,
        /** pg_rewind (or a base backup) and restart as a standby of the peer. */
        REJOIN,
        /** After a confirmed planned handover: restart as a standby of the new primary, no pg_rewind. */
        RESTART_AS_STANDBY
    }

    /** The verdict and what to do next. */
    public record Verdict(Health health, FollowUp followUp) {
    }

    private GuardDecision() {
    }

    /**
     * @param master          whether the instance is MASTER now
     * @param local           the local server
     * @param peer            the peer's server
     * @param state           what this node remembers
     * @param peerHost        the peer's configured host, for messages
     * @param peerNames       that host and its addresses (a standby must stream from one of them)
     * @param rejoin          auto or manual
     * @param notStreamingFor how long the local standby has not streamed from a reachable primary
     */
    public static Verdict decide(boolean master, ServerFacts local, ServerFacts peer, HookState state,
                                 String peerHost, java.util.Set<String> peerNames, RejoinMode rejoin, Duration notStreamingFor, String instance) {
        if (master) {
            if (!local.reachable()) {
                return unfit("local server is not running or not answering: " + local.problem());
            }
            if (local.inRecovery()) {
                return unfit("local server is a standby while this node is MASTER");
            }
            String warn = peer.isPrimary() ? "; WARNING: the peer's server is a primary too (" + peer.describe()
                    + "): it must rejoin" : "";
            return new Verdict(Health.ready(local.describe() + warn), FollowUp.NONE);
        }
        String manual = "; run `vrrpctl rejoin " + instance + "`";
        if (!local.reachable()) {
            if (state.hasPlannedStop() && peer.isPrimary()) {
                return new Verdict(Health.unfit("stopped for a planned handover at " + state.plannedStopLsn()
                        + "; restarting as a standby of " + peerHost), FollowUp.RESTART_AS_STANDBY);
            }
            if (peer.isPrimary()) {
                return rejoin == RejoinMode.AUTO
                        ? new Verdict(Health.unfit("local server not running; rejoining as a standby of "
                        + peerHost), FollowUp.REJOIN)
                        : unfit("local server not running; the peer is the primary" + manual);
            }
            return unfit("local server not running (" + local.problem() + "); peer " + peer.describe()
                    + ": no primary to rejoin");
        }
        if (peer.reachable() && peer.systemId() != local.systemId()) {
            return unfit("the peer's server belongs to another cluster (system identifier "
                    + Long.toUnsignedString(peer.systemId()) + ", local " + Long.toUnsignedString(local.systemId()) + ")");
        }
        if (!local.inRecovery()) {
            boolean staleByTimeline = peer.isPrimary() ? peer.timeline() > local.timeline()
                    : state.lastPrimaryTimeline() > local.timeline();
            if (state.fenced() || staleByTimeline) {
                String why = "stale ex-primary (local timeline " + local.timeline() + (peer.isPrimary()
                        ? ", peer primary on timeline " + peer.timeline() : "")
                        + (state.fenced() ? "; fenced: " + state.fencedWhy() : "") + ")";
                if (peer.isPrimary() && rejoin == RejoinMode.AUTO) {
                    return new Verdict(Health.unfit(why + "; rejoining as a standby of " + peerHost), FollowUp.REJOIN);
                }
                return unfit(why + (peer.isPrimary() ? manual : "; waiting for the peer's primary"));
            }
            if (peer.isPrimary()) {
                return unfit("two primaries: local on timeline " + local.timeline() + ", peer on timeline "
                        + peer.timeline() + "; neither is provably stale: resolve by hand (docs/postgres.md)");
            }
            // Not READY: a node that is not MASTER has no business preempting a live master, even with a
            // primary of its own (that master's server is a primary too, or its guard would have faulted it).
            // With no live master it still takes over (first start) and its takeover rechecks the peer.
            return new Verdict(Health.noPreempt("local server is the primary (" + local.describe() + "); peer "
                    + peer.describe() + "; takes the VIP only when no master holds it"), FollowUp.NONE);
        }
        if (peer.isPrimary()) {
            if (local.streamsFrom(peerNames)) {
                long lag = peer.currentLsn().minus(local.receivedLsn());
                return new Verdict(Health.noPreempt("standby streaming from " + peerHost + ", "
                        + Math.max(0, lag) + " bytes behind; never preempts a healthy primary"), FollowUp.NONE);
            }
            String why = "standby not streaming from the primary " + peerHost + " (" + local.describe() + ")";
            if (notStreamingFor.compareTo(STREAM_GRACE) >= 0) {
                return rejoin == RejoinMode.AUTO
                        ? new Verdict(Health.unfit(why + " for " + notStreamingFor.toSeconds() + " s; rejoining"),
                        FollowUp.REJOIN)
                        : unfit(why + manual);
            }
            return unfit(why);
        }
        if (peer.isStandby()) {
            return new Verdict(Health.noPreempt("standby (" + local.describe() + "); the peer is a standby too"),
                    FollowUp.NONE);
        }
        return new Verdict(Health.noPreempt("standby (" + local.describe() + "); peer " + peer.describe()
                + ": may take over a dead master, last primary position seen " + state.lastPrimaryLsn()),
                FollowUp.NONE);
    }

    /**
     * After a takeover refused because the peer's server still answered as a primary (VRRP between the
     * nodes broken, PostgreSQL not), stay UNFIT for {@code hold} while that stays true, so the node sits in
     * FAULT instead of cycling BACKUP, master-down, refused takeover, FAULT every few seconds (a mail each
     * time). The hold ends at once when the peer's server stops answering as primary: a peer that dies
     * meanwhile is taken over without delay.
     *
     * @param refusedAt when the takeover was refused for split brain, or null
     */
    public static java.util.Optional<Health> splitBrainHold(boolean master, ServerFacts peer,
                                                            java.time.Instant refusedAt, java.time.Instant now,
                                                            Duration hold) {
        if (master || refusedAt == null || !peer.isPrimary() || !now.isBefore(refusedAt.plus(hold))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Health.unfit("takeover refused at " + refusedAt + ": the peer's server is a live "
                + "primary (" + peer.describe() + ") while VRRP says its master is gone; VRRP between the nodes is "
                + "probably blocked; holding FAULT until " + refusedAt.plus(hold)));
    }

    private static Verdict unfit(String detail) {
        return new Verdict(Health.unfit(detail), FollowUp.NONE);
    }
}
