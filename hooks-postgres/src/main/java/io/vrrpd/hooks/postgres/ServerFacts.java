package io.vrrpd.hooks.postgres;

/**
 * What one observation of a PostgreSQL server found (pgjdbc, {@link PgClient#observe}). Pure data: the
 * decisions ({@link TakeoverDecision}, {@link GuardDecision}) read only these.
 *
 * @param reachable   the server answered a query
 * @param problem     why not, when not reachable (connection refused, timeout, authentication)
 * @param inRecovery  {@code pg_is_in_recovery()}: a standby (or a server still in crash recovery)
 * @param systemId    {@code pg_control_system().system_identifier}: the same for every copy of one cluster
 * @param version     {@code server_version_num}, e.g. 150004
 * @param timeline    the primary's current timeline (from its WAL file name) or the standby's received one
 * @param currentLsn  primary: {@code pg_current_wal_lsn()}; standby: {@link Lsn#ZERO}
 * @param receivedLsn standby: {@code pg_last_wal_receive_lsn()} (ZERO when nothing was streamed since start)
 * @param replayedLsn standby: {@code pg_last_wal_replay_lsn()}
 * @param receiver    standby: the walreceiver's status ({@code streaming}) or empty when it has none
 * @param upstream    standby: the host its walreceiver is connected to, parsed from its conninfo, or empty
 */
public record ServerFacts(boolean reachable, String problem, boolean inRecovery, long systemId, int version,
                         int timeline, Lsn currentLsn, Lsn receivedLsn, Lsn replayedLsn, String receiver,
                         String upstream) {

    /** A server that could not be asked. */
    public static ServerFacts unreachable(String problem) {
        return new ServerFacts(false, problem, false, 0, 0, 0, Lsn.ZERO, Lsn.ZERO, Lsn.ZERO, "", "");
    }

    /** A primary. */
    public static ServerFacts primary(long systemId, int version, int timeline, Lsn current) {
        return new ServerFacts(true, "", false, systemId, version, timeline, current, Lsn.ZERO, Lsn.ZERO, "", "");
    }

    /** A standby. */
    public static ServerFacts standby(long systemId, int version, int timeline, Lsn received, Lsn replayed,
                                      String receiver, String upstream) {
        return new ServerFacts(true, "", true, systemId, version, timeline, Lsn.ZERO, received, replayed,
                receiver, upstream);
    }

    public ServerFacts {
        problem = problem == null ? "" : problem;
        receiver = receiver == null ? "" : receiver;
        upstream = upstream == null ? "" : upstream;
        currentLsn = currentLsn == null ? Lsn.ZERO : currentLsn;
        receivedLsn = receivedLsn == null ? Lsn.ZERO : receivedLsn;
        replayedLsn = replayedLsn == null ? Lsn.ZERO : replayedLsn;
    }

    /** A reachable server that is not in recovery. */
    public boolean isPrimary() {
        return reachable && !inRecovery;
    }

    /** A reachable server in recovery. */
    public boolean isStandby() {
        return reachable && inRecovery;
    }

    /** The furthest WAL a standby holds: what it received or, when it streamed nothing yet, what it replayed. */
    public Lsn standbyPosition() {
        return Lsn.max(receivedLsn, replayedLsn);
    }

    /** Whether the standby's walreceiver streams from one of {@code names} (the peer's host and its addresses). */
    public boolean streamsFrom(java.util.Set<String> names) {
        return isStandby() && "streaming".equals(receiver) && names.contains(upstream);
    }

    /** One line: {@code primary, timeline 2, at 0/3000148} or {@code unreachable (Connection refused)}. */
    public String describe() {
        if (!reachable) {
            return "unreachable (" + problem + ")";
        }
        if (!inRecovery) {
            return "primary on timeline " + timeline + " at " + currentLsn;
        }
        return "standby on timeline " + timeline + ", received " + receivedLsn + ", replayed " + replayedLsn
                + (receiver.isEmpty() ? ", no walreceiver" : ", walreceiver " + receiver
                + (upstream.isEmpty() ? "" : " from " + upstream));
    }
}
