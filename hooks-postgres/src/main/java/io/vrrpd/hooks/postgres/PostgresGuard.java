package io.vrrpd.hooks.postgres;

import io.vrrpd.hooks.Health;
import io.vrrpd.hooks.HealthCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hook's health check (issue 7 §3, §4, §5), run by the tracker off the event loop every
 * {@code check_interval}: asks both servers, records the peer primary's position for the next takeover,
 * manages {@code synchronous_standby_names} on the primary, and starts a rejoin in the background when
 * one is due. A rejoin (pg_rewind or a base backup, minutes) never runs in the check itself: it runs on
 * the hook's own thread, bounded by {@code rejoin_timeout}, at most one at a time, and the check reports
 * UNFIT with its current step meanwhile. After a failed automatic rejoin there is no second automatic
 * attempt (a base backup retried every two seconds would do harm); {@code vrrpctl rejoin} tries again.
 */
final class PostgresGuard implements HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresGuard.class);

    private final PostgresSettings s;
    private final PgClient sql;
    private final StateStore store;
    private final Rejoiner rejoiner;
    private final Clock clock;
    private final String instance;
    private final ExecutorService background;

    private volatile Set<String> peerNames;
    private volatile ServerFacts lastPeer = ServerFacts.unreachable("not asked yet");
    private volatile long lastPeerNanos = Long.MIN_VALUE;
    private volatile Instant notStreamingSince;
    private volatile boolean lastLocalWasStandby;
    private volatile Future<Rejoiner.Outcome> rejoin;
    private volatile String rejoinStep = "";
    private volatile Instant rejoinStarted;
    private volatile String autoRejoinFailed = "";
    private volatile String syncNote = "";
    private volatile boolean passwordFilesChecked;
    private volatile Instant splitBrainAt;
    private volatile String busy;
    /** Bumped when a takeover or planned handover starts and ends: a check spanning one saw a moving target. */
    private final java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong();
    private volatile int masterBadChecks;
    private final PgCommands commands;

    /** Consecutive checks on MASTER finding the local server not a primary before it counts as UNFIT, unless it is
     * certainly down ({@code pg_ctl status}: not running): a slow answer under load must not fence a healthy primary. */
    static final int MASTER_FALL = 3;

    PostgresGuard(PostgresSettings s, PgClient sql, PgCommands commands, StateStore store, Rejoiner rejoiner,
                  Clock clock, String instance) {
        this.s = s;
        this.commands = commands;
        this.sql = sql;
        this.store = store;
        this.rejoiner = rejoiner;
        this.clock = clock;
        this.instance = instance;
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "postgres-rejoin-" + instance);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Duration interval() {
        return s.checkInterval();
    }

    /** Two connections, each bounded by connect_timeout (connect and login) and twice that for the query. */
    @Override
    public Duration timeout() {
        return PgClient.LOCAL_MIN_TIMEOUT.multipliedBy(2).plus(s.connectTimeout().multipliedBy(3)).plusSeconds(2);
    }

    @Override
    public Health check(String inst, String state) throws IOException {
        boolean master = "MASTER".equals(state);
        warnAboutPasswordFiles();
        long epochAtStart = epoch.get();
        String inProgress = busy;
        if (master && inProgress != null) {
            // The tracker checks after every transition: right after BACKUP -> MASTER the server is still being
            // promoted, and during a planned handover it is being stopped on purpose. Neither is a fault.
            return Health.ready(inProgress);
        }
        ServerFacts local = sql.observe(s.local());
        ServerFacts peer = observePeer();
        HookState st = store.get();
        long now = clock.millis();
        if (peer.isPrimary() && !master && (!local.isPrimary() || peer.timeline() > local.timeline())
                && (!local.reachable() || local.systemId() == peer.systemId())) {
            store.seen(peer.systemId(), peer.currentLsn(), peer.timeline(), now);
        } else if (local.reachable() && st.systemId() == 0) {
            store.update(x -> x.withSystemId(local.systemId()));
        }
        st = store.get();
        trackStreaming(local, peer);
        Future<Rejoiner.Outcome> running = rejoin;
        if (running != null && !running.isDone()) {
            return Health.unfit("rejoin running since " + rejoinStarted + ": " + rejoinStep);
        }
        Duration notStreaming = notStreamingSince == null ? Duration.ZERO
                : Duration.between(notStreamingSince, clock.instant());
        if (!master) {
            masterBadChecks = 0;
        } else {
            if (busy != null || epoch.get() != epochAtStart) {
                masterBadChecks = 0;
                return Health.ready(busy != null ? busy : "a takeover or handover ran during this check");
            }
            if (!local.isPrimary()) {
                int n = ++masterBadChecks;
                if (n < MASTER_FALL && !certainlyDown(local)) {
                    return Health.ready("local server " + (local.reachable() ? "is a standby (promotion pending?)"
                            : "not answering: " + local.problem()) + "; " + n + " of " + MASTER_FALL
                            + " checks before FAULT");
                }
            } else {
                masterBadChecks = 0;
            }
        }
        GuardDecision.Verdict v = GuardDecision.decide(master, local, peer, st, s.peer().host(), peerNames(),
                s.rejoin(), notStreaming, instance);
        Health health = v.health();
        // The hold only turns "may take over a dead master" into FAULT; a rejoin or any other verdict goes on.
        Optional<Health> hold = GuardDecision.splitBrainHold(master, peer, splitBrainAt, clock.instant(),
                s.splitBrainHold());
        if (hold.isEmpty()) {
            splitBrainAt = null;
        } else if (health.status() == Health.Status.NO_PREEMPT) {
            return hold.get();
        }
        if (master && local.isPrimary() && s.synchronous() == Synchronous.ON) {
            manageSync(peer);
            health = new Health(health.status(), health.detail() + syncNote);
        }
        switch (v.followUp()) {
            case NONE -> { }
            case REJOIN -> {
                if (!autoRejoinFailed.isEmpty()) {
                    return Health.unfit(health.detail() + "; the automatic rejoin failed (" + autoRejoinFailed
                            + "): fix it and run `vrrpctl rejoin " + instance + "`");
                }
                startRejoin(false, local.isStandby(), true);
            }
            case RESTART_AS_STANDBY -> startRejoin(true, false, true);
        }
        if (health.status() != Health.Status.UNFIT && !st.lastEvent().isEmpty()) {
            health = new Health(health.status(), health.detail() + " (last: " + st.lastEvent() + ")");
        }
        return health;
    }

    /**
     * The peer as the guard saw it no longer than {@code maxAge} ago, or empty. The takeover runs right
     * after a check (the tracker checks before every takeover attempt), so it can skip asking a dead peer
     * a second time: each question to a dead host costs connect_timeout of write outage.
     */
    Optional<ServerFacts> recentPeer(Duration maxAge) {
        long at = lastPeerNanos;
        return at != Long.MIN_VALUE && System.nanoTime() - at <= maxAge.toNanos() ? Optional.of(lastPeer) : Optional.empty();
    }

    /** Marks a takeover or planned handover as running (null: none), see {@link #check}. */
    void busy(String what) {
        epoch.incrementAndGet();
        busy = what;
    }

    /** Unreachable and {@code pg_ctl status} (or the unit) says not running: no need to wait for more checks. */
    private boolean certainlyDown(ServerFacts local) {
        if (local.reachable()) {
            return false;
        }
        try {
            io.vrrpd.hooks.ScriptRun r = commands.status(Duration.ofSeconds(5));
            return r.status() == io.vrrpd.hooks.ScriptRun.Status.EXITED && r.exitCode() == 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The takeover was refused because the peer's server is a live primary (see {@link GuardDecision#splitBrainHold}). */
    void splitBrainRefused() {
        splitBrainAt = clock.instant();
    }

    ServerFacts observePeer() {
        ServerFacts peer = sql.observe(s.peer());
        lastPeer = peer;
        lastPeerNanos = System.nanoTime();
        return peer;
    }

    /** The peer's host and its addresses, resolved once (an IP literal needs no DNS). */
    Set<String> peerNames() {
        Set<String> names = peerNames;
        if (names != null) {
            return names;
        }
        Set<String> out = new LinkedHashSet<>();
        out.add(s.peer().host());
        try {
            for (InetAddress a : InetAddress.getAllByName(s.peer().host())) {
                out.add(a.getHostAddress());
            }
            peerNames = Set.copyOf(out);
        } catch (UnknownHostException e) {
            LOG.warn("({}) postgres: cannot resolve peer {}: {}", instance, s.peer().host(), e.getMessage());
        }
        return Set.copyOf(out);
    }

    private void trackStreaming(ServerFacts local, ServerFacts peer) {
        lastLocalWasStandby = local.isStandby();
        if (local.isStandby() && peer.isPrimary() && !local.streamsFrom(peerNames())) {
            if (notStreamingSince == null) {
                notStreamingSince = clock.instant();
            }
        } else {
            notStreamingSince = null;
        }
    }

    /** libpq silently ignores a password file group or others can read: say so once, it explains "password authentication failed". */
    private void warnAboutPasswordFiles() {
        if (passwordFilesChecked) {
            return;
        }
        passwordFilesChecked = true;
        for (Endpoint e : new Endpoint[] {s.local(), s.peer(), s.replication()}) {
            if (e.passwordFile() != null && PgPass.tooOpen(e.passwordFile())) {
                LOG.warn("({}) postgres: {} can be read by group or others: libpq (pg_rewind, pg_basebackup, the "
                        + "standby's walreceiver) ignores it; chmod 0600 and chown it to {}", instance, e.passwordFile(),
                        s.osUser());
            }
        }
    }

    /** Issue 7 §4: require the standby while it streams, relax when it is gone, restore when it is back. */
    private void manageSync(ServerFacts peer) {
        try {
            String current = sql.syncStandbyNames(s.local());
            Optional<String> want = SyncStandbyPolicy.wanted(current, sql.senders(s.local()), peerNames(),
                    peer.isStandby());
            if (want.isPresent()) {
                sql.setSyncStandbyNames(s.local(), want.get());
                LOG.warn("({}) postgres: synchronous_standby_names '{}' -> '{}' ({})", instance, current, want.get(),
                        want.get().isEmpty() ? "the standby is gone: commits no longer wait for it; an acknowledged "
                                + "commit now exists on this server only" : "the standby streams again: commits wait for it");
                current = want.get();
            }
            syncNote = current.isEmpty() ? "; synchronous replication relaxed (no standby streaming)"
                    : "; synchronous standby " + current;
        } catch (SQLException | IOException e) {
            syncNote = "; cannot manage synchronous_standby_names: " + PgClient.oneLine(e);
        }
    }

    /**
     * Starts a rejoin on the hook's thread unless one runs.
     *
     * @param automatic started by the guard (a failure then stops further automatic attempts)
     * @return the running rejoin
     */
    synchronized Future<Rejoiner.Outcome> startRejoin(boolean planned, boolean forceRewind, boolean automatic) {
        Future<Rejoiner.Outcome> running = rejoin;
        if (running != null && !running.isDone()) {
            return running;
        }
        if (!automatic) {
            autoRejoinFailed = "";
        }
        rejoinStarted = clock.instant();
        rejoinStep = "starting";
        LOG.warn("({}) postgres: rejoin started ({}){}", instance, automatic ? "automatic" : "vrrpctl rejoin",
                planned ? " after a planned handover" : "");
        rejoin = background.submit(() -> {
            Rejoiner.Outcome o;
            try {
                o = rejoiner.run(planned, forceRewind, peerNames(), s.rejoinTimeout(), step -> rejoinStep = step);
            } catch (RuntimeException e) {
                o = new Rejoiner.Outcome(false, PgClient.oneLine(e));
            }
            if (o.ok()) {
                Rejoiner.Outcome done = o;
                store.update(x -> x.clean("rejoined " + clock.instant() + ": " + done.detail()));
                notStreamingSince = null;
                splitBrainAt = null;
            } else if (automatic) {
                autoRejoinFailed = o.detail();
            }
            return o;
        });
        return rejoin;
    }

    /** Whether the last observation found a standby (for {@code vrrpctl rejoin}'s forceRewind). */
    boolean lastLocalWasStandby() {
        return lastLocalWasStandby;
    }

    /** Waits up to {@code limit} for a rejoin; empty when it still runs. */
    static Optional<Rejoiner.Outcome> await(Future<Rejoiner.Outcome> f, Duration limit) throws InterruptedException {
        try {
            return Optional.of(f.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.of(new Rejoiner.Outcome(false, PgClient.oneLine(e.getCause())));
        }
    }

    void close() {
        background.shutdownNow();
    }
}
