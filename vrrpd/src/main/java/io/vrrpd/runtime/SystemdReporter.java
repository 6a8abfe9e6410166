package io.vrrpd.runtime;

import io.vrrpd.election.State;
import io.vrrpd.net.SystemdNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Keeps systemd informed from the event loop (sd_notify(3)): {@code STATUS=} with every instance's state
 * whenever that line changes, and {@code WATCHDOG=1} when the unit sets {@code WatchdogSec=}.
 *
 * <p>Both come from one timer on the event loop, so the watchdog proves what matters: that the thread
 * which sends adverts and runs the timers is turning. A loop stuck in a task stops feeding, and systemd
 * kills and restarts the service after WatchdogSec (Restart=on-failure covers a watchdog timeout). The
 * timer runs every {@code min(1 s, WatchdogSec / 2)}: half the timeout is what sd_watchdog_enabled(3)
 * recommends, and one second keeps {@code systemctl status} current without measurable cost (one
 * datagram, only when there is something to say).
 */
final class SystemdReporter {
    static final Duration MAX_PERIOD = Duration.ofSeconds(1);

    private final SystemdNotifier systemd;
    private final EventLoop loop;
    private final Supplier<String> states;
    private final Optional<Duration> watchdog;
    private final long periodNanos;
    /** One timer, re-armed each period (no Timer and lambda a second). */
    private final EventLoop.Timer timer;
    private String lastStatus;
    private String note;

    /**
     * @param states the one-line instance states, read on the loop (e.g. {@code VI_1 MASTER, VI_2 BACKUP})
     */
    SystemdReporter(SystemdNotifier systemd, EventLoop loop, Supplier<String> states) {
        this.systemd = systemd;
        this.loop = loop;
        this.states = states;
        this.watchdog = systemd.watchdogTimeout();
        long period = MAX_PERIOD.toNanos();
        if (watchdog.isPresent()) {
            period = Math.min(period, Math.max(watchdog.get().toNanos() / 2, 1_000_000L));
        }
        this.periodNanos = period;
        this.timer = loop.timer(() -> tick(loop.now()));
    }

    /** Starts the timer; call once, from any thread. */
    void start() {
        loop.post(() -> tick(loop.now()));
    }

    /** @return how often the timer runs (and so the watchdog is fed, when on) */
    Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /** @return the status line as it stands; call on the loop */
    String statusLine() {
        String s = states.get();
        return note == null ? s : s + "; " + note;
    }

    /**
     * After a reload: {@code READY=1} with the fresh status line. A refused reload leaves a note on the line
     * until the next good one, so {@code systemctl status} says the file on disk is not what runs.
     * Call on the loop.
     *
     * @param refusal e.g. {@code last reload refused (2 errors)}, or null after a good reload
     */
    void reloaded(String refusal) {
        note = refusal;
        lastStatus = statusLine();
        systemd.ready(lastStatus);
    }

    private void tick(long now) {
        String status = statusLine();
        boolean changed = !status.equals(lastStatus);
        if (watchdog.isPresent() || changed) {
            StringJoiner msg = new StringJoiner("\n");
            if (watchdog.isPresent()) {
                msg.add("WATCHDOG=1");
            }
            if (changed) {
                msg.add("STATUS=" + status.replace('\n', ' '));
                lastStatus = status;
            }
            systemd.notify(msg.toString());
        }
        loop.rearm(timer, now + periodNanos);
    }

    /**
     * {@link #describe} of the live instances, made again only when an instance or a state changed: at 200
     * instances the line is about 3 kB and the timer asks for it every second (issue 10, allocation rate).
     * Used on the loop.
     */
    static final class StatesLine implements Supplier<String> {
        private final Iterable<InstanceRuntime> instances;
        private final List<InstanceRuntime> seen = new ArrayList<>();
        private final List<State> seenStates = new ArrayList<>();
        private String line;

        StatesLine(Iterable<InstanceRuntime> instances) {
            this.instances = instances;
        }

        @Override
        public String get() {
            if (line == null || changed()) {
                seen.clear();
                seenStates.clear();
                for (InstanceRuntime i : instances) {
                    seen.add(i);
                    seenStates.add(i.state());
                }
                line = describe(instances);
            }
            return line;
        }

        private boolean changed() {
            int n = 0;
            for (InstanceRuntime i : instances) {
                if (n >= seen.size() || seen.get(n) != i || seenStates.get(n) != i.state()) {
                    return true;
                }
                n++;
            }
            return n != seen.size();
        }
    }

    /** The states of all instances, e.g. {@code VI_1 MASTER, VI_2 BACKUP}; {@code no instances} when none. */
    static String describe(Iterable<InstanceRuntime> instances) {
        StringJoiner j = new StringJoiner(", ");
        for (InstanceRuntime i : instances) {
            j.add(i.name() + " " + i.state());
        }
        return j.length() == 0 ? "no instances" : j.toString();
    }
}
