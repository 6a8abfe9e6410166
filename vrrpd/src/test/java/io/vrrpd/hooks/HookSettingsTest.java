package io.vrrpd.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HookSettingsTest {

    enum Sync { OFF, ON }

    enum Rejoin { AUTO, MANUAL }

    @Test
    void readsTypedValuesAndNestedMappings() throws HookConfigException {
        HookSettings s = HookSettings.of("instances.VI_1.hooks[0]", Map.of(
                "type", "postgres",
                "data_dir", "/var/lib/pgsql/15/data",
                "timeout", "10s",
                "max_lag", "1MiB",
                "synchronous", true,
                "rejoin", "manual",
                "local", Map.of("host", "192.0.2.12", "port", 5433),
                "command", List.of("/bin/true", "--x"),
                "exports", List.of(Map.of("path", "/srv/share", "id", 1))));
        assertEquals(Optional.of(Path.of("/var/lib/pgsql/15/data")), s.file("data_dir"));
        assertEquals(Optional.of(Duration.ofSeconds(10)), s.duration("timeout"));
        assertEquals(Optional.of(1L << 20), s.size("max_lag"));
        assertEquals(Optional.of(Sync.ON), s.choice("synchronous", Sync.class));
        assertEquals(Optional.of(Rejoin.MANUAL), s.choice("rejoin", Rejoin.class));
        HookSettings local = s.map("local").orElseThrow();
        assertEquals("192.0.2.12", local.requiredString("host"));
        assertEquals(Optional.of(5433), local.integer("port", 1, 65535));
        assertEquals(List.of("/bin/true", "--x"), s.strings("command"));
        List<HookSettings> exports = s.maps("exports");
        assertEquals("instances.VI_1.hooks[0].exports[0]", exports.get(0).path());
        assertEquals("/srv/share", exports.get(0).requiredString("path"));
        assertEquals(Optional.of(1), exports.get(0).integer("id", 1, 65535));
        s.finish();
    }

    @Test
    void collectsEveryProblemWithItsPathIncludingUnknownNestedKeys() {
        HookSettings s = HookSettings.of("instances.VI_1.hooks[1]", Map.of(
                "timeout", "soon",
                "max_lag", "lots",
                "rejoin", "sometimes",
                "data_dir", "relative/dir",
                "local", Map.of("hots", "192.0.2.12")));
        s.duration("timeout");
        s.size("max_lag");
        s.choice("rejoin", Rejoin.class);
        s.file("data_dir");
        s.map("local").ifPresent(l -> l.string("host"));
        s.requiredString("bin_dir");
        HookConfigException e = assertThrows(HookConfigException.class, s::finish);
        List<String> p = e.problems();
        assertEquals(6, p.size(), p.toString());
        assertTrue(p.contains("instances.VI_1.hooks[1].timeout: must be a duration such as 10s or 500ms (was \"soon\")"), p.toString());
        assertTrue(p.contains("instances.VI_1.hooks[1].rejoin: must be one of auto, manual (was \"sometimes\")"), p.toString());
        assertTrue(p.contains("instances.VI_1.hooks[1].bin_dir: is required"), p.toString());
        assertTrue(p.contains("instances.VI_1.hooks[1].local.hots: unknown key"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("instances.VI_1.hooks[1].data_dir: must be an absolute path")));
    }
}
