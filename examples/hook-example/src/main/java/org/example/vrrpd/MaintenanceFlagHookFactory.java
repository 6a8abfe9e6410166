package org.example.vrrpd;

import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookConfigException;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookFactory;
import io.vrrpd.hooks.HookSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Hook type {@code maintenance-flag}: a node whose flag file exists refuses to take over and reports
 * itself unfit, so an admin can take a node out of the election with {@code touch}.
 *
 * <pre>
 * hooks:
 *   - type: maintenance-flag
 *     file: /run/vrrpd/maintenance     # required, absolute
 *     timeout: 2s                      # optional, default 5s
 * </pre>
 *
 * <p>{@link #create} only reads and checks settings (it is also called by {@code vrrpd --check-config}):
 * every key is read through {@link HookSettings}, then {@link HookSettings#finish()} reports every
 * problem at once, located ({@code instances.VI_1.hooks[0].file: ...}), and unknown keys.
 */
public final class MaintenanceFlagHookFactory implements HookFactory {
    @Override
    public String type() {
        return "maintenance-flag";
    }

    @Override
    public Hook create(HookSettings settings, HookEnvironment environment) throws HookConfigException {
        Path file = null;
        if (!settings.has("file")) {
            settings.problem("file", "is required: the flag file whose presence keeps this node out");
        } else {
            file = settings.file("file").orElse(null);
        }
        Duration timeout = settings.duration("timeout").orElse(Duration.ofSeconds(5));
        settings.finish();
        return new MaintenanceFlagHook(environment.instance(), file, timeout);
    }
}
