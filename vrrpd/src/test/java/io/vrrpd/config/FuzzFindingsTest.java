package io.vrrpd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs the configuration fuzzer (ConfigFuzzTest) found, kept as plain regression tests. */
class FuzzFindingsTest {
    private static final String INSTANCE = """
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              authentication {
                auth_type PASS
                auth_pass %s
              }
              virtual_ipaddress {
                192.0.2.100
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void includePatternWithAnUnbalancedBraceIsALocatedError() {
        List<String> errors = errors(dir.resolve("keepalived.conf"), "include parts/b_email {\n");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("keepalived.conf:1: include {: not a valid file pattern ("), errors.toString());
    }

    @Test
    void longNonAsciiPasswordWhoseEighthByteSplitsACharacterIsRefused() {
        List<String> errors = errors(dir.resolve("keepalived.conf"), INSTANCE.formatted("PASSWORÄX"));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("keepalived.conf:6: ") && errors.get(0).contains("splits a character"),
                errors.toString());
    }

    @Test
    void longNonAsciiPasswordIsCutAtWholeCharactersWithinEightBytes() throws ConfigException {
        LoadedConfig c = ConfigLoader.parse(dir.resolve("keepalived.conf"), INSTANCE.formatted("PASSWÄRDX"));
        assertEquals("PASSWÄR", c.config().instances().get(0).auth().password());
    }

    @Test
    void emptyYamlKeyIsNamedInTheError() {
        List<String> errors = errors(dir.resolve("vrrpd.yaml"), "? \n: 1\n");
        assertEquals(List.of("\"\": unknown key"), errors);
    }

    private static List<String> errors(Path file, String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(file, text));
        return e.errors().stream().map(Diagnostic::toString).toList();
    }
}
