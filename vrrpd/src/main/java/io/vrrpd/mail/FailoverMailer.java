package io.vrrpd.mail;

import io.vrrpd.config.Globals;
import io.vrrpd.hooks.HookResult;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's {@code smtp_alert}, made safe to depend on. Which transitions mail is keepalived's rule
 * (vrrp/vrrp_notify.c {@code vrrp_smtp_notifier()}): entering MASTER, BACKUP or FAULT, and stopping; never
 * twice in a row for the same state ({@code last_email_state}); nothing at all without a relay and a
 * recipient. What differs: the mail is written only when the transition's hooks have finished (at most
 * {@link #HOOK_WAIT}), so a takeover mail says whether PostgreSQL was promoted, and it is sent from
 * {@link MailOutbox}'s queue, never from the caller's thread.
 *
 * <p>{@link #transition} is called on the event loop; it captures nothing slow and returns at once.
 */
public final class FailoverMailer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd.mail");
    /** How long a mail waits for its transition's hooks (promotion and fencing take tens of seconds). */
    public static final Duration HOOK_WAIT = Duration.ofSeconds(120);
    /** How long stopping vrrpd waits for queued mails (the "Stopping" ones) before giving up on them. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final Function<MailSettings, MailOutbox.Delivery> deliveries;
    private final Duration hookWait;
    private final Map<String, String> lastMailed = new ConcurrentHashMap<>();
    private volatile MailSettings settings;
    private volatile MailOutbox.Delivery delivery;
    private final MailOutbox outbox;

    /**
     * @param settings   the resolved settings
     * @param deliveries makes the sender for a set of settings ({@code SmtpClient::new} then {@code ::send})
     * @param hookWait   the longest a mail waits for its hooks
     */
    public FailoverMailer(MailSettings settings, Function<MailSettings, MailOutbox.Delivery> deliveries,
                          Duration hookWait) {
        this.deliveries = deliveries;
        this.hookWait = hookWait;
        this.settings = settings;
        this.delivery = deliveries.apply(settings);
        this.outbox = new MailOutbox(settings.options().queueSize(), settings.options().retries(),
                settings.options().retryDelay(), mail -> delivery.send(mail));
    }

    /** The daemon's mailer: this host's name, the JVM's user, real SMTP. */
    public static FailoverMailer start(Globals g) throws MailSetupException {
        MailSettings s = MailSettings.resolve(g, HostName.local(), System.getProperty("user.name", "root"));
        LOG.debug("mail settings: {}", s);
        return new FailoverMailer(s, FailoverMailer::smtp, HOOK_WAIT);
    }

    private static MailOutbox.Delivery smtp(MailSettings s) {
        SmtpClient client = new SmtpClient(s);
        return client::send;
    }

    /** True when a relay and a recipient are configured. */
    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * A reload's new settings; they apply to every mail sent from now on, also those already queued. The
     * queue size and retry policy stay as at start. Settings that do not resolve keep the old ones.
     */
    public void reconfigure(Globals g) {
        try {
            MailSettings next = MailSettings.resolve(g, settings.node(), System.getProperty("user.name", "root"));
            delivery = deliveries.apply(next);
            settings = next;
        } catch (MailSetupException e) {
            LOG.error("mail settings not changed by the reload: {}", e.getMessage());
        }
    }

    /**
     * Mails a transition when keepalived would, once {@code hooks} (the transition's hook results, in run
     * order) completes or {@link #HOOK_WAIT} passes. Returns at once.
     */
    public void transition(TransitionMail t, CompletionStage<List<HookResult>> hooks) {
        if (!settings.enabled() || MailComposer.event(t.toState()).isEmpty()) {
            return;
        }
        String key = (t.group() ? "group " : "instance ") + t.name();
        if (t.toState().equals(lastMailed.put(key, t.toState()))) {
            return; // keepalived: last_email_state == state, no second mail
        }
        CompletableFuture<List<HookResult>> waited = hooks.toCompletableFuture().copy()
                .completeOnTimeout(null, hookWait.toMillis(), TimeUnit.MILLISECONDS);
        waited.whenComplete((results, error) -> compose(t, results, error));
    }

    /** Forgets an instance removed by a reload (a new one of the same name mails its first state again). */
    public void forget(String name) {
        lastMailed.remove("instance " + name);
    }

    private void compose(TransitionMail t, List<HookResult> results, Throwable error) {
        try {
            MailSettings s = settings;
            MailComposer composer = new MailComposer(s.routerId(), s.node(), ZoneId.systemDefault());
            boolean timedOut = results == null && error == null;
            String body = composer.body(t, results == null ? List.of() : results,
                    timedOut ? Optional.of(hookWait) : Optional.empty());
            outbox.offer(new OutgoingMail(composer.subject(t), body, t.at()));
        } catch (RuntimeException e) {
            // This runs on a hook lane or the timeout thread: never let it escape there.
            LOG.warn("({}) could not write the mail for {} -> {}: {}", t.name(), t.fromState(), t.toState(),
                    e.toString());
        }
    }

    /** The outbox counters for status. */
    public MailCounters counters() {
        return outbox.counters();
    }

    /** Lets queued mails go for a few seconds, then stops. */
    @Override
    public void close() {
        outbox.close(CLOSE_WAIT);
    }
}
