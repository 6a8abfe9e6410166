package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.net.ThreadScheduler.Scheduling;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Root only (CAP_SYS_NICE): SCHED_RR lands on the calling thread alone, and neither a thread nor a process
 * it starts inherits it (SCHED_RESET_ON_FORK). Runs on a thread of its own, which it leaves normal again.
 */
@Tag("root")
class LinuxThreadSchedulerRootTest {

    @Test
    void roundRobinForTheCallerOnlyAndNotForItsThreadsOrChildren() throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(check());
            } catch (Throwable e) {
                result.set(e);
            }
        }, "sched-test");
        t.start();
        t.join(30_000);
        if (result.get() instanceof Throwable e) {
            throw new AssertionError(e);
        }
        assertEquals("ok", result.get());
    }

    private static String check() throws Exception {
        int before = LinuxThreadScheduler.currentPolicy();
        assertEquals(LinuxThreadScheduler.SCHED_OTHER, before, "the test thread starts normal");
        Scheduling s = LinuxThreadScheduler.INSTANCE.apply(1);
        assertEquals(Scheduling.realtime(1), s);
        assertEquals(LinuxThreadScheduler.SCHED_RR | LinuxThreadScheduler.SCHED_RESET_ON_FORK,
                LinuxThreadScheduler.currentPolicy(), "SCHED_RR with SCHED_RESET_ON_FORK");

        AtomicInteger childPolicy = new AtomicInteger(-1);
        Thread child = new Thread(() -> childPolicy.set(LinuxThreadScheduler.currentPolicy()));
        child.start();
        child.join(5_000);
        assertEquals(LinuxThreadScheduler.SCHED_OTHER, childPolicy.get(), "a thread it starts is normal");

        // The JVM starts a process from the calling thread: the shell reports its own policy.
        Process self = new ProcessBuilder("sh", "-c", "chrt -p $$").redirectErrorStream(true).start();
        assertTrue(self.waitFor(10, TimeUnit.SECONDS));
        String out = new String(self.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out.contains("current scheduling policy: SCHED_OTHER"), "a process it starts is normal: " + out);

        assertEquals(Scheduling.normal(""), LinuxThreadScheduler.INSTANCE.apply(0));
        assertEquals(LinuxThreadScheduler.SCHED_OTHER,
                LinuxThreadScheduler.currentPolicy() & ~LinuxThreadScheduler.SCHED_RESET_ON_FORK);
        return "ok";
    }
}
