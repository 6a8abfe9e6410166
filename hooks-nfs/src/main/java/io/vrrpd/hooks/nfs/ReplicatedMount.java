package io.vrrpd.hooks.nfs;

import io.vrrpd.hooks.ScriptRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts a volume on takeover and unmounts it on release. Also used for the kernel backend's bind mount of
 * the recovery directory. An unmount that finds the volume busy is retried ({@link UnmountPolicy}); the
 * holders are killed ({@code fuser -k -m}) only when configured, as Pacemaker's Filesystem agent does
 * with {@code force_unmount}, because they may be an admin's shell.
 */
final class ReplicatedMount implements Step {
    private final String source;
    private final Path path;
    private final List<String> mountArgs;
    private final UnmountPolicy policy;
    private final Commands commands;
    private final MountedCheck check;
    private final Tools tools;

    private ReplicatedMount(String source, Path path, List<String> mountArgs, UnmountPolicy policy,
                            Commands commands, Tools tools) {
        this.source = source;
        this.path = path;
        this.mountArgs = List.copyOf(mountArgs);
        this.policy = policy;
        this.commands = commands;
        this.check = new MountedCheck(commands, tools);
        this.tools = tools;
    }

    /** The replicated volume: {@code mount [-t FSTYPE] [-o OPTIONS] DEVICE PATH}. */
    static ReplicatedMount volume(MountSpec spec, UnmountPolicy policy, Commands commands, Tools tools) {
        List<String> args = new ArrayList<>();
        if (spec.fstype() != null) {
            args.addAll(List.of("-t", spec.fstype()));
        }
        if (spec.options() != null) {
            args.addAll(List.of("-o", spec.options()));
        }
        args.addAll(List.of(spec.device(), spec.path().toString()));
        return new ReplicatedMount(spec.device(), spec.path(), args, policy, commands, tools);
    }

    /** A bind mount: {@code mount --bind SOURCE TARGET}. */
    static ReplicatedMount bind(Path source, Path target, UnmountPolicy policy, Commands commands, Tools tools) {
        return new ReplicatedMount(source.toString(), target,
                List.of("--bind", source.toString(), target.toString()), policy, commands, tools);
    }

    @Override
    public String name() {
        return "mount " + path;
    }

    @Override
    public String takeOver(Deadline d) throws StepFailure, InterruptedException {
        if (check.mounted(d, path)) {
            return "already mounted";
        }
        List<String> argv = new ArrayList<>(List.of(tools.mount()));
        argv.addAll(mountArgs);
        commands.check(d, argv);
        if (!check.mounted(d, path)) {
            throw new StepFailure(path + " is not a mount point after mounting " + source);
        }
        return "mounted " + source;
    }

    @Override
    public String release(Deadline d) throws StepFailure, InterruptedException {
        if (!check.mounted(d, path)) {
            return "not mounted";
        }
        ScriptRun last = null;
        for (int attempt = 0; attempt <= policy.retries() && !d.passed(); attempt++) {
            if (attempt > 0) {
                Thread.sleep(d.cap(policy.interval()).toMillis());
            }
            last = commands.run(d, List.of(tools.umount(), path.toString()));
            if (last.succeeded()) {
                return unmounted(d, attempt + 1);
            }
        }
        if (policy.killHolders()) {
            commands.run(d, List.of(tools.fuser(), "-k", "-m", path.toString()));
            last = commands.run(d, List.of(tools.umount(), path.toString()));
            if (last.succeeded()) {
                return unmounted(d, policy.retries() + 2) + " after killing its holders";
            }
        }
        throw new StepFailure((last == null ? "umount " + path + ": no time left" : Commands.failure(last))
                + " (after " + (policy.retries() + 1) + " attempts; kill_holders is "
                + (policy.killHolders() ? "on" : "off") + ")");
    }

    private String unmounted(Deadline d, int attempts) throws StepFailure, InterruptedException {
        if (check.mounted(d, path)) {
            throw new StepFailure(path + " is still a mount point after umount");
        }
        return attempts == 1 ? "unmounted" : "unmounted at attempt " + attempts;
    }
}
