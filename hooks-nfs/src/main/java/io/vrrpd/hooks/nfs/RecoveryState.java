package io.vrrpd.hooks.nfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The NFSv4 recovery directory on the replicated storage. The server records there which clients hold
 * state; because it moves with the data, clients of the failed node may reclaim their opens and locks on
 * the new one during its grace period (RFC 8881 §8.4.2). Pacemaker's nfsserver agent does the same with
 * {@code nfs_shared_infodir}. Release leaves it where it is: it belongs to the storage, not to the node.
 */
final class RecoveryState implements Step {
    private final Path dir;

    RecoveryState(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "recovery state " + dir;
    }

    @Override
    public String takeOver(Deadline d) throws StepFailure {
        if (Files.isDirectory(dir) && Files.isWritable(dir)) {
            return "present";
        }
        Path parent = dir.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            // The parent is the replicated volume: if it is not there, the storage is not mounted.
            throw new StepFailure("state_dir " + dir + ": its parent " + parent
                    + " is missing (is the replicated storage mounted?)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StepFailure("state_dir " + dir + ": cannot create: " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new StepFailure("state_dir " + dir + " is not writable");
        }
        return "created";
    }

    @Override
    public String release(Deadline d) {
        return "left on the replicated storage";
    }
}
