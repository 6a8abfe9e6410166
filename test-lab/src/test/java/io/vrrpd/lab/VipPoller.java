package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Polls where a VIP is on a pair of lab nodes, node 1 being the one that should end up holding it. The VIP
 * cannot be read atomically from two namespaces: each poll is an {@code ip addr} in one namespace and then
 * in the other (tens of ms on a busy machine), so a handover can fall between the two reads.
 */
final class VipPoller {

    private final Node n1;
    private final Node n2;
    private final String vip;

    VipPoller(Node n1, Node n2, String vip) {
        this.n1 = n1;
        this.n2 = n2;
        this.vip = vip;
    }

    /**
     * Reads node 2 first: during a preempt node 2 is the node losing the VIP, so an instantaneous handover
     * between the two reads shows as one sample with the VIP on both, never as a false gap on neither.
     */
    VipSample sample(long ms) {
        boolean on2 = n2.hasAddress(vip);
        boolean on1 = n1.hasAddress(vip);
        return new VipSample(ms, on1, on2);
    }

    /**
     * Asserts for {@code span}, every {@code every}, that the VIP is on node 1 and only there.
     *
     * @param context appended to a failure message (e.g. the other daemon's log tail)
     */
    void assertOnNode1AloneFor(Duration span, Duration every, Supplier<String> context) {
        Instant from = Instant.now();
        int polls = (int) (span.toMillis() / every.toMillis());
        for (int poll = 0; poll < polls; poll++) {
            boolean on1 = n1.hasAddress(vip);
            boolean on2 = n2.hasAddress(vip);
            int at = poll;
            assertTrue(on1 && !on2, () -> "poll " + at + " (" + Duration.between(from, Instant.now()).toMillis()
                    + " ms): VIP on n1=" + on1 + " n2=" + on2 + "; " + context.get());
            Lab.sleep(every);
        }
    }

    /**
     * Samples every {@code every} until {@code settle} samples in a row show the VIP on node 1 alone.
     *
     * @param t0Nanos the {@link System#nanoTime()} the samples' milliseconds count from; also the start of
     *                {@code limit}
     * @param whyNot  the failure message when {@code limit} passes first, given the samples so far
     * @return every sample taken, the settled ones last
     */
    List<VipSample> sampleUntilOnNode1Alone(long t0Nanos, int settle, Duration every, Duration limit,
            Function<List<VipSample>, String> whyNot) {
        List<VipSample> samples = new ArrayList<>();
        int settled = 0;
        while (settled < settle) {
            if (System.nanoTime() - t0Nanos > limit.toNanos()) {
                fail(whyNot.apply(samples));
            }
            VipSample s = sample((System.nanoTime() - t0Nanos) / 1_000_000);
            samples.add(s);
            settled = s.on1() && !s.on2() ? settled + 1 : 0;
            Lab.sleep(every);
        }
        return samples;
    }
}
