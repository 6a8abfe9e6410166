package io.vrrpd.hooks.postgres;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * With {@code synchronous: on}, what {@code synchronous_standby_names} the primary should have (pure):
 * the peer's walsender's application_name while the peer streams and answers, nothing otherwise. This is
 * Patroni's non-strict {@code synchronous_mode}: availability over the guarantee while the standby is gone,
 * which opens the loss window documented in docs/postgres.md. The peer is recognised by its address
 * ({@code client_addr}), so no name has to be configured on both sides.
 */
public final class SyncStandbyPolicy {

    /** One row of {@code pg_stat_replication}. */
    public record Sender(String applicationName, String clientAddr, String state) {
    }

    private SyncStandbyPolicy() {
    }

    /**
     * The setting wanted, or empty when the current one is right.
     *
     * @param current      the primary's {@code synchronous_standby_names}
     * @param senders      its walsenders
     * @param peerAddrs    the peer's addresses ({@code peer.host} resolved)
     * @param peerAnswers  the peer's server answered the guard just now (a standby cut off by a dead link
     *                     keeps its walsender row until wal_sender_timeout, 60 s by default)
     */
    public static Optional<String> wanted(String current, List<Sender> senders, Set<String> peerAddrs,
                                          boolean peerAnswers) {
        String want = "";
        if (peerAnswers) {
            for (Sender s : senders) {
                if ("streaming".equals(s.state()) && s.clientAddr() != null && peerAddrs.contains(s.clientAddr())
                        && s.applicationName() != null && !s.applicationName().isEmpty()) {
                    want = quoteName(s.applicationName());
                    break;
                }
            }
        }
        return want.equals(current == null ? "" : current.strip()) ? Optional.empty() : Optional.of(want);
    }

    /** A name in synchronous_standby_names: double-quoted, a quote doubled (PostgreSQL docs, synchronous_standby_names). */
    static String quoteName(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
