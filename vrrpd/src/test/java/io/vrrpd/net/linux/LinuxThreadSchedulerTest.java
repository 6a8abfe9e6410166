package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The words of a refusal and the limit read from /proc/self/limits; no native call. */
class LinuxThreadSchedulerTest {
    private static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units    \s
            Max nice priority         0                    0                             \s
            Max realtime priority     %s                    %s                            \s
            Max realtime timeout      unlimited            unlimited            us       \s
            """;

    @Test
    void readsTheSoftRealtimePriorityLimit() {
        assertEquals(OptionalInt.of(0), LinuxThreadScheduler.rtprioLimit(LIMITS.formatted("0", "0")));
        assertEquals(OptionalInt.of(1), LinuxThreadScheduler.rtprioLimit(LIMITS.formatted("1", "5")));
        assertEquals(OptionalInt.empty(), LinuxThreadScheduler.rtprioLimit(LIMITS.formatted("unlimited", "unlimited")));
        assertEquals(OptionalInt.empty(), LinuxThreadScheduler.rtprioLimit(""));
    }

    @Test
    void anEpermNamesTheWaysToAllowItAndTheLimitInForce() {
        String why = LinuxThreadScheduler.refusal(1, Errno.EPERM, LIMITS.formatted("0", "0"));
        assertEquals("sched_setscheduler(SCHED_RR|SCHED_RESET_ON_FORK, priority 1): EPERM (Operation not"
                + " permitted): it needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least 1 (it is 0) (systemd:"
                + " LimitRTPRIO=1), no RestrictRealtime=yes in the unit, and a real-time budget in the cgroup"
                + " (cpu.rt_runtime_us) where the kernel groups real-time tasks", why);
        assertTrue(LinuxThreadScheduler.refusal(50, Errno.EPERM, "").contains("at least 50 (systemd: LimitRTPRIO=50)"));
    }

    @Test
    void otherErrorsAreNamedWithoutAdvice() {
        assertEquals("sched_setscheduler(SCHED_RR|SCHED_RESET_ON_FORK, priority 1): EINVAL (Invalid argument)",
                LinuxThreadScheduler.refusal(1, Errno.EINVAL, LIMITS.formatted("0", "0")));
    }

    @Test
    void aPriorityOutsideTheRangeIsRefusedBeforeAnyCall() {
        assertEquals("real-time priority 100 is outside 1..99", LinuxThreadScheduler.INSTANCE.apply(100).refusal());
        assertEquals("real-time priority -1 is outside 1..99", LinuxThreadScheduler.INSTANCE.apply(-1).refusal());
    }
}
