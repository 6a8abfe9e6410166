package io.vrrpd.hooks.nfs;

import java.time.Duration;

/**
 * How hard release tries to unmount the replicated volume ({@code unmount:}).
 *
 * @param retries     attempts after the first, each after {@code interval}
 * @param interval    pause between attempts
 * @param killHolders after the last failed attempt, kill the processes holding the volume
 *                    ({@code fuser -k -m}) and try once more; off by default, because those may be an
 *                    admin's shell or a backup job
 */
public record UnmountPolicy(int retries, Duration interval, boolean killHolders) {
    public static final UnmountPolicy DEFAULT = new UnmountPolicy(5, Duration.ofSeconds(1), false);
}
