package io.vrrpd.election.sim;

import io.vrrpd.election.Event;
import io.vrrpd.election.InstanceStateMachine;
import io.vrrpd.election.PrimaryAddressOrder;
import io.vrrpd.election.State;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Runs one {@link Scenario} and checks the election properties:
 * <ol>
 *   <li>after a calm of {@link #convergenceNanos} (no loss, duplication, jitter or changes; partitions may
 *       remain), every connected group of running routers has exactly one MASTER, whose priority is at least
 *       that of every preempting, non-held router of the group; with a simultaneous start, no disruption,
 *       equal priorities and one start hint, it is the highest primary address;</li>
 *   <li>in the following stable window there is no transition at all;</li>
 *   <li>when that master then crashes (or shuts down), the first takeover happens exactly at
 *       min over backups of (last advert delivery + Master_Down_Interval), or + Skew_Time after priority 0;</li>
 *   <li>AddVips/RemoveVips alternate per node, VIPs are held exactly in MASTER, and one node per group holds
 *       them after convergence.</li>
 * </ol>
 */
final class ScenarioRunner {
    /** What one run found. */
    record Outcome(Scenario scenario, List<String> violations, String trace, boolean tieBreakChecked,
                   boolean takeoverChecked) {
        Outcome {
            violations = List.copyOf(violations);
        }
    }

    private final Scenario scenario;
    private final Simulation sim;
    private final Random random;
    private boolean tieBreakChecked;
    private boolean takeoverChecked;

    private ScenarioRunner(Scenario scenario, boolean traced) {
        this.scenario = scenario;
        this.random = new Random(scenario.seed() * 31 + 7);
        this.sim = new Simulation(scenario.params(), scenario.linkDelayNanos(), random, new Trace(traced));
    }

    static Outcome run(Scenario scenario, boolean traced) {
        ScenarioRunner runner = new ScenarioRunner(scenario, traced);
        runner.execute();
        return new Outcome(scenario, runner.sim.violations, runner.sim.trace.render(), runner.tieBreakChecked,
                runner.takeoverChecked);
    }

    /**
     * How long after the last change the election must have settled. Without preempt_delay: every backup
     * either keeps hearing an acceptable master or times out within one Master_Down_Interval of its last
     * accepted advert, which is at most one advert interval (plus delay) after the change; the loser steps
     * down one delay after the winner's first advert. With preempt_delay a second round can follow: the group
     * may first need one Master_Down_Interval to elect anybody, then a preempting backup tolerates that lower
     * master for preempt_delay and takes over one Master_Down_Interval after the last advert it accepted.
     * Packets still in flight from the jittery period add up to three link delays.
     */
    long convergenceNanos() {
        long mdi = scenario.maxMasterDownNanos();
        long delayRound = scenario.maxPreemptDelayNanos() == 0 ? 0
                : scenario.maxPreemptDelayNanos() + mdi + scenario.advertIntervalNanos();
        return mdi + delayRound + 2 * scenario.advertIntervalNanos() + 6 * Simulation.MAX_LINK_DELAY_NANOS;
    }

    private void execute() {
        TreeMap<Long, List<Runnable>> timeline = new TreeMap<>();
        for (int i = 0; i < scenario.params().size(); i++) {
            int node = i;
            timeline.computeIfAbsent(scenario.startNanos()[i], k -> new ArrayList<>()).add(() -> sim.start(node));
        }
        for (Scenario.Disruption d : scenario.disruptions()) {
            timeline.computeIfAbsent(d.atNanos(), k -> new ArrayList<>()).add(() -> disrupt(d));
        }
        long last = 0;
        for (Map.Entry<Long, List<Runnable>> entry : timeline.entrySet()) {
            sim.runUntil(entry.getKey());
            entry.getValue().forEach(Runnable::run);
            last = entry.getKey();
        }
        sim.loss = 0;
        sim.duplication = 0;
        sim.jitter = false;
        sim.trace.add(last, "--- calm: no loss, duplication or jitter from here");

        long settled = last + convergenceNanos();
        sim.runUntil(settled);
        sim.trace.add(settled, "--- check: converged");
        List<SimNode> masters = checkOneMasterPerGroup("after convergence");
        if (scenario.tieBreakApplies() && masters.size() == 1) {
            tieBreakChecked = true;
            SimNode highest = sim.nodes.stream().filter(SimNode::eligible)
                    .max(Comparator.comparing(n -> n.params.primaryAddress(), PrimaryAddressOrder.INSTANCE))
                    .orElseThrow();
            if (highest != masters.get(0)) {
                sim.violation("tie-break: master is " + masters.get(0).name() + ", highest address is "
                        + highest.name());
            }
        }

        long observed = settled + 2 * scenario.maxMasterDownNanos();
        sim.runUntil(observed);
        sim.trace.add(observed, "--- check: stable window ended");
        for (SimNode node : sim.nodes) {
            for (long[] t : node.transitions) {
                if (t[0] > settled) {
                    sim.violation(node, String.format(java.util.Locale.ROOT,
                            "transition %s -> %s at %.6f in the stable window", State.values()[(int) t[1]],
                            State.values()[(int) t[2]], t[0] / 1e9));
                }
            }
        }
        masters = checkOneMasterPerGroup("after the stable window");
        if (sim.violations.isEmpty()) {
            checkTakeover(masters, observed);
        }
    }

