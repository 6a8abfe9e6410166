/**
 * Failover mail: keepalived's {@code smtp_alert} mails (same subject, same From/To, same transitions), sent
 * through Jakarta Mail (Eclipse Angus) with STARTTLS, SMTPS and AUTH, from a bounded queue on one sender
 * thread so that nothing an SMTP server does can delay a transition.
 *
 * <p>{@link io.vrrpd.mail.FailoverMailer} is the entry point the runtime calls; {@link io.vrrpd.mail.MailComposer}
 * writes the message, {@link io.vrrpd.mail.MailOutbox} queues and retries, {@link io.vrrpd.mail.SmtpClient} talks
 * to the relay.
 */
package io.vrrpd.mail;
