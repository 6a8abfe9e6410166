package io.vrrpd.hooks;

/**
 * Makes hooks of one {@code type} from their YAML settings. Found with {@link java.util.ServiceLoader}:
 * a module lists its factories in {@code META-INF/services/io.vrrpd.hooks.HookFactory} and its jar is
 * dropped into vrrpd's {@code lib/}. vrrpd's built-in {@code script} type is a factory like any other.
 *
 * <p>{@link #create} is called twice for every configured hook: once while the configuration is
 * validated ({@code vrrpd --check-config}, a reload, the start) and once when the daemon installs the
 * hooks. It must therefore only read and check settings and build an object: no processes, no
 * connections, no files written. Work belongs in {@link Hook#run} and {@link HealthCheck#check}.
 */
public interface HookFactory {

    /** The {@code type:} value this factory answers to, e.g. {@code postgres}; lower case, stable. */
    String type();

    /**
     * Reads and checks the hook's settings and builds the hook.
     *
     * <p>Read every key through {@code settings} (its getters record located problems and return a
     * default), then call {@link HookSettings#finish()}, which throws if any key was wrong, missing or
     * unknown, so a hook is never built from bad values.
     *
     * @param settings    this hook's YAML mapping (without {@code type}), with its path for messages
     * @param environment where the hook runs: instance, directories, the command runner
     * @return the hook, ready to be registered
     * @throws HookConfigException with every problem found, each naming its key path
     */
    Hook create(HookSettings settings, HookEnvironment environment) throws HookConfigException;
}
