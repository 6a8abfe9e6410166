package io.vrrpd.hooks.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps that turn this node's stopped (or stale) server into a standby of the peer (pure; issue 7 §5).
 * Patroni's choices, and ours:
 * <ul>
 *   <li>A server that stopped cleanly as a standby, or after a planned handover the peer confirmed, holds
 *       nothing the new primary lacks: restart it as a standby, no pg_rewind (Patroni likewise skips the
 *       rewind when the former leader's shutdown checkpoint reached the replica).</li>
 *   <li>Otherwise pg_rewind from the peer. An immediate stop or a crash leaves the server "in production":
 *       pg_rewind would first run crash recovery, which may recycle the WAL segment holding the last
 *       common checkpoint, and then fail for want of it. So we first run that crash recovery ourselves in
 *       single-user mode with {@code archive_mode=on} and {@code archive_command=false}, which keeps every
 *       WAL segment (it stays "not yet archived"), as Patroni's {@code Rewind.ensure_clean_shutdown}
 *       does. Before rewinding we ask the peer for a CHECKPOINT, so its control file names its new timeline
 *       (Patroni checks the leader's checkpoint for the same reason).</li>
 *   <li>When pg_rewind fails and {@code base_backup} is on, a fresh pg_basebackup; the old data directory is
 *       kept beside it (renamed), where Patroni's {@code remove_data_directory_on_rewind_failure} deletes it:
 *       it holds the only copy of the transactions rewound away, which a DBA may need.</li>
 * </ul>
 */
public final class RejoinPlan {

    /** One step, executed in order by {@link Rejoiner}. */
    public enum Step {
        /** Stop the local server if it runs (fast, then immediate). */
        STOP,
        /** Single-user crash recovery keeping all WAL (only for an unclean ex-primary). */
        CRASH_RECOVERY,
        /** CHECKPOINT on the peer, so pg_rewind sees its timeline. */
        CHECKPOINT_PEER,
        /** pg_rewind from the peer; on failure, a base backup when allowed. */
        REWIND,
        /** pg_basebackup into a fresh data directory (the old one renamed). */
        BASE_BACKUP,
        /** standby.signal + primary_conninfo (12+) or recovery.conf (10/11), node-local config kept. */
        WRITE_STANDBY_CONFIG,
        /** Start the server. */
        START,
        /** Wait until the walreceiver streams from the peer. */
        VERIFY_STREAMING
    }

    /** The steps and why this way. */
    public record Plan(List<Step> steps, String why) {
        public Plan {
            steps = List.copyOf(steps);
        }
    }

    private RejoinPlan() {
    }

    /**
     * @param control        pg_controldata of the stopped server, or null when it could not be read
     * @param plannedStop    a planned handover's shutdown checkpoint was confirmed by the peer
     * @param forceRewind    the server ran as a standby but could not stream (a diverged timeline)
     * @param baseBackup     the base-backup fallback is allowed
     */
    public static Plan plan(ControlData control, boolean plannedStop, boolean forceRewind, boolean baseBackup) {
        List<Step> s = new ArrayList<>(List.of(Step.STOP));
        String why;
        if (control == null) {
            if (!baseBackup) {
                return new Plan(List.of(), "pg_controldata cannot read the data directory and base_backup is off");
            }
            s.add(Step.BASE_BACKUP);
            why = "the data directory is unreadable (pg_controldata failed): fresh base backup";
        } else if (plannedStop && control.clusterState().equals("shut down") && !forceRewind) {
            why = "planned handover: shut down cleanly at " + control.checkpoint() + ", confirmed by the peer; no pg_rewind";
        } else if (control.wasStandby() && control.cleanlyShutDown() && !forceRewind) {
            why = "was a standby, shut down cleanly at " + control.checkpoint() + "; no pg_rewind";
        } else {
            if (!control.cleanlyShutDown()) {
                s.add(Step.CRASH_RECOVERY);
            }
            s.add(Step.CHECKPOINT_PEER);
            s.add(Step.REWIND);
            why = (control.wasStandby() ? "a standby that cannot follow the new primary" : "an ex-primary ("
                    + control.clusterState() + ", timeline " + control.timeline() + ")") + ": pg_rewind"
                    + (baseBackup ? ", base backup if that fails" : "");
        }
        s.add(Step.WRITE_STANDBY_CONFIG);
        s.add(Step.START);
        s.add(Step.VERIFY_STREAMING);
        return new Plan(s, why);
    }
}
