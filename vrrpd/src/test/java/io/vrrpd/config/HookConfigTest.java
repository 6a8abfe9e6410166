package io.vrrpd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code hooks:} in YAML: factories found by type, their problems located, the writer's round trip. */
class HookConfigTest {
    private static final Path YAML = Path.of("vrrpd.yaml");

    private static String instance(String hooks) {
        return """
                global:
                  state_dir: /tmp/vrrpd-test/state
                  runtime_dir: /tmp/vrrpd-test/run
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    priority: 100
                    virtual_ips: [192.0.2.100/24]
                    hooks:
                """ + hooks;
    }

    private static List<String> errors(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(YAML, yaml));
        return e.errors().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void theIssuesExampleLoadsAsWritten() throws Exception {
        VrrpdConfig c = ConfigLoader.parse(YAML, instance("""
                      - type: script            # built in: runs a command, no shell
                        phase: takeover         # takeover | release | notify
                        command: [/usr/libexec/vrrpd/check-db.sh, --strict]
                        timeout: 10s
                """)).config();

        HookConfig h = c.instances().get(0).hooks().get(0);
        assertEquals("script", h.type());
        assertEquals("instances.VI_1.hooks[0]", h.path());
        assertEquals(Map.of("phase", "takeover", "command", List.of("/usr/libexec/vrrpd/check-db.sh", "--strict"),
                "timeout", "10s"), h.settings());
        assertEquals(Path.of("/tmp/vrrpd-test/state"), c.globals().stateDir());
        assertEquals(Path.of("/tmp/vrrpd-test/run"), c.globals().runtimeDir());
    }

    @Test
    void unknownTypeNamesTheAvailableTypes() {
        List<String> errors = errors(instance("      - {type: postgress, phase: takeover}\n"));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("instances.VI_1.hooks[0].type: unknown hook type 'postgress'; known hook"
                + " types: script, test"), errors.get(0));
    }

    @Test
    void missingTypeIsLocated() {
        List<String> errors = errors(instance("      - {phase: takeover}\n"));
        assertTrue(errors.get(0).startsWith("instances.VI_1.hooks[0].type: is required"), errors.toString());
    }

    @Test
    void scriptHookProblemsAreAllReportedLocated() {
        List<String> errors = errors(instance("""
                      - {type: script, phase: takeover, command: [/bin/true], timeout: 10s}
                      - {type: script, phase: sometimes, command: [check.sh], timeout: soon, colour: blue}
                """));
        assertEquals(List.of(
                "instances.VI_1.hooks[1].phase: must be one of takeover, release, notify (was \"sometimes\")",
                "instances.VI_1.hooks[1].command: the program must be an absolute path (was \"check.sh\")",
                "instances.VI_1.hooks[1].timeout: must be a duration such as 10s or 500ms (was \"soon\")",
                "instances.VI_1.hooks[1].colour: unknown key"), errors);
    }

    @Test
    void scriptHookNeedsPhaseAndCommand() {
        List<String> errors = errors(instance("      - {type: script}\n"));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("instances.VI_1.hooks[0].phase: is required"), errors.toString());
        assertTrue(errors.get(1).startsWith("instances.VI_1.hooks[0].command: is required"), errors.toString());
    }

    @Test
    void twoHooksWithTheSameNameAreRefused() {
        List<String> errors = errors(instance("""
                      - {type: script, phase: takeover, command: [/usr/bin/check]}
                      - {type: script, phase: release, command: [/opt/check]}
                """));
        assertTrue(errors.get(0).startsWith("instances.VI_1.hooks[1]: hook name 'check' is already used by"
                + " instances.VI_1.hooks[0]"), errors.toString());
    }

    @Test
    void hookThatIsNotAMappingIsLocated() {
        List<String> errors = errors(instance("      - /usr/bin/check\n"));
        assertTrue(errors.get(0).startsWith("instances.VI_1.hooks[0]: must be a mapping with a type"), errors.toString());
    }

    @Test
    void writerRoundTripsHooksAndDirectories() throws Exception {
        VrrpdConfig c = ConfigLoader.parse(YAML, instance("""
                      - type: script
                        phase: release
                        command: [/usr/libexec/vrrpd/fence.sh, "--level", "2"]
                        timeout: 2s
                        user: postgres
                      - {type: test, name: t1, phases: [takeover, notify], timeout: 500ms}
                """)).config();

        String written = YamlWriter.write(c);
        VrrpdConfig back = ConfigLoader.parse(YAML, written).config();

        assertEquals(c, back, written);
    }
}
