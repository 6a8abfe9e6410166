/**
 * The per-instance VRRP election state machine, pure and sans-IO.
 *
 * <p>{@link io.vrrpd.election.InstanceStateMachine#onEvent} takes an {@link io.vrrpd.election.Event} and the
 * current monotonic time in nanoseconds and returns the {@link io.vrrpd.election.Action}s the runtime must
 * perform, in order. The package depends only on {@code java.*}: no threads, sockets, clocks or logging.
 */
package io.vrrpd.election;
