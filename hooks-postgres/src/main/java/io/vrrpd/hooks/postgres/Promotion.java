package io.vrrpd.hooks.postgres;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a standby of a given major version is promoted (the version switch, issue 7 §1):
 * {@code pg_promote()} on 12+ (a SQL function, so no process and no file as another user); on 10 and 11
 * the {@code trigger_file} its recovery.conf names when it names one (the seed's setup, created as the
 * server's OS user so PostgreSQL can remove it after use: a trigger file left behind would promote the
 * node again the next time it starts as a standby), else {@code pg_ctl promote}.
 *
 * @param method      which way
 * @param triggerFile the trigger file for {@link Method#TRIGGER_FILE}, else null
 */
public record Promotion(Method method, Path triggerFile) {

    /** The ways of ending recovery. */
    public enum Method { PG_PROMOTE, TRIGGER_FILE, PG_CTL_PROMOTE }

    /**
     * @param major        the server's major version (server_version_num / 10000)
     * @param recoveryConf the data directory's recovery.conf text, or empty (10/11 only)
     */
    public static Promotion choose(int major, Optional<String> recoveryConf) {
        if (StandbyConfig.usesSignalFiles(major)) {
            return new Promotion(Method.PG_PROMOTE, null);
        }
        Optional<String> trigger = recoveryConf.flatMap(t -> StandbyConfig.setting(t, "trigger_file"))
                .filter(s -> !s.isBlank());
        return trigger.map(t -> new Promotion(Method.TRIGGER_FILE, Path.of(t)))
                .orElseGet(() -> new Promotion(Method.PG_CTL_PROMOTE, null));
    }
}
