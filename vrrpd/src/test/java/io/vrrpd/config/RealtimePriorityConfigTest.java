package io.vrrpd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The event loop's SCHED_RR priority: keepalived's {@code vrrp_rt_priority}, YAML's {@code realtime_priority},
 * default 1, 0 = off, anything else outside 0..99 rejected with its place. keepalived's nice value
 * ({@code vrrp_priority}) is ignored with a warning that says what to use instead.
 */
class RealtimePriorityConfigTest {
    private static final Path CONF = Path.of("keepalived.conf");
    private static final Path YAML = Path.of("vrrpd.yaml");
    private static final String CONF_INSTANCE =
            "vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 7\nvirtual_ipaddress {\n192.0.2.100\n}\n}\n";
    private static final String YAML_INSTANCE =
            "instances:\n  VI_1:\n    interface: eth0\n    vrid: 7\n    virtual_ips: [192.0.2.100]\n";

    private static List<String> lines(List<Diagnostic> ds) {
        return ds.stream().map(Diagnostic::toString).toList();
    }

    private static LoadedConfig conf(String globalDefs) throws ConfigException {
        return ConfigLoader.parse(CONF, "global_defs {\n" + globalDefs + "\n}\n" + CONF_INSTANCE);
    }

    private static LoadedConfig yaml(String global) throws ConfigException {
        return ConfigLoader.parse(YAML, "global:\n  " + global + "\n" + YAML_INSTANCE);
    }

    @Test
    void keepalivedVrrpRtPriorityIsRead() throws Exception {
        LoadedConfig l = conf("vrrp_rt_priority 50");
        assertEquals(50, l.config().globals().realtimePriority());
        assertEquals(List.of(), l.warnings());
    }

    @Test
    void defaultIsOneInBothFormats() throws Exception {
        assertEquals(Globals.DEFAULT_REALTIME_PRIORITY,
                ConfigLoader.parse(CONF, CONF_INSTANCE).config().globals().realtimePriority());
        assertEquals(1, ConfigLoader.parse(YAML, YAML_INSTANCE).config().globals().realtimePriority());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "vrrp_rt_priority 100     | keepalived.conf:2: vrrp_rt_priority must be 0..99 (was 100)",
        "vrrp_rt_priority -1      | keepalived.conf:2: vrrp_rt_priority must be 0..99 (was -1)",
        "vrrp_rt_priority high    | keepalived.conf:2: vrrp_rt_priority must be an integer 0..99 (was 'high')",
        "realtime_priority: 100   | global.realtime_priority: must be 0..99 (was 100)",
        "realtime_priority: -1    | global.realtime_priority: must be 0..99 (was -1)",
        "realtime_priority: high  | global.realtime_priority: must be an integer 0..99 (was 'high')"})
    void aBadValueIsALocatedErrorInBothFormats(String line, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> {
            if (line.startsWith("vrrp_")) {
                conf(line);
            } else {
                yaml(line);
            }
        });
        assertEquals(List.of(message), lines(e.errors()));
    }

    @Test
    void keepalivedNiceValueIsIgnoredWithASpecificWarning() throws Exception {
        LoadedConfig l = conf("vrrp_priority -10\nvrrp_no_swap");
        assertEquals(List.of("keepalived.conf:2: vrrp_priority ignored: vrrpd runs its event loop at SCHED_RR"
                        + " instead (vrrp_rt_priority / realtime_priority)",
                "keepalived.conf:3: unknown keyword 'vrrp_no_swap' ignored"), lines(l.warnings()));
        assertEquals(1, l.config().globals().realtimePriority());
    }

    @ParameterizedTest(name = "realtime_priority: {0}")
    @CsvSource({"0, 0", "1, 1", "99, 99"})
    void yamlRealtimePriorityIsReadAndZeroMeansOff(String value, int expected) throws Exception {
        LoadedConfig l = yaml("realtime_priority: " + value);
        assertEquals(expected, l.config().globals().realtimePriority());
        assertEquals(List.of(), l.warnings());
    }

    @Test
    void convertWritesThePriorityAndReadsItBack() throws Exception {
        for (String line : List.of("vrrp_rt_priority 5", "vrrp_rt_priority 0", "router_id X")) {
            VrrpdConfig c = conf(line).config();
            String written = YamlWriter.write(c);
            assertTrue(written.contains("realtime_priority: " + c.globals().realtimePriority()), written);
            assertEquals(c, ConfigLoader.parse(YAML, written).config(), written);
        }
    }

    @Test
    void globalsRejectPrioritiesOutsideZeroTo99() {
        Globals g = SeedConfigTest.seedGlobals();
        assertEquals(Globals.DEFAULT_REALTIME_PRIORITY, g.realtimePriority());
        assertEquals(99, withPriority(g, 99).realtimePriority());
        assertThrows(IllegalArgumentException.class, () -> withPriority(g, 100));
        assertThrows(IllegalArgumentException.class, () -> withPriority(g, -1));
    }

    private static Globals withPriority(Globals g, int priority) {
        return new Globals(g.routerId(), g.notificationEmails(), g.notificationEmailFrom(), g.smtpServer(),
                g.smtpPort(), g.smtpConnectTimeout(), g.smtpHeloName(), g.smtpAlert(), g.scriptUser(), g.scriptGroup(),
                g.enableScriptSecurity(), g.vrrpStartupDelay(), g.garp(), g.vrrpVersion(), g.stateDir(), g.runtimeDir(),
                g.smtpOptions(), priority);
    }
}
