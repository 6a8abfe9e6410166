package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.election.State;
import io.vrrpd.hooks.Health;
import io.vrrpd.hooks.HealthCheck;
import io.vrrpd.hooks.HookReport;
import io.vrrpd.hooks.TestHookFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hooks configured under {@code hooks:} (through ServiceLoader and the real {@link HookDispatcher}) have
 * their health checks tracked: UNFIT is a FAULT, passing again clears it, including the fault a failed
 * takeover hook left.
 */
class HookHealthTrackingTest {
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();
    private final String hook = "health" + UNIQUE.incrementAndGet();
    private final AtomicReference<Health> verdict = new AtomicReference<>(Health.ready("ok"));

    @BeforeEach
    void setUp() {
        TestHookFactory.health(hook, new HealthCheck() {
            @Override
            public Duration interval() {
                return Duration.ofMillis(50);
            }

            @Override
            public Health check(String instance, String state) {
                return verdict.get();
            }
        });
    }

    private SimCluster.Node start(int i, int priority, String phases) {
        return cluster.startWithHooks(i, TakeoverGateTest.yaml(priority,
                "      - {type: test, name: " + hook + ", phases: [" + phases + "]}\n"));
    }

    private void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 20 s: " + what);
            }
            cluster.run(Duration.ofMillis(100));
            Thread.sleep(10);
        }
    }

    @Test
    void aConfiguredHooksUnfitVerdictIsAFaultUntilItPasses() throws Exception {
        SimCluster.Node n1 = start(1, 150, "notify");
        await(() -> n1.state("VI_1") == State.MASTER, "master");
        assertEquals("hook", n1.status("VI_1").path("tracked").path(0).path("kind").asText());
        verdict.set(Health.unfit("service down"));
        await(() -> n1.state("VI_1") == State.FAULT, "fault");
        assertTrue(n1.status("VI_1").path("faults").toString().contains("service down"),
                n1.status("VI_1").toString());
        verdict.set(Health.ready("service up"));
        await(() -> n1.state("VI_1") == State.MASTER, "back");
    }

    @Test
    void aPassingHealthCheckClearsTheFaultAFailedTakeoverHookLeft() throws Exception {
        TestHookFactory.behave(hook, (phase, action, c, t) -> HookReport.failed("cannot promote"));
        SimCluster.Node n1 = start(1, 150, "takeover");
        await(() -> n1.state("VI_1") == State.FAULT, "takeover refused");
        assertTrue(n1.status("VI_1").path("faults").toString().contains("cannot promote"),
                n1.status("VI_1").toString());
        cluster.run(Duration.ofSeconds(5));
        assertEquals(State.FAULT, n1.state("VI_1"), "a check that never failed does not clear the hook fault");
        verdict.set(Health.unfit("repairing"));
        await(() -> n1.status("VI_1").path("faults").toString().contains("repairing"), "check failing");
        TestHookFactory.behave(hook, (phase, action, c, t) -> HookReport.ok("promoted"));
        verdict.set(Health.ready("repaired"));
        await(() -> n1.state("VI_1") == State.MASTER, "health check passing again cleared the hook fault");
    }
}
