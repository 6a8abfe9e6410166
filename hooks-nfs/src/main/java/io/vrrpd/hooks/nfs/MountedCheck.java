package io.vrrpd.hooks.nfs;

import io.vrrpd.hooks.ScriptRun;
import java.nio.file.Path;
import java.util.List;

/** Whether something is mounted at a path: {@code findmnt -n -o SOURCE --mountpoint PATH} exits 0 (findmnt(8)). */
final class MountedCheck {
    private final Commands commands;
    private final String findmnt;

    MountedCheck(Commands commands, Tools tools) {
        this.commands = commands;
        this.findmnt = tools.findmnt();
    }

    boolean mounted(Deadline d, Path path) throws StepFailure, InterruptedException {
        ScriptRun run = commands.run(d, List.of(findmnt, "-n", "-o", "SOURCE", "--mountpoint", path.toString()));
        if (run.status() == ScriptRun.Status.EXITED && (run.exitCode() == 0 || run.exitCode() == 1)) {
            return run.exitCode() == 0;
        }
        throw new StepFailure(Commands.failure(run));
    }
}
