package io.vrrpd.hooks;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What every test hook holds fixed from the moment it is made: its name, phases and timeout. The test
 * hooks ({@link TestHooks.Scripted}, the {@code test} type of {@link TestHookFactory}) extend it and say
 * only what they do when run.
 */
abstract class FixedHook implements Hook {
    private final String name;
    private final Set<HookPhase> phases;
    private final Duration timeout;

    FixedHook(String name, Set<HookPhase> phases, Duration timeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.phases = phases;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<HookPhase> phases() {
        return phases;
    }

    @Override
    public final Duration timeout() {
        return timeout;
    }
}
