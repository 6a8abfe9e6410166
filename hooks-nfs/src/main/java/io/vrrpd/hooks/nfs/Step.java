package io.vrrpd.hooks.nfs;

/**
 * One idempotent piece of a takeover, with its undo. {@link #takeOver} checks first (nothing to do when
 * the state is already as wanted), acts, and verifies; {@link #release} does the reverse the same way, so
 * both may run again after a partial run or a crash.
 */
interface Step {

    /** A short name for logs and reports, e.g. {@code mount /srv/replicated}. */
    String name();

    /**
     * Brings this step's state about.
     *
     * @return one word or phrase on what happened ({@code "mounted"}, {@code "already mounted"})
     * @throws StepFailure when the state could not be reached or verified
     */
    String takeOver(Deadline deadline) throws StepFailure, InterruptedException;

    /**
     * Undoes it (also when {@link #takeOver} never ran or failed half-way).
     *
     * @return what happened
     * @throws StepFailure when the state could not be left (a busy unmount): the node must not serve again
     *                     until an admin looked
     */
    String release(Deadline deadline) throws StepFailure, InterruptedException;
}
