package io.vrrpd.cli;

import io.vrrpd.config.ConfigException;
import io.vrrpd.config.ConfigLoader;
import io.vrrpd.config.Diagnostic;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.config.LoadedConfig;
import io.vrrpd.config.Notify;
import io.vrrpd.config.Script;
import io.vrrpd.config.SyncGroup;
import io.vrrpd.config.TrackFile;
import io.vrrpd.config.TrackScript;
import io.vrrpd.config.Tracked;
import io.vrrpd.hooks.ScriptExecutor;
import io.vrrpd.track.ScriptSecurity;
import io.vrrpd.config.VirtualIp;
import io.vrrpd.config.VrrpdConfig;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads a configuration for a command-line tool: prints warnings and errors one per line to stderr and
 * maps the outcome to an exit code, so {@code vrrpd --check-config} and {@code vrrpctl convert} behave
 * alike.
 */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    /**
     * What loading gave.
     *
     * @param loaded   the configuration, or null on failure
     * @param exitCode {@link ExitCodes#OK}, {@link ExitCodes#NO_INPUT} or {@link ExitCodes#CONFIG}
     */
    public record Outcome(LoadedConfig loaded, int exitCode) {
    }

    /** Loads {@code file}, printing every warning and error to {@code err} as {@code location: message}. */
    public static Outcome load(Path file, PrintWriter err) {
        try {
            LoadedConfig loaded = ConfigLoader.load(file);
            loaded.warnings().forEach(w -> err.println("warning: " + w));
            return new Outcome(loaded, ExitCodes.OK);
        } catch (ConfigException e) {
            e.warnings().forEach(w -> err.println("warning: " + w));
            for (Diagnostic d : e.errors()) {
                err.println(d);
            }
            if (!e.unreadable()) {
                err.println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors")
                        + " in " + file);
            }
            return new Outcome(null, e.unreadable() ? ExitCodes.NO_INPUT : ExitCodes.CONFIG);
        }
    }

    /** @return a short human summary of every instance, as printed by {@code vrrpd --check-config} */
    public static String summary(VrrpdConfig c) {
        StringBuilder b = new StringBuilder();
        c.globals().routerId().ifPresent(r -> b.append("router_id ").append(r).append('\n'));
        for (InstanceConfig i : c.instances()) {
            b.append("instance ").append(i.name()).append(": interface ").append(i.interfaceName())
                    .append(", vrid ").append(i.vrid()).append(", priority ").append(i.priority())
                    .append(", state ").append(i.initialState()).append(", advert_int ")
                    .append(seconds(i)).append(", auth ").append(i.auth().type()).append(", version ")
                    .append(i.version()).append(i.preempt() ? "" : ", nopreempt").append('\n');
            for (VirtualIp v : i.virtualIps()) {
                b.append("  vip ").append(v).append('\n');
            }
            Notify n = i.notifications();
            notifyLine(b, "master", n.master());
            notifyLine(b, "backup", n.backup());
            notifyLine(b, "fault", n.fault());
            notifyLine(b, "stop", n.stop());
            notifyLine(b, "any", n.generic());
            trackLines(b, c, i);
        }
        for (SyncGroup g : c.syncGroups()) {
            b.append("sync group ").append(g.name()).append(": ").append(String.join(", ", g.instances()))
                    .append('\n');
        }
        return b.toString();
    }

    /** What each instance tracks, and any track script enable_script_security disables (as vrrpd would). */
    private static void trackLines(StringBuilder b, VrrpdConfig c, InstanceConfig i) {
        boolean secure = c.globals().enableScriptSecurity() && ScriptExecutor.runningAsRoot();
        for (Tracked t : i.trackScripts()) {
            TrackScript s = c.scripts().get(t.name());
            if (s == null) {
                continue;
            }
            int weight = t.weight().orElse(s.weight());
            b.append("  track vrrp_script ").append(t.name()).append(": ").append(String.join(" ", s.script().argv()))
                    .append(", weight ").append(weight).append(t.reverse().orElse(s.reverse()) ? " reverse" : "")
                    .append(weight == 0 ? " (failure means FAULT)" : "").append(", interval ")
                    .append(BigDecimal.valueOf(s.interval().toMillis(), 3).stripTrailingZeros().toPlainString() + "s").append(", rise ").append(s.rise())
                    .append(", fall ").append(s.fall());
            if (secure) {
                ScriptSecurity.problem(s.script().argv().get(0)).ifPresent(p -> b.append("; DISABLED by ")
                        .append("enable_script_security: ").append(p));
            }
            b.append('\n');
        }
        for (Tracked t : i.trackFiles()) {
            TrackFile f = c.trackFiles().get(t.name());
            if (f != null) {
                b.append("  track_file ").append(t.name()).append(": ").append(f.file()).append(", weight ")
                        .append(t.weight().orElse(f.weight())).append('\n');
            }
        }
        for (Tracked t : i.trackInterfaces()) {
            b.append("  track_interface ").append(t.name()).append(t.weight().isPresent() && t.weight().getAsInt() != 0
                    ? ", weight " + t.weight().getAsInt() : " (down means FAULT)").append('\n');
        }
    }

    private static String seconds(InstanceConfig i) {
        return BigDecimal.valueOf(i.advertInterval().toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static void notifyLine(StringBuilder b, String what, Optional<Script> s) {
        s.ifPresent(sc -> {
            b.append("  notify ").append(what).append(": ").append(String.join(" ", sc.argv()));
            sc.user().ifPresent(u -> b.append(" (as ").append(u).append(sc.group().map(g -> ":" + g).orElse(""))
                    .append(')'));
            b.append('\n');
        });
    }
}
