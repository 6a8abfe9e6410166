package io.vrrpd.hooks;

import static io.vrrpd.hooks.TestHooks.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyScriptHookTest {

    @TempDir
    Path dir;

    private final ScriptExecutor executor = new ScriptExecutor(null, null, false, Duration.ofMillis(500), null);

    private NotifyScriptHook hook(NotifyScripts scripts, NotifyTarget target, Duration timeout) {
        return new NotifyScriptHook(scripts, target, executor, timeout);
    }

    private static ScriptCommand cmd(Path script, String... args) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(script.toString());
        argv.addAll(List.of(args));
        return new ScriptCommand(argv, null, null);
    }

    @Test
    void runsTheStateScriptWithItsConfiguredArgumentsOnlyForEachState() throws Exception {
        Path log = dir.resolve("calls.log");
        NotifyScripts scripts = new NotifyScripts(
                cmd(Scripts.recording(dir, "master.sh", log), "one", "two words"),
                cmd(Scripts.recording(dir, "backup.sh", log)),
                cmd(Scripts.recording(dir, "fault.sh", log), "VG_1"),
                cmd(Scripts.recording(dir, "stop.sh", log)),
                null);
        NotifyScriptHook hook = hook(scripts, NotifyTarget.INSTANCE, Duration.ofSeconds(5));

        for (String state : List.of("MASTER", "BACKUP", "FAULT", "STOP", "INIT")) {
            HookReport r = hook.run(HookPhase.NOTIFY, context("VI_1", "INIT", state, 1), hook.timeout());
            assertEquals(state.equals("INIT") ? HookOutcome.SKIPPED : HookOutcome.OK, r.outcome(), r.detail());
        }

        assertEquals(List.of("master.sh one two words", "backup.sh ", "fault.sh VG_1", "stop.sh "),
                Files.readAllLines(log));
    }

    @Test
    void genericNotifyGetsTypeNameStateAndPriority() throws Exception {
        Path log = dir.resolve("calls.log");
        Path notify = Scripts.write(dir, "notify.sh", "printf '%s|' \"$@\" >> '" + log + "'; echo >> '" + log + "'");
        NotifyScripts scripts = new NotifyScripts(null, null, null, null, cmd(notify, "pre"));

        hook(scripts, NotifyTarget.INSTANCE, Duration.ofSeconds(5))
                .run(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 1), Duration.ofSeconds(5));
        hook(scripts, NotifyTarget.GROUP, Duration.ofSeconds(5))
                .run(HookPhase.NOTIFY, context("G1", "MASTER", "FAULT", 2), Duration.ofSeconds(5));

        assertEquals(List.of("pre|INSTANCE|VI_1|MASTER|100|", "pre|GROUP|G1|FAULT|0|"), Files.readAllLines(log));
    }

    @Test
    void stateScriptAndGenericNotifyBothRunOnOneTransition() throws Exception {
        Path log = dir.resolve("calls.log");
        NotifyScripts scripts = new NotifyScripts(cmd(Scripts.recording(dir, "master.sh", log)), null, null, null,
                cmd(Scripts.recording(dir, "notify.sh", log)));

        HookReport r = hook(scripts, NotifyTarget.INSTANCE, Duration.ofSeconds(5))
                .run(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 1), Duration.ofSeconds(5));

        assertEquals(HookOutcome.OK, r.outcome(), r.detail());
        assertEquals(List.of("master.sh ", "notify.sh INSTANCE VI_1 MASTER 100"),
                Files.readAllLines(log).stream().sorted().toList());
    }

    @Test
    void environmentHasVrrpdVariablesAndNoNotifySocket() throws Exception {
        Map<String, String> base = new HashMap<>(System.getenv());
        base.put("NOTIFY_SOCKET", "/run/systemd/notify");
        ScriptExecutor withSocket = new ScriptExecutor(null, null, false, Duration.ofMillis(500), base);
        Path envDump = dir.resolve("env.txt");
        Path script = Scripts.write(dir, "env.sh", "env > '" + envDump + "'");
        NotifyScriptHook hook = new NotifyScriptHook(
                new NotifyScripts(cmd(script), null, null, null, null), NotifyTarget.INSTANCE, withSocket,
                Duration.ofSeconds(5));
        HookContext ctx = new HookContext("VI_1", "BACKUP", "MASTER", "test", 150,
                List.of("192.0.2.10/24", "192.0.2.20/24"), null, 4);

        assertEquals(HookOutcome.OK, hook.run(HookPhase.NOTIFY, ctx, Duration.ofSeconds(5)).outcome());

        List<String> env = Files.readAllLines(envDump);
        assertTrue(env.contains("VRRPD_INSTANCE=VI_1"), env::toString);
        assertTrue(env.contains("VRRPD_STATE=MASTER"), env::toString);
        assertTrue(env.contains("VRRPD_PRIORITY=150"), env::toString);
        assertTrue(env.contains("VRRPD_VIPS=192.0.2.10/24 192.0.2.20/24"), env::toString);
        assertFalse(env.stream().anyMatch(l -> l.startsWith("NOTIFY_SOCKET=")), env::toString);
        assertTrue(env.stream().anyMatch(l -> l.startsWith("PATH=")), "the rest of the environment is kept");
    }

    @Test
    void hangingScriptIsKilledWithItsChildAtTheTimeoutAndTheLaneGoesOn() throws Exception {
        Path pids = dir.resolve("pids");
        Path hang = Scripts.write(dir, "hang.sh",
                "sleep 60 & echo $! > '" + pids + "'; echo $$ >> '" + pids + "'; sleep 60");
        NotifyScriptHook notify = hook(new NotifyScripts(cmd(hang), null, null, null, null), NotifyTarget.INSTANCE,
                Duration.ofMillis(700));
        TestHooks.Scripted after = TestHooks.Scripted.ok("after", HookPhase.NOTIFY);
        try (HookRunner runner = new HookRunner(new HookRunnerSettings(8, 8, Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ofSeconds(5)))) {
            runner.setHooks("VI_1", List.of(notify, after));

            List<HookResult> results = runner.submit(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 1))
                    .get(10, TimeUnit.SECONDS);

            assertEquals(HookOutcome.TIMED_OUT, results.get(0).outcome(), results.get(0).detail());
            assertTrue(results.get(0).took().toMillis() < 3_000, "took " + results.get(0).took());
            assertEquals(HookOutcome.OK, results.get(1).outcome());
            List<Long> both = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
            assertEquals(2, both.size());
            for (long pid : both) {
                Optional<ProcessHandle> p = ProcessHandle.of(pid);
                if (p.isPresent()) {
                    p.get().onExit().get(2, TimeUnit.SECONDS);
                }
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
            }
        }
    }

    @Test
    void failingScriptReportsItsExitCodeAndLastStderrLine() throws Exception {
        Path fail = Scripts.write(dir, "fail.sh", "echo progress; echo first >&2; echo 'promote refused' >&2; exit 3");

        HookReport r = hook(new NotifyScripts(null, cmd(fail), null, null, null), NotifyTarget.INSTANCE,
                Duration.ofSeconds(5)).run(HookPhase.NOTIFY, context("VI_1", "MASTER", "BACKUP", 1), Duration.ofSeconds(5));

        assertEquals(HookOutcome.FAILED, r.outcome());
        assertEquals("notify_backup " + fail + ": exit 3: promote refused", r.detail());
        assertTrue(r.output().contains("progress") && r.output().contains("first"), r.output());
    }

    @Test
    void missingScriptIsAClearFailure() throws Exception {
        Path missing = dir.resolve("nope.sh");

        HookReport r = hook(new NotifyScripts(cmd(missing), null, null, null, null), NotifyTarget.INSTANCE,
                Duration.ofSeconds(5)).run(HookPhase.NOTIFY, context("VI_1", "BACKUP", "MASTER", 1), Duration.ofSeconds(5));

        assertEquals(HookOutcome.FAILED, r.outcome());
        assertEquals("notify_master " + missing + ": script " + missing + " does not exist", r.detail());
    }

    @Test
    void nonExecutableScriptIsAClearFailure() throws Exception {
        Path plain = dir.resolve("plain.sh");
        Files.writeString(plain, "#!/bin/sh\n");

        HookReport r = hook(new NotifyScripts(null, null, cmd(plain), null, null), NotifyTarget.INSTANCE,
                Duration.ofSeconds(5)).run(HookPhase.NOTIFY, context("VI_1", "BACKUP", "FAULT", 1), Duration.ofSeconds(5));

        assertEquals(HookOutcome.FAILED, r.outcome());
        assertTrue(r.detail().endsWith(plain + " is not executable"), r.detail());
    }

    @Test
    void noScriptForTheStateIsSkipped() throws Exception {
        HookReport r = hook(new NotifyScripts(cmd(Scripts.write(dir, "m.sh", "true")), null, null, null, null),
                NotifyTarget.INSTANCE, Duration.ofSeconds(5))
                .run(HookPhase.NOTIFY, context("VI_1", "MASTER", "BACKUP", 1), Duration.ofSeconds(5));

        assertEquals(HookOutcome.SKIPPED, r.outcome());
    }
}
