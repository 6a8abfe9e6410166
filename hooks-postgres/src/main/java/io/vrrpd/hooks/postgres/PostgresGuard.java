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

    PostgresGuard(PostgresSettings s, PgClient sql, StateStore store, Rejoiner rejoiner, Clock clock, String instance) {
        this.s = s;
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
        return s.connectTimeout().multipliedBy(6).plusSeconds(1);
    }

    @Override
    public Health check(String inst, String state) throws IOException {
        boolean master = "MASTER".equals(state);
        warnAboutPasswordFiles();
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
        Optional<Health> hold = GuardDecision.splitBrainHold(master, peer, splitBrainAt, clock.instant(),
                s.splitBrainHold());
        if (hold.isPresent()) {
            return hold.get();
        }
        splitBrainAt = null;
        Duration notStreaming = notStreamingSince == null ? Duration.ZERO
                : Duration.between(notStreamingSince, clock.instant());
        GuardDecision.Verdict v = GuardDecision.decide(master, local, peer, st, s.peer().host(), peerNames(),
                s.rejoin(), notStreaming, instance);
        Health health = v.health();
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
