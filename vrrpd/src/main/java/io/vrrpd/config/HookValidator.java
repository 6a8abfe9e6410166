package io.vrrpd.config;

import io.vrrpd.hooks.CommandRunner;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookConfigException;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookFactories;
import io.vrrpd.hooks.HookFactory;
import io.vrrpd.hooks.HookSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an instance's {@code hooks:} at load time by building each hook with its type's factory, so
 * {@code --check-config} and a reload report a hook's bad keys located, like any other key. The hooks
 * built here are closed at once; the daemon builds its own (factories only read settings, see
 * {@link HookFactory#create}).
 */
final class HookValidator {
    /** Checking a configuration never runs anything; a factory that tries gets this answer. */
    private static final CommandRunner NO_COMMANDS = (label, command, env, timeout) -> {
        throw new IllegalStateException("hook factories must not run commands while the configuration is checked ("
                + label + ")");
    };

    private final Diagnostics diag;

    HookValidator(Diagnostics diag) {
        this.diag = diag;
    }

    List<HookConfig> validate(String instance, List<RawConfig.RawHook> raws, Globals g) {
        List<HookConfig> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        HookFactories factories = HookFactories.installed();
        for (RawConfig.RawHook raw : raws) {
            String path = raw.place().location();
            Object type = raw.values().get("type");
            if (type == null || type instanceof Map || type instanceof List || String.valueOf(type).isBlank()) {
                diag.error(Place.yaml(path + ".type"), (type == null ? "is required" : "must be a single word")
                        + "; known hook types: " + String.join(", ", factories.types()));
                continue;
            }
            String t = String.valueOf(type).strip();
            var factory = factories.get(t);
            if (factory.isEmpty()) {
                diag.error(Place.yaml(path + ".type"), "unknown hook type '" + t + "'; known hook types: "
                        + String.join(", ", factories.types()) + " (a module's jar goes into vrrpd's lib/)");
                continue;
            }
            Map<String, Object> settings = new LinkedHashMap<>(raw.values());
            settings.remove("type");
            Hook hook = build(factory.get(), path, settings, new HookEnvironment(instance, g.stateDir(),
                    g.runtimeDir(), NO_COMMANDS));
            if (hook == null) {
                continue;
            }
            String earlier = names.putIfAbsent(hook.name(), path);
            if (earlier != null) {
                diag.error(Place.yaml(path), "hook name '" + hook.name() + "' is already used by " + earlier
                        + "; give one of them a distinct name: (faults and status name hooks by it)");
            }
            out.add(new HookConfig(t, settings, path));
        }
        return out;
    }

    private Hook build(HookFactory factory, String path, Map<String, Object> settings, HookEnvironment env) {
        try {
            Hook hook = factory.create(HookSettings.of(path, settings), env);
            if (hook == null) {
                diag.error(Place.yaml(path), "hook type '" + factory.type() + "' built nothing (a defect in "
                        + factory.getClass().getName() + ")");
                return null;
            }
            hook.close();
            return hook;
        } catch (HookConfigException e) {
            for (String problem : e.problems()) {
                int colon = problem.indexOf(": ");
                if (colon > 0 && problem.startsWith(path)) {
                    diag.error(Place.yaml(problem.substring(0, colon)), problem.substring(colon + 2));
                } else {
                    diag.error(Place.yaml(path), problem);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            diag.error(Place.yaml(path), "hook type '" + factory.type() + "' failed to read its settings: " + e);
        }
        return null;
    }
}
