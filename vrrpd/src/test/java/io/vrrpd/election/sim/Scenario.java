package io.vrrpd.election.sim;

import io.vrrpd.election.ElectionParams;
import io.vrrpd.election.State;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One random scenario, fully determined by its seed: the routers, link delays, start times and the
 * disruptions. Disruptions pick their target when they run (e.g. "the current master") from {@code pick}.
 */
record Scenario(long seed, List<ElectionParams> params, long[][] linkDelayNanos, long[] startNanos,
                boolean simultaneousStart, List<Disruption> disruptions) {
    static final long SECOND = 1_000_000_000L;

    enum Kind { PARTITION, HEAL, LOSS, DUPLICATION, JITTER, CRASH, SHUTDOWN, RESTART, PRIORITY, HANDOVER,
        RELEASE, FAULT, CLEAR_FAULT, PREEMPTION_BLOCK }

    /** A disruption at a time; {@code pick} chooses a target or a value. */
    record Disruption(long atNanos, Kind kind, int pick) {
    }

    Scenario {
        params = List.copyOf(params);
        disruptions = List.copyOf(disruptions);
    }

    static Scenario generate(long seed) {
        Random r = new Random(seed);
        int n = 2 + r.nextInt(4);
        int version = r.nextInt(10) < 3 ? 3 : 2;
        int[] intervals = version == 2 ? new int[] {100, 100, 200} : new int[] {50, 100, 100};
        int interval = intervals[r.nextInt(intervals.length)];
        boolean allEqual = r.nextInt(10) < 3;
        boolean sameHint = r.nextBoolean();
        State sharedHint = r.nextInt(4) == 0 ? State.MASTER : State.BACKUP;
        int[] pool = {50, 100, 100, 150, 200, 254};
        List<Integer> octets = new ArrayList<>();
        while (octets.size() < n) {
            int o = 1 + r.nextInt(254);
            if (!octets.contains(o)) {
                octets.add(o);
            }
        }
        List<ElectionParams> params = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int priority = allEqual ? 100 : pool[r.nextInt(pool.length)];
            if (!allEqual && i == 0 && r.nextInt(7) == 0) {
                priority = 255;
            }
            boolean preempt = r.nextInt(5) != 0;
            long preemptDelay = r.nextInt(7) == 0 ? (1 + r.nextInt(4)) * SECOND : 0;
            State hint = sameHint ? sharedHint : (r.nextInt(4) == 0 ? State.MASTER : State.BACKUP);
            params.add(new ElectionParams("VI_1", 51, priority, interval, preempt, preemptDelay,
                    address(octets.get(i)), version, hint));
        }
        long[][] delays = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                delays[i][j] = (long) (r.nextDouble() * Simulation.MAX_LINK_DELAY_NANOS);
            }
        }
        boolean simultaneous = r.nextInt(10) < 4;
        long[] starts = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = simultaneous ? 0 : (long) (r.nextDouble() * 5 * SECOND);
        }
        List<Disruption> disruptions = new ArrayList<>();
        int count = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(8);
        long t = 5 * SECOND;
        Kind[] kinds = Kind.values();
        for (int i = 0; i < count; i++) {
            t += (long) (r.nextDouble() * 4 * SECOND);
            disruptions.add(new Disruption(t, kinds[r.nextInt(kinds.length)], r.nextInt(1 << 20)));
        }
        return new Scenario(seed, params, delays, starts, simultaneous, disruptions);
    }

    private static InetAddress address(int lastOctet) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) lastOctet});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The longest Master_Down_Interval any node can have (priority 1 skew), a safe bound for waits. */
    long maxMasterDownNanos() {
        int interval = params.get(0).advertIntervalCentis();
        return io.vrrpd.election.ElectionTimings.masterDownNanos(params.get(0).version(), 1, interval);
    }

    long maxPreemptDelayNanos() {
        return params.stream().mapToLong(ElectionParams::preemptDelayNanos).max().orElse(0);
    }

    long advertIntervalNanos() {
        return params.get(0).advertIntervalNanos();
    }

    /** The tie-break property applies: simultaneous start, no disruption, equal priorities, one hint. */
    boolean tieBreakApplies() {
        return simultaneousStart && disruptions.isEmpty()
                && params.stream().map(ElectionParams::priority).distinct().count() == 1
                && params.stream().map(ElectionParams::initialHint).distinct().count() == 1;
    }

    String describe() {
        StringBuilder sb = new StringBuilder("scenario seed=" + seed + (simultaneousStart ? " simultaneous" : "")
                + System.lineSeparator());
        for (int i = 0; i < params.size(); i++) {
            sb.append("  n").append(i).append(' ').append(params.get(i)).append(" start=")
                    .append(startNanos[i] / 1e9).append(System.lineSeparator());
        }
        for (Disruption d : disruptions) {
            sb.append("  ").append(d.atNanos() / 1e9).append(' ').append(d.kind()).append(" pick=")
                    .append(d.pick()).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
