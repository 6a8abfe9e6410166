package io.vrrpd.hooks.postgres;

/**
 * What this node remembers across restarts (the state file, {@link StateStore}): the evidence the next
 * takeover compares against, and the marks that keep a fenced ex-primary from serving again.
 *
 * @param systemId             the cluster's system identifier, once seen (0: not yet)
 * @param lastPrimaryLsn       the furthest WAL position the peer's primary was seen at by the guard
 * @param lastPrimaryTimeline  its timeline then
 * @param lastPrimaryAtMillis  when (epoch ms); 0: never
 * @param fenced               this node's server was stopped as a primary when the node left MASTER (or
 *                             refused a handover): it may hold stale writes and must rejoin before it
 *                             serves as primary again
 * @param fencedWhy            why and when, for messages
 * @param plannedStopLsn       the shutdown checkpoint of a planned handover the peer confirmed; the server
 *                             restarts as a standby without pg_rewind (ZERO: none pending)
 * @param lastEvent            the last promotion, rejoin or handover in one line (timeline, LSN, time)
 */
public record HookState(long systemId, Lsn lastPrimaryLsn, int lastPrimaryTimeline, long lastPrimaryAtMillis,
                        boolean fenced, String fencedWhy, Lsn plannedStopLsn, String lastEvent) {

    /** A node that has seen nothing yet. */
    public static final HookState EMPTY = new HookState(0, Lsn.ZERO, 0, 0, false, "", Lsn.ZERO, "");

    public HookState {
        lastPrimaryLsn = lastPrimaryLsn == null ? Lsn.ZERO : lastPrimaryLsn;
        plannedStopLsn = plannedStopLsn == null ? Lsn.ZERO : plannedStopLsn;
        fencedWhy = fencedWhy == null ? "" : fencedWhy;
        lastEvent = lastEvent == null ? "" : lastEvent;
    }

    /** The guard saw the peer's primary at {@code lsn} on {@code timeline}. */
    public HookState seenPrimary(long sysId, Lsn lsn, int timeline, long nowMillis) {
        return new HookState(sysId, lsn, timeline, nowMillis, fenced, fencedWhy, plannedStopLsn, lastEvent);
    }

    public HookState withSystemId(long sysId) {
        return new HookState(sysId, lastPrimaryLsn, lastPrimaryTimeline, lastPrimaryAtMillis, fenced, fencedWhy,
                plannedStopLsn, lastEvent);
    }

    public HookState fence(String why) {
        return new HookState(systemId, lastPrimaryLsn, lastPrimaryTimeline, lastPrimaryAtMillis, true, why,
                Lsn.ZERO, lastEvent);
    }

    public HookState plannedStop(Lsn checkpoint, String event) {
        return new HookState(systemId, lastPrimaryLsn, lastPrimaryTimeline, lastPrimaryAtMillis, false, "",
                checkpoint, event);
    }

    /** After a promotion or a completed rejoin: clean again, with the event recorded. */
    public HookState clean(String event) {
        return new HookState(systemId, lastPrimaryLsn, lastPrimaryTimeline, lastPrimaryAtMillis, false, "",
                Lsn.ZERO, event);
    }

    public boolean hasPlannedStop() {
        return !plannedStopLsn.equals(Lsn.ZERO);
    }
}
