package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vrrpd.config.ConfigException;
import io.vrrpd.config.ConfigLoader;
import io.vrrpd.config.Diagnostic;
import io.vrrpd.config.VrrpdConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/postgres.md's example goes through vrrpd's own YAML loader (the hook found by ServiceLoader) unchanged. */
class PostgresYamlConfigTest {
    static String docsExample() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "postgres.md"));
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(doc);
        if (!m.find()) {
            throw new AssertionError("no yaml block in docs/postgres.md");
        }
        return m.group(1);
    }

    @Test
    void theDocumentedSeedPairLoads() throws Exception {
        VrrpdConfig c = ConfigLoader.parse(Path.of("vrrpd.yaml"), docsExample()).config();
        assertEquals("postgres", c.instances().get(0).hooks().get(0).type());
    }

    @Test
    void aWrongKeyIsLocatedByTheLoader() throws Exception {
        String bad = docsExample().replace("max_lag: 1MiB", "max_lag: lots");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(Path.of("vrrpd.yaml"), bad));
        List<String> errors = e.errors().stream().map(Diagnostic::toString).toList();
        assertEquals(List.of("instances.VI_1.hooks[0].max_lag: must be a size such as 1MiB, 16MB or 1024 (bytes) "
                + "(was \"lots\")"), errors);
    }
}
