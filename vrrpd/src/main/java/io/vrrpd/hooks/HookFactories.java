package io.vrrpd.hooks;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hook types on the class path: vrrpd's built-ins and every jar in {@code lib/} that lists a
 * {@link HookFactory} in {@code META-INF/services/io.vrrpd.hooks.HookFactory}. Loaded once per class
 * loader; when two factories claim the same type the first found wins and the clash is logged.
 */
public final class HookFactories {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd");
    private static volatile HookFactories installed;

    private final Map<String, HookFactory> byType;
    private final List<String> problems;

    private HookFactories(Map<String, HookFactory> byType, List<String> problems) {
        this.byType = Collections.unmodifiableMap(byType);
        this.problems = List.copyOf(problems);
    }

    /** The factories visible to vrrpd's own class loader (loaded on first use). */
    public static HookFactories installed() {
        HookFactories f = installed;
        if (f == null) {
            synchronized (HookFactories.class) {
                if (installed == null) {
                    installed = load(HookFactories.class.getClassLoader());
                }
                f = installed;
            }
        }
        return f;
    }

    /** Loads the factories a class loader sees. */
    public static HookFactories load(ClassLoader loader) {
        Map<String, HookFactory> found = new TreeMap<>();
        List<String> problems = new java.util.ArrayList<>();
        var it = ServiceLoader.load(HookFactory.class, loader).iterator();
        while (true) {
            HookFactory f;
            try {
                if (!it.hasNext()) {
                    break;
                }
                f = it.next();
            } catch (ServiceConfigurationError e) {
                // A broken jar in lib/ must not hide the working ones; the message names the class.
                problems.add("cannot load a hook module: " + e.getMessage());
                LOG.error("cannot load a hook module: {}", e.getMessage());
                continue;
            }
            HookFactory earlier = found.putIfAbsent(f.type(), f);
            if (earlier != null) {
                String clash = "hook type '" + f.type() + "' is offered by both " + earlier.getClass().getName()
                        + " and " + f.getClass().getName() + "; using the first";
                problems.add(clash);
                LOG.warn("{}", clash);
            }
        }
        return new HookFactories(found, problems);
    }

    /** The factory for a {@code type:} value. */
    public Optional<HookFactory> get(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Every known type, sorted, for "unknown type" messages. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    /** Modules that could not be loaded and type clashes, each one line. */
    public List<String> problems() {
        return problems;
    }
}
