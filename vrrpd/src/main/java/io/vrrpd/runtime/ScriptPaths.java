package io.vrrpd.runtime;

import io.vrrpd.config.HookConfig;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.Notify;
import io.vrrpd.config.Script;
import io.vrrpd.config.VrrpdConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds notify scripts and {@code script} hooks that cannot run (missing, not executable), so the admin hears of it at start-up
 * and in {@code --check-config}, not at 3 a.m. when the failover's notify_master fails. keepalived warns
 * the same way when it loads its configuration.
 */
final class ScriptPaths {
    private ScriptPaths() {
    }

    static List<String> problems(VrrpdConfig config) {
        List<String> out = new ArrayList<>();
        for (InstanceConfig i : config.instances()) {
            Notify n = i.notifications();
            check(out, i.name(), "notify_master", n.master());
            check(out, i.name(), "notify_backup", n.backup());
            check(out, i.name(), "notify_fault", n.fault());
            check(out, i.name(), "notify_stop", n.stop());
            check(out, i.name(), "notify", n.generic());
            for (HookConfig h : i.hooks()) {
                // A takeover script that is missing fails every takeover: say so before the failover needs it.
                if ("script".equals(h.type()) && h.settings().get("command") instanceof List<?> argv
                        && !argv.isEmpty()) {
                    check(out, i.name(), h.path() + " (" + h.settings().get("phase") + " hook)",
                            Optional.of(new Script(argv.stream().map(String::valueOf).toList(), Optional.empty(),
                                    Optional.empty())));
                }
            }
        }
        return out;
    }

    private static void check(List<String> out, String instance, String keyword, Optional<Script> script) {
        if (script.isEmpty() || script.get().argv().isEmpty()) {
            return;
        }
        String program = script.get().argv().get(0);
        Path p = Path.of(program);
        if (!p.isAbsolute()) {
            return; // resolved through PATH when it runs
        }
        if (!Files.exists(p)) {
            out.add("(" + instance + ") " + keyword + " script " + program + " does not exist; it will fail"
                    + " on every transition until it is installed");
        } else if (!Files.isExecutable(p)) {
            out.add("(" + instance + ") " + keyword + " script " + program + " is not executable (chmod +x)");
        }
    }
}
