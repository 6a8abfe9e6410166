package io.vrrpd.hooks.postgres;

/**
 * Whether this node may open its server for writes behind the VIP: pure, from observed facts only
 * (Patroni's {@code Ha.is_healthiest_node} / {@code is_lagging} questions, for two nodes without a DCS).
 * The reasons are written for the log, {@code vrrpctl status} and the failover mail.
 */
public final class TakeoverDecision {

    /** The answer. */
    public enum Kind {
        /** The local server is already the only primary (first start, or a takeover back after a refused handover). */
        ALREADY_PRIMARY,
        /** The local standby is eligible: promote it. */
        PROMOTE,
        /** Not safe: stay out of MASTER (the runtime goes FAULT with the reason). */
        REFUSE
    }

    /** The decision and its reason. */
    public record Verdict(Kind kind, String reason) {
    }

    private TakeoverDecision() {
    }

    /**
     * @param local  the local server now
     * @param peer   the peer's server now (fresh: asked within the takeover, or by the guard just before)
     * @param state  what this node remembers (last primary position seen, fence mark)
     * @param maxLag bytes of WAL the standby may be behind the last primary position seen
     */
    public static Verdict decide(ServerFacts local, ServerFacts peer, HookState state, long maxLag) {
        if (!local.reachable()) {
            return refuse("local server is not running or not answering: " + local.problem());
        }
        if (peer.isPrimary()) {
            return refuse("split brain averted: the peer's server still answers as a primary ("
                    + peer.describe() + "); VRRP between the nodes is probably broken; not promoting");
        }
        if (peer.reachable() && peer.systemId() != local.systemId()) {
            return refuse("the peer's server belongs to another cluster (system identifier "
                    + Long.toUnsignedString(peer.systemId()) + ", local " + Long.toUnsignedString(local.systemId()) + ")");
        }
        if (state.systemId() != 0 && state.systemId() != local.systemId()) {
            return refuse("the local server is not the cluster this node replicated (system identifier "
                    + Long.toUnsignedString(local.systemId()) + ", recorded " + Long.toUnsignedString(state.systemId())
                    + "); rejoin it");
        }
        if (!local.inRecovery()) {
            if (state.fenced()) {
                return refuse("the local server is an ex-primary fenced when this node left MASTER ("
                        + state.fencedWhy() + "); it may miss writes the peer took since: rejoin it first");
            }
            if (state.lastPrimaryTimeline() > local.timeline()) {
                return refuse("the local primary is stale: it is on timeline " + local.timeline()
                        + " but the peer was seen as primary on timeline " + state.lastPrimaryTimeline() + "; rejoin it");
            }
            return new Verdict(Kind.ALREADY_PRIMARY, "the local server is already the primary (" + local.describe()
                    + "); peer " + peer.describe());
        }
        if (local.timeline() < state.lastPrimaryTimeline()) {
            return refuse("the local standby is on timeline " + local.timeline()
                    + ", behind the primary's timeline " + state.lastPrimaryTimeline() + " seen last");
        }
        Lsn have = local.standbyPosition();
        if (local.replayedLsn().compareTo(local.receivedLsn()) < 0) {
            return refuse("the local standby has not replayed what it received (replayed " + local.replayedLsn()
                    + ", received " + local.receivedLsn() + ")");
        }
        if (peer.isStandby() && peer.standbyPosition().minus(have) > maxLag) {
            return refuse("the peer's standby is further ahead (" + peer.standbyPosition() + " vs local " + have
                    + "): it should be promoted, not this one");
        }
        if (state.lastPrimaryAtMillis() == 0) {
            return new Verdict(Kind.PROMOTE, "promoting the standby at " + have + " (timeline " + local.timeline()
                    + "); no primary position was recorded before, so its lag cannot be checked; peer "
                    + peer.describe());
        }
        long lag = state.lastPrimaryLsn().minus(have);
        if (lag > maxLag) {
            return refuse("the local standby is " + lag + " bytes behind the last primary position seen ("
                    + state.lastPrimaryLsn() + ", local " + have + "; max_lag " + maxLag + " bytes)");
        }
        return new Verdict(Kind.PROMOTE, "promoting the standby at " + have + " (timeline " + local.timeline()
                + "), " + Math.max(0, lag) + " bytes behind the last primary position seen " + state.lastPrimaryLsn()
                + " (max_lag " + maxLag + "); peer " + peer.describe());
    }

    private static Verdict refuse(String reason) {
        return new Verdict(Kind.REFUSE, reason);
    }
}
