package io.vrrpd.hooks.postgres;

import io.vrrpd.hooks.HookReport;
import io.vrrpd.hooks.ScriptRun;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One takeover (issue 7 §1), before the VIP goes up: gather the facts, decide ({@link TakeoverDecision}),
 * promote the way the server's version wants ({@link Promotion}), check that recovery ended and the
 * timeline advanced, clear an inherited {@code synchronous_standby_names}, and record the promotion.
 * Every step is bounded by the hook's deadline; a failure is a one-line reason and the runtime goes FAULT.
 */
final class Takeover {
    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);

    private final PostgresSettings s;
    private final PgClient sql;
    private final PgCommands commands;
    private final StateStore store;
    private final PostgresGuard guard;
    private final Clock clock;
    private final String instance;

    Takeover(PostgresSettings s, PgClient sql, PgCommands commands, StateStore store, PostgresGuard guard, Clock clock,
             String instance) {
        this.s = s;
        this.sql = sql;
        this.commands = commands;
        this.store = store;
        this.guard = guard;
        this.clock = clock;
        this.instance = instance;
    }

    HookReport run(long deadline) throws IOException, InterruptedException {
        // A dead peer costs connect_timeout per question: reuse the guard's "unreachable" from just before
        // (the tracker checks right before a takeover). Anything else is asked again: a peer that answered a
        // moment ago may have died since, and a refusal must rest on what it says now.
        ServerFacts peer = guard.recentPeer(PostgresHook.PEER_EVIDENCE_MAX_AGE).filter(p -> !p.reachable())
                .orElseGet(guard::observePeer);
        Connection c;
        try {
            c = sql.connect(s.local());
        } catch (SQLException e) {
            String why = "local server is not running or not answering: " + PgClient.oneLine(e);
            LOG.error("({}) postgres: takeover refused: {}", instance, why);
            return HookReport.failed("takeover refused: " + why);
        }
        // One connection for the whole takeover: each new one costs a backend fork and an authentication.
        try (c) {
            return run(c, peer, deadline);
        } catch (SQLException e) {
            return HookReport.failed("takeover failed: " + PgClient.oneLine(e));
        }
    }

    private HookReport run(Connection c, ServerFacts peer, long deadline)
            throws SQLException, IOException, InterruptedException {
        ServerFacts local = sql.facts(c);
        long replayUntil = Math.min(deadline, System.nanoTime() + PostgresHook.REPLAY_WAIT.toNanos());
        while (local.isStandby() && local.replayedLsn().compareTo(local.receivedLsn()) < 0
                && System.nanoTime() < replayUntil) {
            Thread.sleep(20);
            local = sql.facts(c);
        }
        HookState state = store.get();
        TakeoverDecision.Verdict v = TakeoverDecision.decide(local, peer, state, s.maxLag());
        switch (v.kind()) {
            case REFUSE -> {
                if (peer.isPrimary() && local.isStandby()) {
                    guard.splitBrainRefused();
                }
                LOG.error("({}) postgres: takeover refused: {}", instance, v.reason());
                return HookReport.failed("takeover refused: " + v.reason());
            }
            case ALREADY_PRIMARY -> {
                LOG.info("({}) postgres: {}", instance, v.reason());
                ServerFacts l = local;
                store.update(x -> x.withSystemId(l.systemId()));
                return HookReport.ok(v.reason());
            }
            default -> LOG.warn("({}) postgres: {}", instance, v.reason());
        }
        long t0 = System.nanoTime();
        Optional<String> failed = promote(c, local, deadline);
        if (failed.isPresent()) {
            LOG.error("({}) postgres: promotion failed: {}", instance, failed.get());
            return HookReport.failed("promotion failed: " + failed.get());
        }
        while (sql.inRecovery(c) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ServerFacts after = sql.facts(c);
        if (!after.isPrimary()) {
            return HookReport.failed("promotion requested but recovery did not end in time (" + after.describe() + ")");
        }
        if (after.timeline() <= local.timeline()) {
            return HookReport.failed("recovery ended but the timeline did not advance (was " + local.timeline()
                    + ", now " + after.timeline() + "); not opening for writes");
        }
        String sync = clearSynchronous(c, deadline);
        if (sync != null) {
            return HookReport.failed("promoted, but " + sync + "; commits would wait for a standby that is not there");
        }
        String d = "promoted in " + (System.nanoTime() - t0) / 1_000_000 + " ms: timeline " + local.timeline() + " -> "
                + after.timeline() + " at " + after.currentLsn() + " (" + clock.instant() + ")";
        long sysId = after.systemId();
        store.update(x -> x.withSystemId(sysId).clean(d));
        LOG.warn("({}) postgres: {}", instance, d);
        return HookReport.ok(d);
    }

    /** Ends recovery the way the version wants; empty on success, else why not. */
    private Optional<String> promote(Connection c, ServerFacts local, long deadline) throws IOException, InterruptedException {
        Promotion p = Promotion.choose(local.version() / 10000, new DataDir(s.dataDir()).read("recovery.conf"));
        Duration left = Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime()));
        switch (p.method()) {
            case PG_PROMOTE -> {
                try {
                    return sql.promoteNoWait(c) ? Optional.empty()
                            : Optional.of("pg_promote() could not signal the startup process");
                } catch (SQLException e) {
                    return Optional.of("pg_promote(): " + PgClient.oneLine(e));
                }
            }
            case TRIGGER_FILE -> {
                ScriptRun r = commands.touch(p.triggerFile(), left);
                return r.succeeded() || Files.exists(p.triggerFile()) ? Optional.empty() : Optional.of(r.summary());
            }
            default -> {
                ScriptRun r = commands.promote(left);
                return r.succeeded() ? Optional.empty() : Optional.of(r.summary());
            }
        }
    }

    /** Sets synchronous_standby_names to '' and waits for the reload to take effect; null when done. */
    private String clearSynchronous(Connection c, long deadline) throws InterruptedException {
        try {
            String current = sql.syncStandbyNames(c);
            if (current.isBlank()) {
                return null;
            }
            sql.setSyncStandbyNames(c, "");
            LOG.warn("({}) postgres: cleared the inherited synchronous_standby_names '{}' before opening for writes",
                    instance, current);
            while (System.nanoTime() < deadline) {
                // a session sees the reloaded value at its next command (SIGHUP processed between queries)
                if (sql.syncStandbyNames(c).isBlank()) {
                    return null;
                }
                Thread.sleep(20);
            }
            return "synchronous_standby_names is still set after the reload";
        } catch (SQLException e) {
            return "cannot clear synchronous_standby_names: " + PgClient.oneLine(e);
        }
    }
}
