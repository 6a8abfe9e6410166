package io.vrrpd.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the on-call engineer needs to know about one transition, captured on the event loop when it
 * happened (the mail itself is written later, once the transition's hooks have finished).
 *
 * @param group              true for a sync group ({@code VRRP Group G}), false for an instance
 * @param name               the instance or group name
 * @param vrid               the virtual router id (0 for a group)
 * @param fromState          the state left ({@code BACKUP}, {@code MASTER}, ...)
 * @param toState            the state entered
 * @param reason             why, in words
 * @param configuredPriority the configured priority
 * @param effectivePriority  the priority advertised now
 * @param virtualIps         the virtual addresses as text
 * @param peer               the current master's address as text, when known and not this node
 * @param peerLastHeard      how long ago the last advert from the master arrived, when one did
 * @param planned            true for {@code vrrpctl failover}
 * @param at                 wall-clock time of the transition
 */
public record TransitionMail(boolean group, String name, int vrid, String fromState, String toState, String reason,
                             int configuredPriority, int effectivePriority, List<String> virtualIps,
                             Optional<String> peer, Optional<Duration> peerLastHeard, boolean planned, Instant at) {
    public TransitionMail {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fromState, "fromState");
        Objects.requireNonNull(toState, "toState");
        Objects.requireNonNull(reason, "reason");
        virtualIps = List.copyOf(virtualIps);
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(peerLastHeard, "peerLastHeard");
        Objects.requireNonNull(at, "at");
    }
}
