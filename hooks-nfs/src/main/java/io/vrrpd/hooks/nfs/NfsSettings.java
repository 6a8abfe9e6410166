package io.vrrpd.hooks.nfs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One {@code type: nfs} hook's configuration, checked and frozen by {@link NfsSettingsReader}.
 *
 * @param backend       ganesha or kernel
 * @param stateDir      NFSv4 recovery state on the replicated storage (client records survive the move)
 * @param exports       what to serve, each with its fixed id
 * @param mount         the replicated volume to mount first, or null when it is always mounted
 * @param drbdResource  the DRBD resource to promote first, or null
 * @param drbdForce     {@code drbdadm primary --force}: only when configured, it can make a stale disk primary
 * @param grace         NFSv4 grace period the server starts with (ganesha {@code Grace_Period})
 * @param lease         NFSv4 lease time (ganesha {@code Lease_Lifetime}); never longer than {@code grace}
 * @param serverScope   NFSv4.1 server scope, identical on both nodes so clients may reclaim after a move
 * @param verifyAddress the node's own address for the served check, or null to find it at run time
 * @param port          the NFS port the served check uses (ganesha {@code NFS_Port})
 * @param timeout       the budget of one takeover or release, undo included
 * @param unmount       unmount retries on release
 * @param stopTimeout   how long the server gets to stop on SIGTERM before SIGKILL
 * @param recoveryMount kernel backend: where nfsdcld keeps its records, bind-mounted from {@code stateDir}
 * @param unit          kernel backend: the systemd unit of the server
 * @param tools         the programs run
 */
public record NfsSettings(Backend backend, Path stateDir, List<NfsExport> exports, MountSpec mount,
                          String drbdResource, boolean drbdForce, Duration grace, Duration lease,
                          String serverScope, String verifyAddress, int port, Duration timeout,
                          UnmountPolicy unmount, Duration stopTimeout, Path recoveryMount, String unit,
                          Tools tools) {
    public NfsSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(stateDir, "stateDir");
        exports = List.copyOf(exports);
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(serverScope, "serverScope");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(unmount, "unmount");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(recoveryMount, "recoveryMount");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(tools, "tools");
    }
}
