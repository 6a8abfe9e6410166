package io.vrrpd.hooks;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Something to do when an instance changes state: promote or fence PostgreSQL, take over NFS exports,
 * run a keepalived notify script, send mail. Implemented by vrrpd's built-ins and by external modules.
 *
 * <p>Contract, enforced by {@link HookRunner}:
 * <ul>
 *   <li>{@link #run} is called on a fresh worker thread, never on the event loop, and only for phases in
 *       {@link #phases()}. Runs for one instance are serial and in transition order; runs for different
 *       instances may be concurrent, so a hook object shared between instances must be thread-safe.</li>
 *   <li>It should finish within the {@code timeout} it is given (its own {@link #timeout()}), and report
 *       {@link HookReport#timedOut} if it stopped its own work at that deadline. If it is still running a
 *       short slack later, the runner interrupts its thread and reports {@link HookOutcome#TIMED_OUT}; a
 *       hook must therefore react to interruption and clean up (kill its processes) promptly. A hook that
 *       ignores the interrupt is abandoned and the lane goes on without it.</li>
 *   <li>Expected failures are returned as {@link HookReport#failed} with one line of detail. Anything
 *       thrown becomes {@link HookOutcome#FAILED} with the exception's first line; the stack trace goes
 *       to the log at DEBUG only.</li>
 * </ul>
 */
public interface Hook {

    /** The timeout used when a hook does not choose its own. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** A short stable name for logs and status, e.g. {@code notify-scripts} or {@code postgres-promote}. */
    String name();

    /** The phases this hook takes part in; it is never called for others. */
    Set<HookPhase> phases();

    /** How long one run may take before it is stopped. */
    default Duration timeout() {
        return DEFAULT_TIMEOUT;
    }

    /**
     * Does the work for one transition.
     *
     * @param phase   the phase being run, one of {@link #phases()}
     * @param context the transition
     * @param timeout the time budget from the moment of the call ({@link #timeout()})
     * @return the outcome with a one-line detail
     * @throws InterruptedException when stopped by the runner at the timeout
     * @throws Exception            on any other failure; reported as {@link HookOutcome#FAILED}
     */
    HookReport run(HookPhase phase, HookContext context, Duration timeout) throws Exception;

    /**
     * A check of whether this node's service can serve as master, taking part in tracking (see
     * {@link HealthCheck}); empty when the hook has none.
     */
    default Optional<HealthCheck> healthCheck() {
        return Optional.empty();
    }

    /**
     * Admin actions this hook offers through the control socket, e.g. {@code rejoin} for PostgreSQL
     * ({@code vrrpctl rejoin VI_1}). Empty by default.
     */
    default Set<String> actions() {
        return Set.of();
    }

    /**
     * Runs one of {@link #actions()} on the instance's hook lane (serial with transitions), bounded by
     * {@code timeout} like {@link #run}.
     */
    default HookReport runAction(String action, HookContext context, Duration timeout) throws Exception {
        return HookReport.failed(name() + " offers no action " + action);
    }

    /** Releases what the hook holds (connections, threads) when the daemon stops or a reload replaces it. */
    default void close() {
    }
}
