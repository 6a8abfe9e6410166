package io.vrrpd.hooks;

import java.util.List;

/**
 * The settings of a configured hook are wrong. Each problem is one located line, e.g.
 * {@code instances.VI_1.hooks[0].max_lag: must be a size such as 1MiB or 16MB (was "lots")}; the
 * configuration reader reports them with the other configuration errors.
 */
public final class HookConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /** @param problems located problems, at least one */
    public HookConfigException(List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a hook configuration error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** One located problem. */
    public HookConfigException(String problem) {
        this(List.of(problem));
    }

    /** Every problem, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
