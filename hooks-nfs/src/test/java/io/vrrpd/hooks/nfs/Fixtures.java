package io.vrrpd.hooks.nfs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vrrpd.hooks.CommandRunner;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookConfigException;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Builds hooks from YAML text as vrrpd's config reader hands it over. */
final class Fixtures {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Fixtures() {
    }

    @SuppressWarnings("unchecked")
    static HookSettings settings(String yaml) {
        try {
            return HookSettings.of("instances.VI_1.hooks[0]", YAML.readValue(yaml, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Hook hook(String yaml, CommandRunner runner, Path dir) throws HookConfigException {
        return new NfsHookFactory().create(settings(yaml),
                new HookEnvironment("VI_1", dir.resolve("state"), dir.resolve("run"), runner));
    }

    static HookContext toMaster() {
        return new HookContext("VI_1", "BACKUP", "MASTER", "master-down timer expired", 100,
                List.of("192.0.2.100/24"), "192.0.2.11", 3);
    }

    static HookContext toBackup() {
        return new HookContext("VI_1", "MASTER", "BACKUP", "higher priority advert", 100,
                List.of("192.0.2.100/24"), "192.0.2.11", 4);
    }
}
