package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vrrpd.hooks.Health;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookOutcome;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookReport;
import io.vrrpd.hooks.HookSettings;
import io.vrrpd.hooks.ScriptCommand;
import io.vrrpd.hooks.ScriptExecutor;
import io.vrrpd.hooks.postgres.PostgresHookFactory;
import io.vrrpd.net.linux.NetNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The postgres hook's own operations against the lab's real PostgreSQL 15 pair, without VRRP: each call is
 * what the runtime would make (takeover, release planned or not, the guard's health check by state), run
 * on a thread inside the node's namespace, its commands through {@code ip netns exec}. The acceptance ITs
 * with vrrpd, the writer and the probe are pglab's; these pin the hook's behaviour underneath them:
 * refusal while the peer is primary, promotion, rewind of a crashed diverged ex-primary, planned
 * switchover without rewind, fencing, synchronous_standby_names handling and the base-backup fallback.
 */
@LabTest
class PostgresHookIT {
    static final Duration REJOIN_LIMIT = Duration.ofSeconds(60);

    @BeforeAll
    static void postgresInstalled() {
        assumeTrue(PostgresInstall.missing().isEmpty(), () -> PostgresInstall.missing().orElse(""));
    }

    /** One node's hook, with every call made inside the node's namespace. */
    record NodeHook(Node node, Hook hook) {
        <T> T in(Callable<T> c) throws Exception {
            return NetNamespace.call(node.namespace(), c);
        }

        HookReport takeover() throws Exception {
            return in(() -> hook.run(HookPhase.TAKEOVER, ctx("BACKUP", "MASTER", false), hook.timeout()));
        }

        HookReport release(boolean planned) throws Exception {
            return in(() -> hook.run(HookPhase.RELEASE, ctx("MASTER", "BACKUP", planned), hook.timeout()));
        }

        Health check(String state) throws Exception {
            return in(() -> hook.healthCheck().orElseThrow().check("VI_1", state));
        }

        /** Runs the guard (as BACKUP) every second until it says NO_PREEMPT; returns the last verdict. */
        Health checkUntilStandby(Duration limit) throws Exception {
            long end = System.nanoTime() + limit.toNanos();
            Health h = check("BACKUP");
            while (h.status() != Health.Status.NO_PREEMPT && System.nanoTime() < end) {
                Thread.sleep(1000);
                h = check("BACKUP");
            }
            return h;
        }
    }

    static HookContext ctx(String from, String to, boolean planned) {
        return new HookContext("VI_1", from, to, "lab", 100, List.of(ReplicatedPair.VIP + "/24"), null, 1, planned);
    }

    static NodeHook hook(ReplicatedPair pair, int i, boolean synchronous) throws Exception {
        Node node = i == 1 ? pair.n1() : pair.n2();
        Node peer = i == 1 ? pair.n2() : pair.n1();
        PostgresServer server = pair.server(i);
        Path pgpass = pair.lab().dir().resolve("pgpass");
        if (!Files.exists(pgpass)) {
            Files.writeString(pgpass, PostgresConf.pgpass());
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
            CommandRunner.check("chown", PostgresInstall.OS_USER + ":", pgpass.toString());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data_dir", server.dataDir().toString());
        m.put("bin_dir", server.binDir().toString());
        m.put("os_user", PostgresInstall.OS_USER);
        m.put("local", Map.of("host", node.address()));
        m.put("peer", Map.of("host", peer.address()));
        m.put("replication", Map.of("user", PostgresConf.REPLICATION_USER, "password_file", pgpass.toString()));
        m.put("synchronous", synchronous);
        m.put("rejoin", "auto");
        m.put("log_file", server.log().toString());
        Path state = pair.lab().dir().resolve(node.name() + "-vrrpd-state");
        io.vrrpd.hooks.CommandRunner inNamespace = inNamespace(node);
        Hook h = new PostgresHookFactory().create(HookSettings.of("instances.VI_1.hooks[0]", m),
                new HookEnvironment("VI_1", state, state, inNamespace));
        pair.lab().onClose("postgres hook on " + node.name(), h::close);
        return new NodeHook(node, h);
    }

    /** The hook's command runner, moved into the node's namespace (ip netns exec, then setpriv to the user). */
    static io.vrrpd.hooks.CommandRunner inNamespace(Node node) {
        ScriptExecutor executor = new ScriptExecutor(null, null);
        return (label, command, env, timeout) -> {
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", node.namespace()));
            if (command.user() != null) {
                argv.addAll(List.of("setpriv", "--reuid=" + command.user(), "--regid=" + command.user(),
                        "--init-groups", "--"));
            }
            argv.addAll(command.argv());
            return executor.run(label, "(" + node.name() + ") " + label, new ScriptCommand(argv, null, null),
                    List.of(), env, timeout);
        };
    }

    @Test
    void failoverRewindOfACrashedDivergedExPrimaryAndPlannedSwitchoverBack(Lab lab) throws Exception {
        ReplicatedPair pair = ReplicatedPair.create(lab, false);
        PostgresServer s1 = pair.server(1);
        PostgresServer s2 = pair.server(2);
        NodeHook h1 = hook(pair, 1, false);
        NodeHook h2 = hook(pair, 2, false);

        assertEquals(Health.Status.READY, h1.check("MASTER").status());
        Health standby = h2.check("BACKUP");
        assertEquals(Health.Status.NO_PREEMPT, standby.status(), standby.detail());

        HookReport refused = h2.takeover();
        assertEquals(HookOutcome.FAILED, refused.outcome());
        assertTrue(refused.detail().contains("split brain"), refused.detail());
        assertTrue(s2.isStandby(), "refused, yet n2 left recovery");

        s1.query("INSERT INTO writes (id) SELECT generate_series(1, 100)");
        assertTrue(Lab.waitUntil(Duration.ofSeconds(10), () -> s2.count("writes") == 100), "rows never reached n2");
        h2.check("BACKUP");
        s1.stopImmediate();

        HookReport promoted = h2.takeover();
        assertEquals(HookOutcome.OK, promoted.outcome(), promoted.detail());
        assertTrue(promoted.detail().startsWith("promoted"), promoted.detail());
        assertTrue(s2.isPrimary());
        assertEquals(2, s2.timeline());

        // The old primary comes back as it was (started at boot): a stale primary that takes writes.
        s1.start();
        s1.query("INSERT INTO writes (id) SELECT generate_series(1001, 1100)");
        HookReport stale = h1.takeover();
        assertEquals(HookOutcome.FAILED, stale.outcome(), stale.detail());
        s1.stopImmediate();

        Health rejoining = h1.check("BACKUP");
        assertEquals(Health.Status.UNFIT, rejoining.status(), rejoining.detail());
        Health rejoined = h1.checkUntilStandby(REJOIN_LIMIT);
        assertEquals(Health.Status.NO_PREEMPT, rejoined.status(), rejoined.detail() + "\n" + s1.logTail());
        assertTrue(rejoined.detail().contains("rewound away WAL"), rejoined.detail());
        assertEquals(pair.n2().address(), s1.streamingFrom().orElse("none"));
        assertEquals(100, s1.count("writes"), "the diverged rows survived the rewind");

        // Planned switchover back to n1: clean stop, confirmed, promote n1, n2 restarts as standby without rewind.
        s2.query("INSERT INTO writes (id) SELECT generate_series(101, 200)");
        HookReport handover = h2.release(true);
        assertEquals(HookOutcome.OK, handover.outcome(), handover.detail());
        assertTrue(handover.detail().contains("replayed it"), handover.detail());
        HookReport back = h1.takeover();
        assertEquals(HookOutcome.OK, back.outcome(), back.detail());
        assertEquals(200, s1.count("writes"), "rows lost in the planned switchover");
        Health restarted = h2.checkUntilStandby(REJOIN_LIMIT);
        assertEquals(Health.Status.NO_PREEMPT, restarted.status(), restarted.detail() + "\n" + s2.logTail());
        assertTrue(restarted.detail().contains("no pg_rewind"), restarted.detail());
        assertEquals(pair.n1().address(), s2.streamingFrom().orElse("none"));

        // Unplanned release on the master fences its primary at once; it never takes the VIP back by itself.
        HookReport fenced = h1.release(false);
        assertEquals(HookOutcome.OK, fenced.outcome(), fenced.detail());
        assertFalse(s1.isRunning(), "the fenced primary still runs");
    }

    @Test
    void synchronousPromotionClearsTheInheritedSettingAndABaseBackupReplacesAnUnrewindableExPrimary(Lab lab)
            throws Exception {
        ReplicatedPair pair = ReplicatedPair.create(lab, true);
        PostgresServer s1 = pair.server(1);
        PostgresServer s2 = pair.server(2);
        NodeHook h1 = hook(pair, 1, true);
        NodeHook h2 = hook(pair, 2, true);

        assertEquals(Health.Status.NO_PREEMPT, h2.check("BACKUP").status());
        Health master = h1.check("MASTER");
        assertTrue(master.detail().contains("synchronous standby"), master.detail());
        s1.query("INSERT INTO writes (id) SELECT generate_series(1, 50)");
        s1.stopImmediate();

        HookReport promoted = h2.takeover();
        assertEquals(HookOutcome.OK, promoted.outcome(), promoted.detail());
        assertEquals("", s2.query("SHOW synchronous_standby_names"));
        CommandResult commit = s2.psql("INSERT INTO writes (id) VALUES (51)");
        assertTrue(commit.ok(), "a commit on the promoted standby failed or hung: " + commit.stderr());

        // Make pg_rewind impossible: the crashed ex-primary loses its WAL.
        try (Stream<Path> wal = Files.list(s1.dataDir().resolve("pg_wal"))) {
            for (Path p : wal.filter(p -> p.getFileName().toString().matches("[0-9A-F]{24}")).toList()) {
                Files.delete(p);
            }
        }
        Health rejoined = h1.checkUntilStandby(REJOIN_LIMIT);
        assertEquals(Health.Status.NO_PREEMPT, rejoined.status(), rejoined.detail() + "\n" + s1.logTail());
        assertTrue(rejoined.detail().contains("fresh base backup"), rejoined.detail());
        assertEquals(pair.n2().address(), s1.streamingFrom().orElse("none"));
        try (Stream<Path> aside = Files.list(s1.dataDir().getParent())) {
            assertTrue(aside.anyMatch(p -> p.getFileName().toString().startsWith(s1.dataDir().getFileName() + ".vrrpd-")),
                    "the old data directory was not kept");
        }

        Health restored = h2.check("MASTER");
        assertTrue(restored.detail().contains("synchronous standby"), restored.detail());
        assertTrue(s2.query("SHOW synchronous_standby_names").startsWith("\""));
        CommandResult syncCommit = s2.psql("INSERT INTO writes (id) VALUES (52)");
        assertTrue(syncCommit.ok(), syncCommit.stderr());
        assertTrue(Lab.waitUntil(Duration.ofSeconds(5), () -> s1.count("writes") == 52), "the standby misses rows");
    }
}
