package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.net.ThreadScheduler;
import io.vrrpd.net.ThreadScheduler.Scheduling;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the loop asks the platform for a policy, and what the receive threads copy from it. */
class LoopSchedulingTest {
    /** The priorities asked for, in order, by thread name. */
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private int refuseAbove = 99;
    private final ThreadScheduler scheduler = priority -> {
        asked.add((Thread.currentThread().getName().equals("vrrpd-loop") ? "loop:" : "other:") + priority);
        return priority > refuseAbove ? Scheduling.normal("EPERM (test)")
                : priority > 0 ? Scheduling.realtime(priority) : Scheduling.normal("");
    };
    private EventLoop loop;
    private LoopScheduling scheduling;

    @BeforeEach
    void start() {
        loop = new EventLoop(System::nanoTime);
        loop.start();
        scheduling = new LoopScheduling(scheduler, loop);
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private Scheduling configure(int priority) throws Exception {
        return loop.call(() -> {
            scheduling.configure(priority);
            return scheduling.current();
        }, 5_000);
    }

    @Test
    void appliesOnTheLoopThreadOnlyWhenThePriorityChanges() throws Exception {
        assertEquals("normal (SCHED_OTHER)", configure(0).policy());
        assertEquals(List.of(), asked, "the normal policy at start needs no call");
        assertEquals("SCHED_RR priority 1", configure(1).policy());
        configure(1); // a reload that keeps it
        assertEquals(List.of("loop:1"), asked);
        configure(5);
        configure(0);
        assertEquals(List.of("loop:1", "loop:5", "loop:0"), asked);
    }

    @Test
    void aRefusalLeavesTheLoopNormalWithTheReasonAndIsNotRetriedOnEveryReload() throws Exception {
        refuseAbove = 0;
        Scheduling s = configure(1);
        assertTrue(s.refused());
        assertEquals("normal (SCHED_OTHER)", s.policy());
        assertEquals("EPERM (test)", s.refusal());
        configure(1);
        assertEquals(List.of("loop:1"), asked);
        refuseAbove = 99;
        assertEquals("SCHED_RR priority 2", configure(2).policy(), "a new priority is tried again");
    }

    @Test
    void receiveThreadsFollowWhatTheLoopGotNotWhatWasAsked() throws Exception {
        assertEquals(0, scheduling.follow(0));
        assertEquals(List.of(), asked, "nothing to change before the loop has a policy");
        configure(3);
        assertEquals(3, scheduling.follow(0));
        assertEquals(3, scheduling.follow(3));
        assertEquals(List.of("loop:3", "other:3"), asked);
        refuseAbove = 3;
        configure(4); // refused: the loop is normal, so the receivers go back to normal too
        assertEquals(0, scheduling.follow(3));
        assertEquals(List.of("loop:3", "other:3", "loop:4", "other:0"), asked);
    }
}
