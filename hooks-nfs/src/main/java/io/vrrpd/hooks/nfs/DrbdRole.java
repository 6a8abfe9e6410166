package io.vrrpd.hooks.nfs;

import io.vrrpd.hooks.ScriptRun;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes this node's side of a DRBD resource Primary on takeover and Secondary on release (drbdadm(8)
 * {@code role}, {@code primary}, {@code secondary}). {@code --force} only when configured: it makes an
 * Inconsistent or Outdated disk primary and so can serve stale data, which is an admin's call, never ours.
 */
final class DrbdRole implements Step {
    private final String resource;
    private final boolean force;
    private final Commands commands;
    private final String drbdadm;

    DrbdRole(String resource, boolean force, Commands commands, Tools tools) {
        this.resource = resource;
        this.force = force;
        this.commands = commands;
        this.drbdadm = tools.drbdadm();
    }

    @Override
    public String name() {
        return "drbd " + resource;
    }

    @Override
    public String takeOver(Deadline d) throws StepFailure, InterruptedException {
        if (role(d).startsWith("Primary")) {
            return "already primary";
        }
        List<String> argv = new ArrayList<>(List.of(drbdadm, "primary"));
        if (force) {
            argv.add("--force");
        }
        argv.add(resource);
        commands.check(d, argv);
        String role = role(d);
        if (!role.startsWith("Primary")) {
            throw new StepFailure("drbd " + resource + " is still " + role + " after drbdadm primary");
        }
        return "primary" + (force ? " (forced)" : "");
    }

    @Override
    public String release(Deadline d) throws StepFailure, InterruptedException {
        if (role(d).startsWith("Secondary")) {
            return "already secondary";
        }
        commands.check(d, List.of(drbdadm, "secondary", resource));
        String role = role(d);
        if (!role.startsWith("Secondary")) {
            throw new StepFailure("drbd " + resource + " is still " + role + " after drbdadm secondary");
        }
        return "secondary";
    }

    /** DRBD 9 prints {@code Primary}; 8.4 prints {@code Primary/Secondary} (local role first). */
    private String role(Deadline d) throws StepFailure, InterruptedException {
        ScriptRun run = commands.check(d, List.of(drbdadm, "role", resource));
        String out = run.stdout().strip();
        return out.isEmpty() ? "(no role printed)" : out.lines().findFirst().orElse(out);
    }
}
