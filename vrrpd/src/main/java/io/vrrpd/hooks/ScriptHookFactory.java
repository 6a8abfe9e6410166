package io.vrrpd.hooks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The built-in {@code script} hook type: runs one command (an argument list, no shell) in one phase.
 *
 * <pre>
 * hooks:
 *   - type: script
 *     phase: takeover        # takeover | release | notify (required)
 *     command: [/usr/libexec/vrrpd/check-db.sh, --strict]
 *     timeout: 10s           # default 30s
 *     name: check-db         # default: the program's file name
 *     user: postgres         # optional, with group
 * </pre>
 */
public final class ScriptHookFactory implements HookFactory {
    /** The timeout when none is set; the same as keepalived-style notify scripts get here. */
    public static final Duration DEFAULT_TIMEOUT = Hook.DEFAULT_TIMEOUT;

    /** The phase names as written in YAML. */
    enum Phase {
        TAKEOVER(HookPhase.TAKEOVER), RELEASE(HookPhase.RELEASE), NOTIFY(HookPhase.NOTIFY);

        final HookPhase phase;

        Phase(HookPhase phase) {
            this.phase = phase;
        }
    }

    @Override
    public String type() {
        return "script";
    }

    @Override
    public Hook create(HookSettings settings, HookEnvironment environment) throws HookConfigException {
        Phase phase = null;
        if (!settings.has("phase")) {
            settings.problem("phase", "is required (takeover, release or notify)");
        } else {
            phase = settings.choice("phase", Phase.class).orElse(null);
        }
        List<String> argv = List.of();
        if (!settings.has("command")) {
            settings.problem("command", "is required: the program and its arguments as a list, e.g."
                    + " [/usr/libexec/vrrpd/check-db.sh, --strict] (no shell is used)");
        } else {
            argv = settings.strings("command");
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                settings.problem("command", "must name a program");
            } else if (!argv.isEmpty() && !argv.get(0).startsWith("/")) {
                settings.problem("command", "the program must be an absolute path (was \"" + argv.get(0) + "\")");
            } else if (!argv.isEmpty() && argv.get(0).contains(" ") && argv.size() == 1) {
                settings.problem("command", "is run without a shell: write the program and each argument as"
                        + " list items, e.g. [/bin/check, --strict] (was \"" + argv.get(0) + "\")");
            }
        }
        Duration timeout = settings.duration("timeout").orElse(DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            settings.problem("timeout", "must be longer than 0");
        }
        String user = settings.string("user").orElse(null);
        String group = settings.string("group").orElse(null);
        if (group != null && user == null) {
            settings.problem("group", "needs user as well");
        }
        String name = settings.string("name").orElse(argv.isEmpty() ? "script"
                : String.valueOf(Path.of(argv.get(0)).getFileName()));
        settings.finish();
        return new ScriptHook(name, EnumSet.of(phase.phase), new ScriptCommand(argv, user, group), timeout,
                environment.commands());
    }

    static String phaseName(HookPhase p) {
        return p.name().toLowerCase(Locale.ROOT);
    }
}
