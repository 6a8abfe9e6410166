package io.vrrpd.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the outage as the client sees it: a thread that, in a loop, writes a small new file through
 * the VIP and reads it back, timestamping each round. The outage is the longest time between the ends of
 * two consecutive successful rounds (so it includes detection, takeover, the grace period and the
 * client's own retry delay, resolution one round, about 0.1 s plus {@link #PAUSE}).
 */
public final class NfsOutageProbe implements AutoCloseable {
    /** Pause between rounds. */
    public static final Duration PAUSE = Duration.ofMillis(100);

    private final NfsClient client;
    private final String prefix;
    private final List<long[]> rounds = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private NfsOutageProbe(NfsClient client, String prefix) {
        this.client = client;
        this.prefix = prefix;
        this.thread = new Thread(this::loop, "nfs-probe-" + prefix);
        this.thread.setDaemon(true);
    }

    /** Starts probing; file names start with {@code prefix}. */
    public static NfsOutageProbe start(NfsClient client, String prefix) {
        NfsOutageProbe p = new NfsOutageProbe(client, prefix);
        p.thread.start();
        return p;
    }

    private void loop() {
        int seq = 0;
        while (running) {
            String name = prefix + "-" + (seq++ % 20);
            String content = "round " + seq + "\n";
            boolean ok = client.write(name, content).ok();
            if (ok) {
                var read = client.read(name);
                ok = read.ok() && read.stdout().equals(content);
            }
            synchronized (rounds) {
                rounds.add(new long[] {System.nanoTime(), ok ? 1 : 0});
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether a round ended successfully after {@code nanos} ({@link System#nanoTime()}). */
    public boolean succeededAfter(long nanos) {
        synchronized (rounds) {
            return rounds.stream().anyMatch(r -> r[0] > nanos && r[1] == 1);
        }
    }

    /** The outage so far: longest time between consecutive successful rounds, with failed rounds counted. */
    public Outage outage() {
        synchronized (rounds) {
            long lastOk = -1;
            long worst = 0;
            long worstFrom = 0;
            int failed = 0;
            int ok = 0;
            for (long[] r : rounds) {
                if (r[1] == 1) {
                    ok++;
                    if (lastOk >= 0 && r[0] - lastOk > worst) {
                        worst = r[0] - lastOk;
                        worstFrom = lastOk;
                    }
                    lastOk = r[0];
                } else {
                    failed++;
                }
            }
            return new Outage(Duration.ofNanos(worst), worstFrom, ok, failed);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(NfsClient.CALL_TIMEOUT.toMillis() * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param longest   the longest time between two successful rounds
     * @param fromNanos when it began (the end of the last good round before it)
     * @param ok        successful rounds
     * @param failed    failed rounds
     */
    public record Outage(Duration longest, long fromNanos, int ok, int failed) {
        public String seconds() {
            return String.format(java.util.Locale.ROOT, "%.2f s", longest.toNanos() / 1e9);
        }
    }
}
