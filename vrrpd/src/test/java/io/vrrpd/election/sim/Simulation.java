package io.vrrpd.election.sim;

import io.vrrpd.election.Action;
import io.vrrpd.election.ElectionParams;
import io.vrrpd.election.Event;
import io.vrrpd.election.InstanceStateMachine;
import io.vrrpd.election.State;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A discrete-event simulation of VRRP routers on one segment: a priority queue of advert deliveries and
 * wake-ups ordered by (time, sequence), a clock that jumps to the next event, and a network with per-link
 * delay, loss, duplication, reordering (jitter) and partitions. Violations of the per-node invariants are
 * collected as they happen.
 */
final class Simulation {
    static final long MAX_LINK_DELAY_NANOS = 50_000_000L;

    private record Pending(long time, long seq, int node, int from, int priority, long wakeGeneration)
            implements Comparable<Pending> {
        boolean isWake() {
            return from < 0;
        }

        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    final List<SimNode> nodes = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    final Trace trace;
    private final Random random;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private final long[][] linkDelayNanos;
    private final int[] partition;
    private long now;
    private long seq;
    double loss;
    double duplication;
    boolean jitter;

    Simulation(List<ElectionParams> params, long[][] linkDelayNanos, Random random, Trace trace) {
        for (int i = 0; i < params.size(); i++) {
            nodes.add(new SimNode(i, params.get(i), params.size()));
        }
        this.linkDelayNanos = linkDelayNanos;
        this.partition = new int[params.size()];
        this.random = random;
        this.trace = trace;
    }

    long now() {
        return now;
    }

    int partitionOf(int node) {
        return partition[node];
    }

    void setPartition(int node, int group) {
        partition[node] = group;
    }

    /** Processes every queued event up to and including {@code until}, then sets the clock to it. */
    void runUntil(long until) {
        while (!queue.isEmpty() && queue.peek().time() <= until) {
            Pending p = queue.poll();
            now = p.time();
            SimNode node = nodes.get(p.node());
            if (node.machine == null) {
                continue;
            }
            if (p.isWake()) {
                if (p.wakeGeneration() == node.wakeGeneration) {
                    apply(node, new Event.Tick());
                }
            } else {
                node.lastDeliveryNanos[p.from()] = now;
                node.lastDeliveryWasResign[p.from()] = p.priority() == 0;
                SimNode sender = nodes.get(p.from());
                apply(node, new Event.AdvertReceived(sender.params.primaryAddress(), p.priority(),
                        sender.params.advertIntervalCentis()));
            }
        }
        now = Math.max(now, until);
    }

    /** Creates a fresh machine (a start or a restart) and starts it. */
    void start(int index) {
        SimNode node = nodes.get(index);
        node.machine = new InstanceStateMachine(node.params);
        node.vips = false;
        node.wakeGeneration++;
        trace.add(now, node.name() + " start");
        apply(node, new Event.Startup());
    }

    /** The host dies: no priority-0 advert, its VIPs vanish with it, its wake-ups are cancelled. */
    void crash(int index) {
        SimNode node = nodes.get(index);
        trace.add(now, node.name() + " crash");
        node.machine = null;
        node.vips = false;
        node.wakeGeneration++;
    }

    void inject(int index, Event event) {
        SimNode node = nodes.get(index);
        if (node.machine != null) {
            apply(node, event);
        }
    }

    private void apply(SimNode node, Event event) {
        State before = node.machine.state();
        List<Action> actions = node.machine.onEvent(event, now);
        if (trace.enabled() && !(event instanceof Event.Tick && actions.isEmpty())) {
            trace.add(now, node.name() + " " + before + " <- " + event + " => " + actions);
        }
        State tracked = before;
        for (Action action : actions) {
            if (action instanceof Action.SendAdvert advert) {
                broadcast(node, advert.priority());
            } else if (action instanceof Action.AddVips) {
                if (node.vips) {
                    violation(node, "AddVips while already holding the VIPs");
                }
                node.vips = true;
            } else if (action instanceof Action.RemoveVips) {
                if (!node.vips) {
                    violation(node, "RemoveVips while not holding the VIPs");
                }
                node.vips = false;
            } else if (action instanceof Action.Transition t) {
                if (t.from() != tracked) {
                    violation(node, "transition from " + t.from() + " but was " + tracked);
                }
                tracked = t.to();
                node.recordTransition(now, t);
            } else if (action instanceof Action.WakeAt wake) {
                node.wakeGeneration++;
                if (wake.deadlineNanos() != Long.MAX_VALUE) {
                    queue.add(new Pending(Math.max(now, wake.deadlineNanos()), seq++, node.index, -1, 0,
                            node.wakeGeneration));
                }
            }
        }
        if (tracked != node.machine.state()) {
            violation(node, "transitions end in " + tracked + " but state() is " + node.machine.state());
        }
        if (node.vips != (node.machine.state() == State.MASTER)) {
            violation(node, "holds VIPs=" + node.vips + " in state " + node.machine.state());
        }
        if (node.machine.nextDeadlineNanos() != Long.MAX_VALUE && node.machine.nextDeadlineNanos() < now) {
            violation(node, "deadline " + node.machine.nextDeadlineNanos() + " in the past");
        }
    }

    private void broadcast(SimNode sender, int priority) {
        for (SimNode receiver : nodes) {
            if (receiver == sender || partition[receiver.index] != partition[sender.index]) {
                continue;
            }
            if (loss > 0 && random.nextDouble() < loss) {
                trace.add(now, "lost advert " + sender.index + "->" + receiver.index);
                continue;
            }
            long delay = linkDelayNanos[sender.index][receiver.index];
            if (jitter) {
                delay = (long) (random.nextDouble() * MAX_LINK_DELAY_NANOS);
            }
            queue.add(new Pending(now + delay, seq++, receiver.index, sender.index, priority, 0));
            if (duplication > 0 && random.nextDouble() < duplication) {
                long extra = (long) (random.nextDouble() * MAX_LINK_DELAY_NANOS);
                queue.add(new Pending(now + delay + extra, seq++, receiver.index, sender.index, priority, 0));
            }
        }
    }

    void violation(SimNode node, String what) {
        violations.add(String.format(java.util.Locale.ROOT, "t=%.6f %s: %s", now / 1e9, node.name(), what));
    }

    void violation(String what) {
        violations.add(String.format(java.util.Locale.ROOT, "t=%.6f %s", now / 1e9, what));
    }
}
