package io.vrrpd.net.linux;

import io.vrrpd.net.ThreadScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * SCHED_RR for the calling thread (sched(7)), always with SCHED_RESET_ON_FORK: threads and processes it
 * creates start at the normal policy, so a hook or a notify script never runs real-time by inheritance.
 *
 * <p>Without CAP_SYS_NICE the kernel allows a priority up to RLIMIT_RTPRIO (systemd's {@code LimitRTPRIO=});
 * systemd's {@code RestrictRealtime=yes} refuses it whatever the limits, and so does a cgroup-v1 group with
 * no real-time budget. Each refusal is EPERM, which {@link #refusal} words with the limit it read.
 */
public final class LinuxThreadScheduler implements ThreadScheduler {
    static final int SCHED_OTHER = 0;
    static final int SCHED_RR = 2;
    static final int SCHED_RESET_ON_FORK = 0x40000000;

    private static final Path PROC_LIMITS = Path.of("/proc/self/limits");
    private static final String RTPRIO_LINE = "Max realtime priority";

    public static final LinuxThreadScheduler INSTANCE = new LinuxThreadScheduler();

    private LinuxThreadScheduler() {
    }

    @Override
    public Scheduling apply(int realtimePriority) {
        if (realtimePriority < 0 || realtimePriority > 99) {
            return Scheduling.normal("real-time priority " + realtimePriority + " is outside 1..99");
        }
        int policy = (realtimePriority > 0 ? SCHED_RR : SCHED_OTHER) | SCHED_RESET_ON_FORK;
        int errno = Syscalls.schedSetschedulerSelf(policy, realtimePriority);
        if (errno == 0) {
            return realtimePriority > 0 ? Scheduling.realtime(realtimePriority) : Scheduling.normal("");
        }
        return Scheduling.normal(refusal(realtimePriority, errno, procLimits()));
    }

    /** The calling thread's policy as sched_getscheduler(2) gives it, SCHED_RESET_ON_FORK bit included. */
    public static int currentPolicy() {
        return Syscalls.schedGetschedulerSelf();
    }

    /**
     * Why SCHED_RR at {@code priority} was refused, in words an admin can act on.
     *
     * @param procLimits the text of {@code /proc/self/limits}, or "" when it could not be read
     */
    static String refusal(int priority, int errno, String procLimits) {
        String call = "sched_setscheduler(SCHED_RR|SCHED_RESET_ON_FORK, priority " + priority + "): "
                + Errno.name(errno) + " (" + Errno.describe(errno) + ")";
        if (errno != Errno.EPERM) {
            return call;
        }
        OptionalInt limit = rtprioLimit(procLimits);
        String have = limit.isPresent() ? " (it is " + limit.getAsInt() + ")" : "";
        return call + ": it needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least " + priority + have
                + " (systemd: LimitRTPRIO=" + priority + "), no RestrictRealtime=yes in the unit, and a real-time"
                + " budget in the cgroup (cpu.rt_runtime_us) where the kernel groups real-time tasks";
    }

    /** The soft RLIMIT_RTPRIO from the text of {@code /proc/self/limits}; empty when absent or unreadable. */
    static OptionalInt rtprioLimit(String procLimits) {
        for (String line : procLimits.split("\n")) {
            if (line.startsWith(RTPRIO_LINE)) {
                String soft = line.substring(RTPRIO_LINE.length()).trim().split("\\s+")[0];
                try {
                    return OptionalInt.of(Integer.parseInt(soft));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty(); // "unlimited"
                }
            }
        }
        return OptionalInt.empty();
    }

    private static String procLimits() {
        try {
            return Files.readString(PROC_LIMITS);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
