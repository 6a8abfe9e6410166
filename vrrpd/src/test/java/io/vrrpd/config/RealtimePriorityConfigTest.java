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
        assertTrue(ConfigLoader.parse(YAML, YAML_INSTANCE).config().globals().realtime());
    }

    @ParameterizedTest(name = "vrrp_rt_priority {0}")
    @CsvSource(delimiter = '|', value = {
        "100  | keepalived.conf:2: vrrp_rt_priority must be 0..99 (was 100)",
        "-1   | keepalived.conf:2: vrrp_rt_priority must be 0..99 (was -1)",
        "high | keepalived.conf:2: vrrp_rt_priority must be an integer 0..99 (was 'high')"})
    void keepalivedBadValueIsALocatedError(String value, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> conf("vrrp_rt_priority " + value));
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
        assertEquals(expected > 0, l.config().globals().realtime());
        assertEquals(List.of(), l.warnings());
    }

    @ParameterizedTest(name = "realtime_priority: {0}")
    @CsvSource(delimiter = '|', value = {
        "100  | global.realtime_priority: must be 0..99 (was 100)",
        "-1   | global.realtime_priority: must be 0..99 (was -1)",
        "high | global.realtime_priority: must be an integer 0..99 (was 'high')"})
    void yamlBadValueIsALocatedError(String value, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> yaml("realtime_priority: " + value));
        assertEquals(List.of(message), lines(e.errors()));
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
        assertEquals(99, g.withRealtimePriority(99).realtimePriority());
        assertThrows(IllegalArgumentException.class, () -> g.withRealtimePriority(100));
        assertThrows(IllegalArgumentException.class, () -> g.withRealtimePriority(-1));
    }
}
