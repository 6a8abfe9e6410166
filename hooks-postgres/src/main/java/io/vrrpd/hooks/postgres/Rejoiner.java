package io.vrrpd.hooks.postgres;

import io.vrrpd.hooks.ScriptRun;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a {@link RejoinPlan}: the local server becomes a streaming standby of the peer, or the rejoin
 * fails with the step, the command and its last output line. Bounded by one deadline; each command gets
 * what is left of it. Reports the WAL range rewound away (what the old primary had that never reached the
 * new one), which goes to the log, the hook's result (status, mail) and the state file.
 */
final class Rejoiner {
    private static final Logger LOG = LoggerFactory.getLogger(Rejoiner.class);
    /** Crash recovery's last record replayed: the old primary's end of WAL (xlogrecovery.c, "redo done at"). */
    private static final Pattern REDO_DONE = Pattern.compile("redo done at ([0-9A-Fa-f]+/[0-9A-Fa-f]+)");
    private static final Pattern DIVERGED = Pattern.compile("servers diverged at WAL location ([0-9A-Fa-f]+/[0-9A-Fa-f]+) on timeline (\\d+)");

    /** How a rejoin ended. */
    record Outcome(boolean ok, String detail) {
    }

    private final PostgresSettings s;
    private final PgCommands commands;
    private final PgClient sql;
    private final DataDir data;
    private final Clock clock;
    private final String prefix;

    Rejoiner(PostgresSettings settings, PgCommands commands, PgClient sql, Clock clock, String instance) {
        this.s = settings;
        this.commands = commands;
        this.sql = sql;
        this.data = new DataDir(settings.dataDir());
        this.clock = clock;
        this.prefix = "(" + instance + ") postgres rejoin: ";
    }

    /**
     * @param plannedStop  the state file holds a confirmed planned handover
     * @param forceRewind  the server ran as a standby that could not stream
     * @param peerNames    the peer's host and addresses (the walreceiver must stream from one of them)
     * @param step         told each step as it starts, for the guard's detail
     */
    Outcome run(boolean plannedStop, boolean forceRewind, Set<String> peerNames, Duration budget,
                Consumer<String> step) throws InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        ServerFacts peer = sql.observe(s.peer());
        if (!peer.isPrimary()) {
            return fail("the peer is not a primary to rejoin (" + peer.describe() + ")");
        }
        try {
            step.accept("stopping the local server");
            Outcome stopped = stop(deadline);
            if (!stopped.ok()) {
                return stopped;
            }
            ScriptRun cd = commands.controldata(left(deadline));
            ControlData control = cd.succeeded() ? ControlData.parse(cd.stdout()).orElse(null) : null;
            if (control != null && control.systemId() != peer.systemId()) {
                return fail("the local data directory belongs to another cluster (system identifier "
                        + Long.toUnsignedString(control.systemId()) + ", peer " + Long.toUnsignedString(peer.systemId())
                        + "); not touching it");
            }
            RejoinPlan.Plan plan = RejoinPlan.plan(control, plannedStop, forceRewind, s.baseBackup());
            if (plan.steps().isEmpty()) {
                return fail(plan.why() + (cd.succeeded() ? "" : " (" + cd.summary() + ")"));
            }
            LOG.info("{}{}: {}", prefix, plan.why(), plan.steps());
            String rewound = "";
            Lsn oldEnd = control == null ? Lsn.ZERO : control.checkpoint();
            boolean skipRewind = false;
            for (RejoinPlan.Step st : plan.steps()) {
                if (skipRewind && (st == RejoinPlan.Step.CHECKPOINT_PEER || st == RejoinPlan.Step.REWIND)) {
                    continue;
                }
                step.accept(st.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                switch (st) {
                    case STOP -> { }
                    case CRASH_RECOVERY -> {
                        clearRecoveryFiles();
                        ScriptRun r = commands.singleUserRecovery(left(deadline));
                        if (!r.succeeded()) {
                            if (!s.baseBackup()) {
                                return fail("crash recovery before pg_rewind failed: " + r.summary()
                                        + " (base_backup is off: rebuild the standby by hand)");
                            }
                            LOG.warn("{}crash recovery failed ({}); falling back to a base backup", prefix, r.summary());
                            step.accept("base backup (crash recovery failed)");
                            Outcome bb = baseBackup(Map.of(), deadline);
                            if (!bb.ok()) {
                                return fail("crash recovery failed (" + r.summary() + "); then " + bb.detail());
                            }
                            rewound = "crash recovery failed (" + r.summary() + "); " + bb.detail();
                            skipRewind = true;
                            continue;
                        }
                        oldEnd = endOfWal(r.stderr() + "\n" + r.stdout()).orElse(oldEnd);
                    }
                    case CHECKPOINT_PEER -> sql.checkpoint(s.peer(), left(deadline));
                    case REWIND -> {
                        Map<String, byte[]> saved = data.saveNodeLocal();
                        clearRecoveryFiles();
                        ScriptRun r = commands.rewind(s.restoreTargetWal(), left(deadline));
                        if (r.succeeded()) {
                            data.restore(saved);
                            rewound = rewoundRange(r.stdout() + "\n" + r.stderr(), oldEnd);
                            LOG.warn("{}{}", prefix, rewound);
                        } else if (s.baseBackup()) {
                            LOG.warn("{}{}; falling back to a base backup", prefix, r.summary());
                            step.accept("base backup (pg_rewind failed)");
                            Outcome bb = baseBackup(saved, deadline);
                            if (!bb.ok()) {
                                return fail(r.summary() + "; then " + bb.detail());
                            }
                            rewound = "pg_rewind failed (" + r.summary() + "); " + bb.detail();
                        } else {
                            return fail(r.summary() + " (base_backup is off: rebuild the standby by hand)");
                        }
                    }
                    case BASE_BACKUP -> {
                        Outcome bb = baseBackup(Map.of(), deadline);
                        if (!bb.ok()) {
                            return bb;
                        }
                        rewound = bb.detail();
                    }
                    case WRITE_STANDBY_CONFIG -> writeStandbyConfig();
                    case START -> {
                        ScriptRun r = commands.start(left(deadline));
                        if (!r.succeeded()) {
                            return fail("cannot start the server as a standby: " + r.summary());
                        }
                    }
                    case VERIFY_STREAMING -> {
                        ServerFacts local = awaitStreaming(peerNames, deadline);
                        if (!local.streamsFrom(peerNames)) {
                            return fail("started as a standby but not streaming from " + s.peer().host() + " within the "
                                    + "rejoin budget (" + local.describe() + ")");
                        }
                    }
                }
            }
            String detail = "streaming from " + s.peer().host() + " (" + plan.why() + ")"
                    + (rewound.isEmpty() ? "" : "; " + rewound);
            LOG.info("{}{}", prefix, detail);
            return new Outcome(true, detail);
        } catch (IOException | SQLException e) {
            return fail(PgClient.oneLine(e));
        }
    }

