package io.vrrpd.hooks.postgres;

import io.vrrpd.hooks.HealthCheck;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookReport;
import io.vrrpd.hooks.ScriptRun;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL behind a VRRP address on two nodes: promote the standby on takeover, fence the primary on
 * release, hand over cleanly on {@code vrrpctl failover}, keep a stale ex-primary out of MASTER and rejoin
 * it as a standby. The rule above all (issue 7): vrrpd is never the reason a committed transaction is lost
 * or two primaries accept writes; a promotion refused with a loud reason beats a doubtful one.
 *
 * <h2>Choices, and why</h2>
 * <ul>
 *   <li><b>Before promoting</b> ({@link TakeoverDecision}): the local server must be a standby of the same
 *       cluster (system identifier), on a timeline no older than the primary's last seen, with everything it
 *       received replayed, and no more than {@code max_lag} behind the last primary position this node saw.
 *       This is Patroni's failover check (ha.py, {@code is_failover_possible} / {@code _is_healthiest_node}
 *       with {@code maximum_lag_on_failover}, default 1 MiB, which we keep), except that Patroni reads the
 *       leader's last position from its DCS and we from our own guard, which records the peer primary's
 *       {@code pg_current_wal_lsn()} every check and keeps it in the state file.</li>
 *   <li><b>Is the old primary really gone?</b> VRRP gives no quorum, so we ask the peer's server itself:
 *       if it still answers and is not in recovery, we refuse (split brain) and the instance goes FAULT with
 *       the reason. Patroni needs no such question (the leader key is the fence); pg_auto_failover asks its
 *       monitor. We have neither, so a peer whose server is alive but unreachable from us (a partition that
 *       cuts PostgreSQL's port but not VRRP) stays a risk we document rather than hide.</li>
 *   <li><b>Release fences at once</b> (fast stop, immediate after {@code stop_timeout}), as keepalived users
 *       do by hand and as pg_auto_failover's keeper does when it loses the monitor: an ex-primary that lost
 *       the VIP must not keep taking writes from clients holding connections. The node is marked fenced in
 *       the state file before the stop, so it never serves as primary again before a rejoin.</li>
 *   <li><b>No preemption by a standby</b> ({@link GuardDecision}): a standby facing a healthy primary says
 *       NO_PREEMPT whatever the priorities; failback is a planned {@code vrrpctl failover}. Patroni likewise
 *       never fails back on its own.</li>
 *   <li><b>Synchronous mode</b> is Patroni's non-strict {@code synchronous_mode}: the standby is required while
 *       it streams and dropped when it is gone ({@link SyncStandbyPolicy}); we reject
 *       {@code synchronous_mode_strict} because on two nodes it turns every standby failure into a write
 *       outage. A promoted standby's inherited {@code synchronous_standby_names} is cleared before the VIP
 *       goes up (otherwise every commit waits for good).</li>
 *   <li><b>Rejoin</b> ({@link RejoinPlan}) follows Patroni's {@code use_pg_rewind}: pg_rewind from the new
 *       primary after a clean single-user recovery that keeps every WAL segment (the failure after an
 *       immediate stop), and a base backup when rewind cannot work unless {@code base_backup: off}; unlike
 *       {@code remove_data_directory_on_rewind_failure} we keep the old data directory beside the new one.</li>
 *   <li><b>Planned switchover</b>: a clean stop, then the standby's {@code pg_last_wal_replay_lsn()} must pass
 *       the shutdown checkpoint (pg_controldata) before the release reports OK; Patroni checks the same
 *       checkpoint LSN before releasing its leader key. The old primary then restarts as a standby without
 *       pg_rewind.</li>
 * </ul>
 */
public final class PostgresHook implements Hook {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresHook.class);
    /** How fresh the guard's view of the peer must be for the takeover to reuse it instead of asking again. */
    static final Duration PEER_EVIDENCE_MAX_AGE = Duration.ofSeconds(1);
    /** How long the takeover waits for the standby to replay what it received. */
    static final Duration REPLAY_WAIT = Duration.ofSeconds(5);

    private final PostgresSettings s;
    private final String instance;
    private final PgClient sql;
    private final PgCommands commands;
    private final StateStore store;
    private final PostgresGuard guard;
    private final Clock clock;

    PostgresHook(PostgresSettings settings, HookEnvironment env, PgClient sql, Clock clock) {
        this.s = settings;
        this.instance = env.instance();
        this.sql = sql;
        this.clock = clock;
        this.commands = new PgCommands(settings, env.commands());
        this.store = new StateStore(env.stateDirectory(), env.instance());
        this.guard = new PostgresGuard(settings, sql, commands, store,
                new Rejoiner(settings, commands, sql, clock, env.instance()), clock, env.instance());
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Set<HookPhase> phases() {
        return Set.of(HookPhase.TAKEOVER, HookPhase.RELEASE);
    }

    @Override
    public Duration timeout() {
        return s.timeout();
    }

    @Override
    public Optional<HealthCheck> healthCheck() {
        return Optional.of(guard);
    }

    @Override
    public Set<String> actions() {
        return Set.of("rejoin");
    }

    @Override
    public HookReport run(HookPhase phase, HookContext ctx, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        switch (phase) {
            case TAKEOVER -> {
                guard.busy("takeover in progress (promoting the local standby)");
                try {
                    return new Takeover(s, sql, commands, store, guard, clock, instance).run(deadline);
                } finally {
                    guard.busy(null);
                }
            }
            case RELEASE -> {
                if (!ctx.planned()) {
                    return fence(ctx, deadline);
                }
                guard.busy("planned handover in progress (stopping the primary cleanly)");
                try {
                    return switchover(deadline);
                } finally {
                    guard.busy(null);
                }
            }
            default -> {
                return HookReport.skipped("postgres takes no part in notify");
            }
        }
    }

    /** Issue 7 §2: leaving MASTER unplanned stops a primary at once. */
    private HookReport fence(HookContext ctx, long deadline) throws IOException, InterruptedException {
        ServerFacts local = sql.observe(s.local());
        if (local.isStandby()) {
            return HookReport.skipped("the local server is a standby; nothing to fence");
        }
        store.update(x -> x.fence("left MASTER at " + clock.instant() + " (" + ctx.reason() + ")"));
        long t0 = System.nanoTime();
        String failed = commands.stopEscalating(s.stopTimeout(), left(deadline));
        if (failed != null) {
            LOG.error("({}) postgres: could not fence the local primary: {}", instance, failed);
            return HookReport.failed("could not stop the local primary: " + failed);
        }
        String d = "fenced: the local " + (local.reachable() ? "primary" : "server") + " stopped in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms; it must rejoin before serving again";
        LOG.warn("({}) postgres: {}", instance, d);
        return HookReport.ok(d);
    }

    /** Issue 7 §6: clean stop, the standby confirms the shutdown checkpoint, then the runtime hands over. */
    private HookReport switchover(long deadline) throws IOException, InterruptedException {
        ServerFacts local = sql.observe(s.local());
        if (!local.isPrimary()) {
            return HookReport.skipped("the local server is not a running primary (" + local.describe() + ")");
        }
        ServerFacts peer = guard.observePeer();
        if (!peer.isStandby() || !"streaming".equals(peer.receiver()) || peer.systemId() != local.systemId()) {
            return HookReport.failed("planned handover refused: the peer is not a streaming standby of this server ("
                    + peer.describe() + "); the primary keeps running");
        }
        // leave time after the stop for the standby's confirmation
        ScriptRun stop = commands.stop(false, left(deadline - 2_000_000_000L));
        if (!stop.succeeded()) {
            store.update(x -> x.fence("planned handover: clean stop failed at " + clock.instant()));
            String failed = commands.stopEscalating(s.stopTimeout(), left(deadline));
            return HookReport.failed("clean stop failed (" + stop.summary() + "); "
                    + (failed == null ? "stopped immediately: fenced, the standby may lack the last writes"
                    : "and the immediate stop too: " + failed));
        }
        ScriptRun cd = commands.controldata(left(deadline));
        Optional<ControlData> control = cd.succeeded() ? ControlData.parse(cd.stdout()) : Optional.empty();
        if (control.isEmpty() || !"shut down".equals(control.get().clusterState())) {
            store.update(x -> x.fence("planned handover: shutdown checkpoint unknown"));
            return HookReport.failed("stopped, but cannot read the shutdown checkpoint: " + cd.summary());
        }
        Lsn checkpoint = control.get().checkpoint();
        Lsn replayed = Lsn.ZERO;
        String problem = "";
        while (System.nanoTime() < deadline) {
            try {
                replayed = sql.replayLsn(s.peer());
                if (replayed.isAfter(checkpoint)) {
                    String d = "stopped cleanly at shutdown checkpoint " + checkpoint + "; the standby " + s.peer().host()
                            + " replayed it (" + replayed + "); it may promote now";
                    store.update(x -> x.plannedStop(checkpoint, "planned handover " + clock.instant() + ": " + d));
                    LOG.info("({}) postgres: {}", instance, d);
                    return HookReport.ok(d);
                }
            } catch (SQLException | IOException e) {
                problem = PgClient.oneLine(e);
            }
            Thread.sleep(100);
        }
        String why = "the standby did not confirm the shutdown checkpoint " + checkpoint + " (replayed " + replayed
                + (problem.isEmpty() ? "" : ", " + problem) + ")";
        store.update(x -> x.fence("planned handover unconfirmed: " + why));
        return HookReport.failed(why + "; this server stays stopped and fenced");
    }

    @Override
    public HookReport runAction(String action, HookContext ctx, Duration timeout) throws Exception {
        if (!"rejoin".equals(action)) {
            return HookReport.failed("postgres offers no action " + action + " (only rejoin)");
        }
        if ("MASTER".equals(ctx.toState())) {
            return HookReport.failed("this node is MASTER: its server is the primary; rejoin the other node");
        }
        var running = guard.startRejoin(store.get().hasPlannedStop(), guard.lastLocalWasStandby(), false);
        Optional<Rejoiner.Outcome> o = PostgresGuard.await(running, timeout);
        if (o.isEmpty()) {
            return HookReport.ok("rejoin still running in the background; `vrrpctl status` shows its step and outcome");
        }
        return o.get().ok() ? HookReport.ok("rejoined: " + o.get().detail()) : HookReport.failed("rejoin failed: "
                + o.get().detail());
    }

    @Override
    public void close() {
        guard.close();
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime()));
    }
}
