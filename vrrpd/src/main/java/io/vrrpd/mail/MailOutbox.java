package io.vrrpd.mail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail queue and its one sender thread. {@link #offer} never blocks and never waits for the network: a
 * transition only ever pays for a lock and an array slot. The queue is bounded; when it is full the oldest
 * mail goes (the newest state is what the on-call engineer needs) and is counted. A failed attempt is
 * retried after {@code retryDelay}, doubling up to {@link #MAX_BACKOFF}; a mail that fails every attempt is
 * logged once, with the last reason, and counted. Mails are sent in order, one at a time: while the relay is
 * down they wait behind the one being retried, which is also what bounds the load on a relay that is back.
 *
 * <p>The sender thread is this component's error boundary: whatever a delivery throws is a failed attempt.
 */
public final class MailOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("vrrpd.mail");
    /** Backoff ceiling: a relay down for an hour is retried every 5 minutes, not every 2^n. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** What sends one mail; {@link SmtpClient#send} in the daemon. */
    @FunctionalInterface
    public interface Delivery {
        void send(OutgoingMail mail) throws Exception;
    }

    private final Object lock = new Object();
    private final ArrayDeque<OutgoingMail> queue = new ArrayDeque<>();
    private final int capacity;
    private final int retries;
    private final Duration retryDelay;
    private final Delivery delivery;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private boolean inFlight;
    private boolean closing;
    private long closeDeadline;

    public MailOutbox(int capacity, int retries, Duration retryDelay, Delivery delivery) {
        if (capacity < 1 || retries < 0) {
            throw new IllegalArgumentException("capacity >= 1 and retries >= 0");
        }
        this.capacity = capacity;
        this.retries = retries;
        this.retryDelay = retryDelay;
        this.delivery = delivery;
        this.thread = new Thread(this::run, "vrrpd-mail");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a mail; returns at once. False when the outbox is closed (the mail is counted as dropped). */
    public boolean offer(OutgoingMail mail) {
        OutgoingMail pushedOut = null;
        synchronized (lock) {
            if (closing) {
                dropped.incrementAndGet();
                LOG.warn("mail not sent, vrrpd is stopping: {}", mail.subject());
                return false;
            }
            if (queue.size() >= capacity) {
                pushedOut = queue.removeFirst();
                dropped.incrementAndGet();
            }
            queue.addLast(mail);
            lock.notifyAll();
        }
        if (pushedOut != null) {
            LOG.warn("mail queue full ({} waiting): dropped the oldest mail \"{}\"", capacity, pushedOut.subject());
        }
        return true;
    }

    /** The counters now. */
    public MailCounters counters() {
        synchronized (lock) {
            return new MailCounters(sent.get(), failed.get(), dropped.get(), queue.size() + (inFlight ? 1 : 0),
                    retried.get());
        }
    }

    /**
     * Stops taking mail and lets the sender finish what is queued for at most {@code wait} (the STOP mails of a
     * shutdown); what is left then is logged and counted as dropped. The sender is a daemon thread, so a relay
     * that hangs in a read cannot keep the JVM alive.
     */
    public void close(Duration wait) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            closeDeadline = System.nanoTime() + wait.toNanos();
            lock.notifyAll();
        }
        try {
            thread.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left;
        synchronized (lock) {
            left = queue.size();
            dropped.addAndGet(left);
            queue.clear();
        }
        if (left > 0) {
            LOG.warn("{} mail(s) not sent: vrrpd stopped before the relay took them", left);
        }
        thread.interrupt();
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    private void run() {
        while (true) {
            OutgoingMail mail;
            synchronized (lock) {
                while (queue.isEmpty() && !closing) {
                    waitQuietly(0);
                }
                if (queue.isEmpty() || closing && System.nanoTime() - closeDeadline >= 0) {
                    return;
                }
                mail = queue.removeFirst();
                inFlight = true;
            }
            try {
                deliver(mail);
            } catch (RuntimeException | Error e) {
                failed.incrementAndGet();
                LOG.warn("mail \"{}\" not delivered: {}", mail.subject(), e.toString());
            } finally {
                synchronized (lock) {
                    inFlight = false;
                }
            }
        }
    }

    private void deliver(OutgoingMail mail) {
        String lastReason = "";
        Duration delay = retryDelay;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                if (!pause(delay)) {
                    break;
                }
                retried.incrementAndGet();
                delay = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
            }
            try {
                long start = System.nanoTime();
                delivery.send(mail);
                sent.incrementAndGet();
                LOG.info("mail sent in {} ms{}: {}", (System.nanoTime() - start) / 1_000_000,
                        attempt == 0 ? "" : " (attempt " + (attempt + 1) + ")", mail.subject());
                return;
            } catch (Exception e) {
                lastReason = reason(e);
                LOG.debug("mail attempt {} failed: {}", attempt + 1, lastReason);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        failed.incrementAndGet();
        LOG.warn("mail \"{}\" not delivered after {} attempt(s): {}", mail.subject(), retries + 1, lastReason);
    }

    /** Waits before a retry; false when closing cuts the wait short (the mail then counts as failed). */
    private boolean pause(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            while (true) {
                long left = until - System.nanoTime();
                if (closing && closeDeadline - until < 0) {
                    return false;
                }
                if (left <= 0) {
                    return true;
                }
                waitQuietly(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void waitQuietly(long millis) {
        try {
            lock.wait(millis);
        } catch (InterruptedException e) {
            closing = true;
        }
    }

    /** The exception and its causes in one line, e.g. "MailConnectException: Couldn't connect ...; Connection refused". */
    static String reason(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 400; t = t.getCause()) {
            String m = t.getMessage();
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(t.getClass().getSimpleName());
            if (m != null && !m.isBlank()) {
                b.append(": ").append(m.strip().replaceAll("\\s+", " "));
            }
        }
        return b.toString();
    }
}
