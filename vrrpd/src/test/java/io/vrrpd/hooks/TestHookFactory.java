package io.vrrpd.hooks;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hook type {@code test} for unit tests, found through ServiceLoader like any module
 * (src/test/resources/META-INF/services). Keys: {@code name} (required), {@code phases} (list),
 * {@code timeout}, {@code actions} (list). What a hook does is set by the test through {@link #behave}
 * under its name; every call is recorded in {@link #calls}.
 */
public final class TestHookFactory implements HookFactory {
    /** What a test hook does when run; {@code phase} is null for an action. */
    public interface Behaviour {
        HookReport run(HookPhase phase, String action, HookContext context, Duration timeout) throws Exception;
    }

    private static final Map<String, Behaviour> BEHAVIOURS = new ConcurrentHashMap<>();
    /** "name PHASE from->to #seq planned" per call, in call order. */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private static final Map<String, HealthCheck> HEALTH = new ConcurrentHashMap<>();

    /** Gives the hook called {@code name} (created afterwards) this health check. */
    public static void health(String name, HealthCheck check) {
        HEALTH.put(name, check);
    }

    /** Sets what the hook called {@code name} does (tests use unique names). */
    public static void behave(String name, Behaviour b) {
        BEHAVIOURS.put(name, b);
    }

    /** The recorded calls of one hook. */
    public static List<String> calls(String name) {
        return CALLS.stream().filter(c -> c.startsWith(name + " ")).toList();
    }

    @Override
    public String type() {
        return "test";
    }

    @Override
    public Hook create(HookSettings settings, HookEnvironment environment) throws HookConfigException {
        String name = settings.requiredString("name");
        Set<HookPhase> phases = EnumSet.noneOf(HookPhase.class);
        for (String p : settings.strings("phases")) {
            try {
                phases.add(HookPhase.valueOf(p.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                settings.problem("phases", "unknown phase " + p);
            }
        }
        Duration timeout = settings.duration("timeout").orElse(Duration.ofSeconds(5));
        Set<String> actions = Set.copyOf(settings.strings("actions"));
        settings.finish();
        return new FixedHook(name, phases, timeout) {
            @Override
            public Set<String> actions() {
                return actions;
            }

            @Override
            public java.util.Optional<HealthCheck> healthCheck() {
                return java.util.Optional.ofNullable(HEALTH.get(name));
            }

            @Override
            public HookReport run(HookPhase phase, HookContext c, Duration t) throws Exception {
                CALLS.add(name + " " + phase + " " + c.fromState() + "->" + c.toState() + " #" + c.sequence()
                        + (c.planned() ? " planned" : ""));
                Behaviour b = BEHAVIOURS.get(name);
                return b == null ? HookReport.ok("") : b.run(phase, null, c, t);
            }

            @Override
            public HookReport runAction(String action, HookContext c, Duration t) throws Exception {
                CALLS.add(name + " action " + action);
                Behaviour b = BEHAVIOURS.get(name);
                return b == null ? HookReport.ok("") : b.run(null, action, c, t);
            }
        };
    }
}
