package org.example.vrrpd;

import io.vrrpd.hooks.Health;
import io.vrrpd.hooks.HealthCheck;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A takeover hook and a health check in one: the takeover fails while the flag file exists, and the
 * health check then says UNFIT (FAULT with the reason), READY once the file is gone.
 */
final class MaintenanceFlagHook implements Hook {
    private final String instance;
    private final Path flag;
    private final Duration timeout;

    MaintenanceFlagHook(String instance, Path flag, Duration timeout) {
        this.instance = instance;
        this.flag = flag;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "maintenance-flag";
    }

    @Override
    public Set<HookPhase> phases() {
        return Set.of(HookPhase.TAKEOVER);
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public HookReport run(HookPhase phase, HookContext context, Duration budget) {
        return Files.exists(flag)
                ? HookReport.failed(flag + " exists: " + instance + " is in maintenance on this node")
                : HookReport.ok("no maintenance flag");
    }

    @Override
    public Optional<HealthCheck> healthCheck() {
        return Optional.of((inst, state) -> Files.exists(flag)
                ? Health.unfit("maintenance flag " + flag + " is set")
                : Health.ready("no maintenance flag"));
    }
}