    private Outcome stop(long deadline) throws InterruptedException {
        String failed = commands.stopEscalating(min(s.stopTimeout(), left(deadline)), left(deadline));
        return failed == null ? new Outcome(true, "stopped") : fail("cannot stop the local server: " + failed);
    }

    private Outcome baseBackup(Map<String, byte[]> saved, long deadline) throws IOException, InterruptedException {
        Map<String, byte[]> keep = saved.isEmpty() ? safeSave() : saved;
        java.nio.file.Path aside = data.moveAside(clock.instant());
        LOG.warn("{}old data directory kept as {} (it holds whatever was not on the new primary)", prefix, aside);
        ScriptRun r = commands.baseBackup(left(deadline));
        if (!r.succeeded()) {
            return fail("base backup failed: " + r.summary() + " (old data kept as " + aside + ")");
        }
        data.restore(keep);
        return new Outcome(true, "fresh base backup from " + s.peer().host() + "; old data directory kept as " + aside);
    }

    private Map<String, byte[]> safeSave() {
        try {
            return data.saveNodeLocal();
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** Removes recovery leftovers: a standby's signal files, 10/11's recovery.conf/.done. */
    private void clearRecoveryFiles() throws IOException {
        for (String f : new String[] {"standby.signal", "recovery.signal", "recovery.conf", "recovery.done"}) {
            data.delete(f);
        }
    }

    void writeStandbyConfig() throws IOException {
        String conninfo = s.replication().conninfo(false, s.applicationName());
        int major = data.majorVersion();
        clearRecoveryFiles();
        if (StandbyConfig.usesSignalFiles(major)) {
            data.write("postgresql.auto.conf",
                    StandbyConfig.autoConfForStandby(data.read("postgresql.auto.conf").orElse(""), conninfo));
            data.write("standby.signal", "");
        } else {
            if (s.triggerFile() != null) {
                java.nio.file.Files.deleteIfExists(s.triggerFile());
            }
            data.write("postgresql.auto.conf", StandbyConfig.stripOwned(data.read("postgresql.auto.conf").orElse("")));
            data.write("recovery.conf", StandbyConfig.recoveryConf(conninfo, s.triggerFile()));
        }
    }

    private ServerFacts awaitStreaming(Set<String> peerNames, long deadline) throws InterruptedException {
        ServerFacts local = sql.observe(s.local());
        while (!local.streamsFrom(peerNames) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            local = sql.observe(s.local());
        }
        return local;
    }

    /** Where crash recovery found the end of WAL, from its "redo done at" line. */
    static Optional<Lsn> endOfWal(String output) {
        Matcher m = REDO_DONE.matcher(output);
        Optional<Lsn> last = Optional.empty();
        while (m.find()) {
            last = Optional.of(Lsn.parse(m.group(1)));
        }
        return last;
    }

    /** The WAL this node had beyond the divergence point, from pg_rewind's output and the old end of WAL. */
    static String rewoundRange(String output, Lsn oldEnd) {
        Matcher m = DIVERGED.matcher(output);
        if (!m.find()) {
            return output.contains("no rewind required") ? "pg_rewind: no rewind required, nothing lost"
                    : "pg_rewind done (divergence point not reported)";
        }
        Lsn from = Lsn.parse(m.group(1));
        if (!oldEnd.isAfter(from)) {
            return "rewound from " + from + " on timeline " + m.group(2) + ": no WAL beyond the divergence point";
        }
        return "rewound away WAL " + from + ".." + oldEnd + " of timeline " + m.group(2) + " (" + oldEnd.minus(from)
                + " bytes: transactions the old primary had that never reached the new primary)";
    }

    private Outcome fail(String why) {
        LOG.error("{}{}", prefix, why);
        return new Outcome(false, why);
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