    private List<SimNode> checkOneMasterPerGroup(String when) {
        Map<Integer, List<SimNode>> groups = new TreeMap<>();
        for (SimNode node : sim.nodes) {
            if (node.eligible()) {
                groups.computeIfAbsent(sim.partitionOf(node.index), k -> new ArrayList<>()).add(node);
            } else if (node.vips) {
                sim.violation(node, when + ": holds VIPs in state " + node.state());
            }
        }
        List<SimNode> result = new ArrayList<>();
        for (List<SimNode> group : groups.values()) {
            List<SimNode> masters = group.stream().filter(SimNode::isMaster).toList();
            long holders = group.stream().filter(n -> n.vips).count();
            if (masters.size() != 1 || holders != 1) {
                sim.violation(when + ": group " + names(group) + " has masters " + names(masters) + " and "
                        + holders + " VIP holders");
                continue;
            }
            SimNode master = masters.get(0);
            int highestPreempting = group.stream().filter(SimNode::preemptingAndNotHeld)
                    .mapToInt(n -> n.machine.effectivePriority()).max().orElse(0);
            if (master.machine.effectivePriority() < highestPreempting) {
                sim.violation(when + ": master " + master.name() + " has priority "
                        + master.machine.effectivePriority() + " below preempting priority " + highestPreempting
                        + " in " + names(group));
            }
            result.add(master);
        }
        return result;
    }

    /** Property 3: crash or gracefully stop a master that has backups, and time the takeover exactly. */
    private void checkTakeover(List<SimNode> masters, long from) {
        List<SimNode> candidates = masters.stream()
                .filter(m -> sim.nodes.stream().anyMatch(n -> n != m && n.eligible()
                        && sim.partitionOf(n.index) == sim.partitionOf(m.index)))
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        SimNode master = candidates.get(random.nextInt(candidates.size()));
        List<SimNode> backups = sim.nodes.stream().filter(n -> n != master && n.eligible()
                && sim.partitionOf(n.index) == sim.partitionOf(master.index)).toList();
        long at = from + (long) (random.nextDouble() * scenario.advertIntervalNanos());
        sim.runUntil(at);
        boolean graceful = random.nextBoolean();
        if (graceful) {
            sim.trace.add(at, "--- check: graceful shutdown of master " + master.name());
            sim.inject(master.index, new Event.Shutdown());
        } else {
            sim.trace.add(at, "--- check: crash of master " + master.name());
            sim.crash(master.index);
        }
        sim.runUntil(at + 2 * scenario.maxMasterDownNanos());
        takeoverChecked = true;
        long expected = Long.MAX_VALUE;
        for (SimNode b : backups) {
            expected = Math.min(expected, expectedTakeover(b, master.index));
        }
        long actual = Long.MAX_VALUE;
        SimNode winner = null;
        for (SimNode b : backups) {
            for (long[] t : b.transitions) {
                if (t[0] > at && t[2] == State.MASTER.ordinal() && t[0] < actual) {
                    actual = t[0];
                    winner = b;
                }
            }
        }
        if (actual != expected) {
            sim.violation(String.format(java.util.Locale.ROOT, "takeover after %s of %s at %.9f by %s, expected"
                    + " %.9f", graceful ? "shutdown" : "crash", master.name(), actual / 1e9,
                    winner == null ? "nobody" : winner.name(), expected / 1e9));
        }
    }

