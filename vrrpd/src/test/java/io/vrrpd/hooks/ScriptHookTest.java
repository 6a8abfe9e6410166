package io.vrrpd.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in {@code script} hook with real processes: environment, exit status, the kill at the timeout. */
class ScriptHookTest {
    @TempDir
    Path dir;

    private Hook hook(Map<String, Object> settings) throws HookConfigException {
        ScriptExecutor executor = new ScriptExecutor(null, null);
        HookEnvironment env = new HookEnvironment("VI_1", dir, dir, CommandRunner.of(executor, "(VI_1) hook"));
        return new ScriptHookFactory().create(HookSettings.of("instances.VI_1.hooks[0]", settings), env);
    }

    private static HookContext context() {
        return new HookContext("VI_1", "BACKUP", "MASTER", "master-down timer expired", 100,
                List.of("192.0.2.100"), "192.0.2.12", 7, false);
    }

    @Test
    void scriptSeesTheTransitionInItsEnvironment() throws Exception {
        Path out = dir.resolve("env.txt");
        Path script = Scripts.write(dir, "env.sh", "env | grep ^VRRPD_ | sort > " + out + "; echo \"$1\" >> " + out);
        Hook h = hook(Map.of("phase", "takeover", "command", List.of(script.toString(), "--strict"), "timeout", "5s"));

        HookReport r = h.run(HookPhase.TAKEOVER, context(), h.timeout());

        assertEquals(HookOutcome.OK, r.outcome(), r.detail());
        assertEquals("env.sh", h.name());
        assertEquals(Duration.ofSeconds(5), h.timeout());
        assertEquals(List.of("VRRPD_FROM=BACKUP", "VRRPD_INSTANCE=VI_1", "VRRPD_PEER=192.0.2.12", "VRRPD_PHASE=takeover",
                "VRRPD_PLANNED=0", "VRRPD_PRIORITY=100", "VRRPD_REASON=master-down timer expired",
                "VRRPD_SEQUENCE=7", "VRRPD_TO=MASTER", "VRRPD_VIPS=192.0.2.100", "--strict"),
                Files.readAllLines(out, StandardCharsets.UTF_8));
    }

    @Test
    void nonZeroExitIsFailedWithStatusAndLastErrorLine() throws Exception {
        Path script = Scripts.write(dir, "bad.sh", "echo 'replica is 3 GB behind' >&2; exit 3");
        Hook h = hook(Map.of("phase", "takeover", "command", List.of(script.toString()), "name", "check-db"));

        HookReport r = h.run(HookPhase.TAKEOVER, context(), h.timeout());

        assertEquals(HookOutcome.FAILED, r.outcome());
        assertEquals("check-db: exit 3: replica is 3 GB behind", r.detail());
        assertEquals("check-db", h.name());
    }

    @Test
    void hungScriptAndItsChildrenAreKilledAtTheTimeout() throws Exception {
        Path pids = dir.resolve("pids");
        Path script = Scripts.write(dir, "hang.sh", "sleep 600 & echo $! > " + pids + "; echo $$ >> " + pids
                + "; wait");
        Hook h = hook(Map.of("phase", "takeover", "command", List.of(script.toString()), "timeout", "500ms"));

        long start = System.nanoTime();
        HookReport r = h.run(HookPhase.TAKEOVER, context(), h.timeout());
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        System.out.println("hung script hook with a 500 ms timeout: " + r.detail() + "; run() returned after "
                + tookMs + " ms");
        assertEquals(HookOutcome.TIMED_OUT, r.outcome(), r.detail());
        assertTrue(tookMs < 4_000, "returned after " + tookMs + " ms");
        for (String pid : Files.readAllLines(pids)) {
            long p = Long.parseLong(pid.strip());
            // Gone or a zombie (dead, waiting for PID 1 to reap it: it runs no code).
            assertFalse(ProcessHandle.of(p).map(RunningScript::running).orElse(false), "process " + p + " survived");
        }
    }

    @Test
    void defaultTimeoutIsThirtySeconds() throws Exception {
        Hook h = hook(Map.of("phase", "notify", "command", List.of("/bin/true")));
        assertEquals(Duration.ofSeconds(30), h.timeout());
        assertEquals(java.util.Set.of(HookPhase.NOTIFY), h.phases());
    }
}
