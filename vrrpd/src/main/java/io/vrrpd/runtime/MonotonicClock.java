package io.vrrpd.runtime;

/**
 * The only place vrrpd reads time. Monotonic, so a wall-clock step (NTP, an admin's date command)
 * never fires or delays a VRRP timer.
 */
@FunctionalInterface
public interface MonotonicClock {
    long nanoTime();

    MonotonicClock SYSTEM = System::nanoTime;
}
