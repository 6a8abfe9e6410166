package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.election.State;
import io.vrrpd.hooks.HookReport;
import io.vrrpd.hooks.TestHookFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 100 transitions forced in quick succession reach the hooks in transition order, none lost. */
class TransitionStormTest {
    @RegisterExtension
    final SimCluster cluster = SimCluster.perTest();

    @Test
    void hundredTransitionsAreNotifiedInOrder() throws Exception {
        String notify = "storm-notify";
        String gate = "storm-gate";
        TestHookFactory.behave(notify, (p, a, c, t) -> {
            Thread.sleep(1); // slower than the storm: transitions queue up in the lane
            return HookReport.ok("");
        });
        TestHookFactory.behave(gate, (p, a, c, t) -> HookReport.ok(""));
        SimCluster.Node n = cluster.startWithHooks(1, TakeoverGateTest.yaml(100,
                "      - {type: test, name: " + gate + ", phases: [takeover, release]}\n"
                        + "      - {type: test, name: " + notify + ", phases: [notify]}\n"));
        cluster.runUntil(() -> n.state("VI_1") == State.MASTER, Duration.ofSeconds(5));

        // 100 transitions on the loop in one go: MASTER -> FAULT, then FAULT <-> BACKUP.
        n.daemon().loop().call(() -> {
            InstanceRuntime i = n.daemon().instances().get("VI_1");
            long now = n.daemon().loop().clock().nanoTime();
            for (int k = 0; k < 50; k++) {
                i.raiseFault("storm", "storm " + k, now);
                i.clearFault("storm", now);
            }
            return null;
        }, 5_000);
        long total = n.status("VI_1").path("counters").path("transitions").asLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (TestHookFactory.calls(notify).size() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        List<String> calls = TestHookFactory.calls(notify);
        assertEquals(total, calls.size(), "every transition notified once");
        assertTrue(total >= 102, "startup, MASTER and 100 forced transitions (was " + total + ")");
        List<Long> sequences = new ArrayList<>();
        for (String c : calls) {
            sequences.add(Long.parseLong(c.substring(c.indexOf('#') + 1).split(" ")[0]));
        }
        for (int k = 0; k < sequences.size(); k++) {
            assertEquals(k + 1, sequences.get(k), "transition order: " + calls);
        }
        assertTrue(calls.get(1).contains("BACKUP->MASTER"), calls.get(1));
        assertTrue(calls.get(2).contains("MASTER->FAULT"), calls.get(2));
    }
}
