package io.vrrpd.mail;

/**
 * Outbox counters for {@code vrrpctl status} ({@code daemon.mail}).
 *
 * @param sent    mails the relay accepted
 * @param failed  mails given up after every attempt (each logged once with the reason)
 * @param dropped mails never attempted: pushed out of a full queue, or still queued when vrrpd stopped
 * @param queued  mails waiting or being sent now
 * @param retries further attempts made after a failed one
 */
public record MailCounters(long sent, long failed, long dropped, long queued, long retries) {
    /** No mail configured. */
    public static final MailCounters NONE = new MailCounters(0, 0, 0, 0, 0);
}