    private long expectedTakeover(SimNode backup, int master) {
        InstanceStateMachine m = backup.machine;
        int version = backup.params.version();
        int interval = version == 3 ? m.masterAdvertIntervalCentis() : backup.params.advertIntervalCentis();
        // An independent oracle for RFC 3768 §6.1 / RFC 5798 §6.1, not ElectionTimings: interval in nanos,
        // skew = (256 - priority) / 256 s (v2) or (256 - priority) * interval / 256 (v3), floored.
        long intervalNanos = interval * 10_000_000L;
        long skew = version == 2 ? (256L - m.effectivePriority()) * 1_000_000_000L / 256
                : (256L - m.effectivePriority()) * intervalNanos / 256;
        long wait = backup.lastDeliveryWasResign[master] ? skew : 3 * intervalNanos + skew;
        return backup.lastDeliveryNanos[master] + wait;
    }

    private void disrupt(Scenario.Disruption d) {
        Random pick = new Random(d.pick());
        sim.trace.add(sim.now(), "--- disruption " + d.kind());
        switch (d.kind()) {
            case PARTITION -> {
                int groups = 2 + pick.nextInt(2);
                for (SimNode n : sim.nodes) {
                    sim.setPartition(n.index, pick.nextInt(groups));
                }
            }
            case HEAL -> sim.nodes.forEach(n -> sim.setPartition(n.index, 0));
            case LOSS -> sim.loss = pick.nextBoolean() ? 0 : 0.1 + 0.4 * pick.nextDouble();
            case DUPLICATION -> sim.duplication = sim.duplication > 0 ? 0 : 0.3;
            case JITTER -> sim.jitter = !sim.jitter;
            case CRASH -> target(pick, i -> sim.nodes.get(i).machine != null).ifPresent(sim::crash);
            case SHUTDOWN -> target(pick, i -> sim.nodes.get(i).machine != null
                    && sim.nodes.get(i).state() != State.STOP)
                    .ifPresent(i -> sim.inject(i, new Event.Shutdown()));
            case RESTART -> target(pick, i -> sim.nodes.get(i).machine == null
                    || sim.nodes.get(i).state() == State.STOP).ifPresent(sim::start);
            case PRIORITY -> target(pick, i -> sim.nodes.get(i).machine != null).ifPresent(i -> {
                int base = sim.nodes.get(i).params.priority();
                sim.inject(i, new Event.PriorityChanged(pick.nextInt(3) == 0 ? base : 1 + pick.nextInt(254)));
            });
            case HANDOVER -> target(pick, i -> pick.nextInt(4) == 0 ? sim.nodes.get(i).machine != null
                    : sim.nodes.get(i).isMaster()).ifPresent(i -> sim.inject(i, new Event.HandoverRequested()));
            case RELEASE -> target(pick, i -> sim.nodes.get(i).machine != null)
                    .ifPresent(i -> sim.inject(i, new Event.HandoverReleased()));
            case FAULT -> target(pick, i -> sim.nodes.get(i).eligible())
                    .ifPresent(i -> sim.inject(i, new Event.FaultRaised("simulated fault")));
            case CLEAR_FAULT -> target(pick, i -> sim.nodes.get(i).state() == State.FAULT)
                    .ifPresent(i -> sim.inject(i, new Event.FaultCleared()));
            // a hook health check's NO_PREEMPT verdict starting or ending (toggles)
            case PREEMPTION_BLOCK -> target(pick, i -> sim.nodes.get(i).machine != null).ifPresent(i -> sim.inject(i,
                    new Event.PreemptionBlocked(!sim.nodes.get(i).machine.preemptionBlocked())));
            default -> throw new IllegalStateException(d.kind().toString());
        }
    }

    private java.util.OptionalInt target(Random pick, IntPredicate eligible) {
        int[] candidates = java.util.stream.IntStream.range(0, sim.nodes.size()).filter(eligible).toArray();
        return candidates.length == 0 ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(candidates[pick.nextInt(candidates.length)]);
    }

    private static String names(List<SimNode> nodes) {
        return nodes.stream().map(SimNode::name).toList().toString();
    }
}
