package io.vrrpd.hooks;

import java.time.Duration;

/**
 * A hook's view of whether this node may hold the VIP, taking part in tracking like a keepalived
 * {@code track_script} with weight 0: an {@link Health.Status#UNFIT} verdict sends the instance to FAULT.
 * Offered by {@link Hook#healthCheck()}.
 *
 * <p>Contract, enforced by the tracker: {@link #check} runs off the event loop, at most one at a time
 * per check, every {@link #interval()}, and also at once before a takeover is attempted and after every
 * transition of the instance. A run that throws or overruns {@link #timeout()} counts as
 * {@link Health.Status#UNFIT} with the reason; the thread is interrupted at the timeout.
 */
public interface HealthCheck {

    /** How often the check runs. */
    default Duration interval() {
        return Duration.ofSeconds(2);
    }

    /** How long one run may take. */
    default Duration timeout() {
        return Duration.ofSeconds(5);
    }

    /**
     * Judges this node now.
     *
     * @param instance the instance name
     * @param state    the instance's current state ({@code BACKUP}, {@code MASTER}, {@code FAULT}, ...)
     * @return the verdict with a one-line detail
     * @throws Exception on any failure; counted as UNFIT with the exception's first line
     */
    Health check(String instance, String state) throws Exception;
}
