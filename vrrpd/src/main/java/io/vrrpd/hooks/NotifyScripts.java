package io.vrrpd.hooks;

/**
 * The notify scripts of one instance or sync group, as in keepalived.conf(5): {@code notify_master},
 * {@code notify_backup}, {@code notify_fault}, {@code notify_stop} run with their configured arguments
 * only, on entering that state; the generic {@code notify} gets four more:
 * {@code INSTANCE|GROUP <name> <MASTER|BACKUP|FAULT|STOP> <priority>}. Any may be {@code null}.
 *
 * @param master  {@code notify_master}
 * @param backup  {@code notify_backup}
 * @param fault   {@code notify_fault}
 * @param stop    {@code notify_stop}
 * @param generic {@code notify}
 */
public record NotifyScripts(ScriptCommand master, ScriptCommand backup, ScriptCommand fault, ScriptCommand stop,
                            ScriptCommand generic) {

    /** No scripts at all. */
    public static NotifyScripts none() {
        return new NotifyScripts(null, null, null, null, null);
    }

    /** True when no script is configured. */
    public boolean isEmpty() {
        return master == null && backup == null && fault == null && stop == null && generic == null;
    }

    /** The state-specific script for a state name, or null (also for INIT and unknown states). */
    public ScriptCommand forState(String state) {
        return switch (state) {
            case "MASTER" -> master;
            case "BACKUP" -> backup;
            case "FAULT" -> fault;
            case "STOP" -> stop;
            default -> null;
        };
    }

    /** The keepalived name of the state-specific script for a state, e.g. {@code notify_master}. */
    static String keywordFor(String state) {
        return "notify_" + state.toLowerCase(java.util.Locale.ROOT);
    }

    /** True for the states keepalived notifies: MASTER, BACKUP, FAULT, STOP. */
    static boolean isNotifiedState(String state) {
        return switch (state) {
            case "MASTER", "BACKUP", "FAULT", "STOP" -> true;
            default -> false;
        };
    }
}
