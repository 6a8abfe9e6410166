package io.vrrpd.hooks;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One hook's YAML mapping with its key path, read by a {@link HookFactory}. Values are plain Java as the
 * YAML reader made them: {@code String}, {@code Boolean}, {@code Number}, {@code List}, {@code Map}.
 *
 * <p>Getters never throw: a wrong value is recorded as a located problem (e.g.
 * {@code instances.VI_1.hooks[0].timeout: must be a duration such as 10s or 500ms (was "soon")}) and the
 * getter returns empty, so a factory reads every key and all problems are reported at once. Keys that no
 * getter asked for are reported as unknown by {@link #finish()}, which throws when anything was wrong.
 * Nested mappings ({@link #map}, {@link #maps}) share the parent's problem list and unknown-key check.
 */
public final class HookSettings {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(us|ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|kB|KB|KiB|MB|MiB|GB|GiB|TB|TiB)?");

    private final String path;
    private final Map<String, Object> values;
    private final Set<String> read = new TreeSet<>();
    private final Shared shared;

    /** Problems and every mapping node of one hook, so {@link #finish()} sees nested ones too. */
    private static final class Shared {
        final List<String> problems = new ArrayList<>();
        final List<HookSettings> nodes = new ArrayList<>();
    }

    private HookSettings(String path, Map<String, ?> values, Shared shared) {
        this.path = Objects.requireNonNull(path, "path");
        this.values = new LinkedHashMap<>(values);
        this.shared = shared;
        shared.nodes.add(this);
    }

    /**
     * The settings of one hook.
     *
     * @param path   where the mapping sits, e.g. {@code instances.VI_1.hooks[0]}
     * @param values the mapping's keys and values (a {@code type} key is ignored: the factory was picked by it)
     */
    public static HookSettings of(String path, Map<String, ?> values) {
        HookSettings s = new HookSettings(path, values, new Shared());
        s.read.add("type");
        return s;
    }

    /** Where this mapping sits, e.g. {@code instances.VI_1.hooks[0]}. */
    public String path() {
        return path;
    }

    /** The path of one key, for messages. */
    public String pathOf(String key) {
        return path + "." + key;
    }

    /** Whether the key is present (marks it as read). */
    public boolean has(String key) {
        read.add(key);
        return values.containsKey(key) && values.get(key) != null;
    }

    /** Records a located problem with {@code key}, for checks the getters cannot make. */
    public void problem(String key, String message) {
        shared.problems.add(pathOf(key) + ": " + message);
    }

    /** A scalar as text; numbers and booleans are given as written. */
    public Optional<String> string(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            problem(key, "must be a single value, not a " + (v instanceof Map ? "mapping" : "list"));
            return Optional.empty();
        }
        String text = String.valueOf(v).strip();
        if (text.isEmpty()) {
            problem(key, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** A scalar that must be there; records "is required" and returns null when missing. */
    public String requiredString(String key) {
        if (!has(key)) {
            problem(key, "is required");
            return null;
        }
        return string(key).orElse(null);
    }

    /** An absolute path. */
    public Optional<Path> file(String key) {
        Optional<String> s = string(key);
        if (s.isPresent() && !s.get().startsWith("/")) {
            problem(key, "must be an absolute path (was \"" + s.get() + "\")");
            return Optional.empty();
        }
        return s.map(Path::of);
    }

    /** A duration: {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 100us}, or plain seconds. */
    public Optional<Duration> duration(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(s.get());
        if (!m.matches()) {
            problem(key, "must be a duration such as 10s or 500ms (was \"" + s.get() + "\")");
            return Optional.empty();
        }
        long unitNanos = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000_000L;
        };
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            problem(key, "is too long (was \"" + s.get() + "\")");
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    /** A size in bytes: {@code 1MiB}, {@code 16MB}, {@code 512kB}, {@code 1024} (bytes). */
    public Optional<Long> size(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SIZE.matcher(s.get());
        if (!m.matches()) {
            problem(key, "must be a size such as 1MiB, 16MB or 1024 (bytes) (was \"" + s.get() + "\")");
            return Optional.empty();
        }
        long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "kB", "KB" -> 1_000L;
            case "KiB" -> 1L << 10;
            case "MB" -> 1_000_000L;
            case "MiB" -> 1L << 20;
            case "GB" -> 1_000_000_000L;
            case "GiB" -> 1L << 30;
            case "TB" -> 1_000_000_000_000L;
            case "TiB" -> 1L << 40;
            default -> 1L;
        };
        try {
            return Optional.of(Math.multiplyExact(Long.parseLong(m.group(1)), unit));
        } catch (ArithmeticException | NumberFormatException e) {
            problem(key, "is too large (was \"" + s.get() + "\")");
            return Optional.empty();
        }
    }

    /** A whole number within {@code min..max}. */
    public Optional<Integer> integer(String key, int min, int max) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(s.get());
            if (n >= min && n <= max) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(key, "must be a whole number " + min + ".." + max + " (was \"" + s.get() + "\")");
        return Optional.empty();
    }

    /** A yes/no value: {@code true/false}, {@code on/off}, {@code yes/no}. */
    public Optional<Boolean> bool(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        switch (s.get().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes":
                return Optional.of(true);
            case "false", "off", "no":
                return Optional.of(false);
            default:
                problem(key, "must be on or off (was \"" + s.get() + "\")");
                return Optional.empty();
        }
    }

    /**
     * One of an enum's constants, written in lower case with {@code -} or {@code _} for {@code _}
     * (e.g. {@code rejoin: auto} for {@code AUTO}). YAML's {@code on}/{@code off} arrive as booleans and
     * match constants named {@code ON}/{@code OFF}.
     */
    public <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        String text = v instanceof Boolean b ? (b ? "on" : "off") : string(key).orElse(null);
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return Optional.of(e);
            }
        }
        problem(key, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " (was \"" + text + "\")");
        return Optional.empty();
    }

    /** A list of scalars; a single scalar counts as a one-element list; absent is empty. */
    public List<String> strings(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        List<?> items = v instanceof List<?> l ? l : List.of(v);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item == null || item instanceof Map || item instanceof List) {
                shared.problems.add(pathOf(key) + "[" + i + "]: must be a single value");
            } else {
                out.add(String.valueOf(item).strip());
            }
        }
        return out;
    }

    /** A nested mapping, e.g. {@code local: {host: 192.0.2.12}}. */
    public Optional<HookSettings> map(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?> m)) {
            problem(key, "must be a mapping (key: value)");
            return Optional.empty();
        }
        return Optional.of(new HookSettings(pathOf(key), stringKeys(m), shared));
    }

    /** A list of mappings, e.g. {@code exports: [{path: /srv/share, id: 1}]}. */
    public List<HookSettings> maps(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            problem(key, "must be a list");
            return List.of();
        }
        List<HookSettings> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) instanceof Map<?, ?> m) {
                out.add(new HookSettings(pathOf(key) + "[" + i + "]", stringKeys(m), shared));
            } else {
                shared.problems.add(pathOf(key) + "[" + i + "]: must be a mapping (key: value)");
            }
        }
        return out;
    }

    /** The problems recorded so far, located. */
    public List<String> problems() {
        return List.copyOf(shared.problems);
    }

    /**
     * Ends reading: reports every key of this hook (nested mappings included) that no getter asked for,
     * then throws if any problem was recorded.
     *
     * @throws HookConfigException with every problem, in the order found
     */
    public void finish() throws HookConfigException {
        List<String> all = new ArrayList<>(shared.problems);
        for (HookSettings node : shared.nodes) {
            for (String key : node.values.keySet()) {
                if (!node.read.contains(key)) {
                    all.add(node.pathOf(key) + ": unknown key");
                }
            }
        }
        if (!all.isEmpty()) {
            throw new HookConfigException(all);
        }
    }

    private Object raw(String key) {
        read.add(key);
        return values.get(key);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
