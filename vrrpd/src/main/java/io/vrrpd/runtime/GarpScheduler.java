package io.vrrpd.runtime;

import io.vrrpd.config.Garp;
import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's gratuitous-ARP schedule for a new master (keepalived.conf(5), garp_master_*): a burst of
 * {@code garp_master_repeat} at takeover, a second burst {@code garp_master_delay} later (switches that
 * missed the first learn the MAC then), and optionally a refresh burst every
 * {@code garp_master_refresh}. Frames within a burst are {@code garp_interval} apart. Runs on the event
 * loop; {@link #cancel()} when leaving MASTER.
 */
final class GarpScheduler {
    /** Sends one burst frame for every VIP of the instance. */
    interface Sender {
        void sendOnce();
    }

    private final EventLoop loop;
    private final Garp garp;
    private final Sender sender;
    private final List<EventLoop.Timer> timers = new ArrayList<>();

    GarpScheduler(EventLoop loop, Garp garp, Sender sender) {
        this.loop = loop;
        this.garp = garp;
        this.sender = sender;
    }

    /** Starts the schedule now; replaces a running one. */
    void start(long nowNanos) {
        cancel();
        burst(nowNanos, garp.masterRepeat());
        if (!garp.masterDelay().isZero()) {
            at(nowNanos + garp.masterDelay().toNanos(), () -> burst(loop.now(), garp.masterRepeat()));
        }
        if (!garp.masterRefresh().isZero()) {
            scheduleRefresh(nowNanos + garp.masterRefresh().toNanos());
        }
    }

    private void scheduleRefresh(long at) {
        at(at, () -> {
            long now = loop.now();
            burst(now, garp.masterRefreshRepeat());
            scheduleRefresh(now + garp.masterRefresh().toNanos());
        });
    }

    private void burst(long nowNanos, int count) {
        long gap = garp.interval().toNanos();
        for (int i = 0; i < count; i++) {
            if (i == 0 || gap == 0) {
                sender.sendOnce();
            } else {
                at(nowNanos + i * gap, sender::sendOnce);
            }
        }
    }

    private void at(long deadline, Runnable task) {
        timers.removeIf(t -> !t.pending());
        timers.add(loop.schedule(deadline, task));
    }

    void cancel() {
        timers.forEach(EventLoop.Timer::cancel);
        timers.clear();
    }
}
