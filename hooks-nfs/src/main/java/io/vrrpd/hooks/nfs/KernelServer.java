package io.vrrpd.hooks.nfs;

import io.vrrpd.hooks.ScriptRun;
import java.util.List;

/**
 * The kernel NFS server's systemd unit ({@code nfs-server.service} on RHEL and Debian): started on
 * takeover, stopped on release. Stopping the server, not just unexporting, is what lets the volume be
 * unmounted afterwards: nfsd keeps references to exported file systems while clients hold state
 * (Pacemaker's exportfs agent works around the same with {@code wait_for_leasetime_on_stop}; stopping the
 * whole server is quicker and certain, and this node serves nothing else).
 */
final class KernelServer implements Step {
    private final String unit;
    private final Commands commands;
    private final String systemctl;

    KernelServer(String unit, Commands commands, Tools tools) {
        this.unit = unit;
        this.commands = commands;
        this.systemctl = tools.systemctl();
    }

    @Override
    public String name() {
        return unit;
    }

    @Override
    public String takeOver(Deadline d) throws StepFailure, InterruptedException {
        if (active(d)) {
            return "already active";
        }
        commands.check(d, List.of(systemctl, "start", unit));
        if (!active(d)) {
            throw new StepFailure(unit + " is not active after systemctl start");
        }
        return "started";
    }

    @Override
    public String release(Deadline d) throws StepFailure, InterruptedException {
        if (!active(d)) {
            return "not active";
        }
        commands.check(d, List.of(systemctl, "stop", unit));
        if (active(d)) {
            throw new StepFailure(unit + " is still active after systemctl stop");
        }
        return "stopped";
    }

    /** {@code systemctl is-active --quiet UNIT}: exit 0 active, 3 (or other non-zero) not (systemctl(1)). */
    private boolean active(Deadline d) throws StepFailure, InterruptedException {
        ScriptRun run = commands.run(d, List.of(systemctl, "is-active", "--quiet", unit));
        if (run.status() != ScriptRun.Status.EXITED) {
            throw new StepFailure(Commands.failure(run));
        }
        return run.exitCode() == 0;
    }
}
