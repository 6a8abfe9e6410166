package io.vrrpd.hooks;

/** When a hook runs relative to a state transition (see the design, "Becoming master, giving it up"). */
public enum HookPhase {
    /**
     * BACKUP to MASTER: after the advert that claims mastership, before the VIPs are added. Every
     * takeover hook must succeed within its timeout; a failure or timeout sends the instance to FAULT
     * (the runtime does that from the results). The runner stops at the first failing takeover hook and
     * reports the rest as {@link HookOutcome#SKIPPED}, so a later step (exporting NFS) never runs after
     * an earlier one (promoting PostgreSQL) failed.
     */
    TAKEOVER,
    /** Leaving MASTER (to BACKUP, FAULT or STOP): after the VIPs are removed. Every hook runs, best effort. */
    RELEASE,
    /** After every transition, in order, fire-and-forget: the runtime never waits for these. */
    NOTIFY
}
