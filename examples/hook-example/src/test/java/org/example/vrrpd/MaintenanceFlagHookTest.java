package org.example.vrrpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.config.ConfigException;
import io.vrrpd.config.ConfigLoader;
import io.vrrpd.config.Diagnostic;
import io.vrrpd.config.HookConfig;
import io.vrrpd.hooks.Health;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookFactories;
import io.vrrpd.hooks.HookOutcome;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module as vrrpd sees it: found by its type through ServiceLoader, its settings checked and located. */
class MaintenanceFlagHookTest {
    private static final Path YAML = Path.of("vrrpd.yaml");

    @TempDir
    Path dir;

    private static String config(String hook) {
        return """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [192.0.2.100/24]
                    hooks:
                """ + hook;
    }

    @Test
    void vrrpdsConfigLoaderFindsTheTypeThroughServiceLoader() throws Exception {
        assertTrue(HookFactories.installed().types().contains("maintenance-flag"), HookFactories.installed().types()
                .toString());

        var c = ConfigLoader.parse(YAML, config("      - {type: maintenance-flag, file: /run/vrrpd/maintenance}\n"));

        HookConfig h = c.config().instances().get(0).hooks().get(0);
        assertEquals("maintenance-flag", h.type());
        assertEquals("/run/vrrpd/maintenance", h.settings().get("file"));
    }

    @Test
    void badSettingsAreReportedLocatedLikeAnyOtherKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(YAML,
                config("      - {type: maintenance-flag, file: maintenance, timeout: later, colour: red}\n")));

        assertEquals(List.of(
                "instances.VI_1.hooks[0].file: must be an absolute path (was \"maintenance\")",
                "instances.VI_1.hooks[0].timeout: must be a duration such as 10s or 500ms (was \"later\")",
                "instances.VI_1.hooks[0].colour: unknown key"),
                e.errors().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void takeoverFailsAndHealthIsUnfitWhileTheFlagExists() throws Exception {
        Path flag = dir.resolve("maintenance");
        Hook hook = new MaintenanceFlagHookFactory().create(
                HookSettings.of("instances.VI_1.hooks[0]", java.util.Map.of("file", flag.toString())),
                new HookEnvironment("VI_1", dir, dir, (label, command, env, timeout) -> {
                    throw new AssertionError("this hook runs no commands");
                }));
        HookContext ctx = new HookContext("VI_1", "BACKUP", "MASTER", "test", 100, List.of("192.0.2.100"), null, 1);

        assertEquals(HookOutcome.OK, hook.run(HookPhase.TAKEOVER, ctx, hook.timeout()).outcome());
        assertEquals(Health.Status.READY, hook.healthCheck().orElseThrow().check("VI_1", "BACKUP").status());
        Files.createFile(flag);
        assertEquals(HookOutcome.FAILED, hook.run(HookPhase.TAKEOVER, ctx, hook.timeout()).outcome());
        assertEquals(Health.Status.UNFIT, hook.healthCheck().orElseThrow().check("VI_1", "BACKUP").status());
    }
}
