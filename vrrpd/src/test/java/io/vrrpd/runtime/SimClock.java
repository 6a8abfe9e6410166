package io.vrrpd.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A monotonic clock that only moves when the test says so, so election timers (3.609 s master-down,
 * 5 s GARP delay) cost no wall-clock time and every run sees the same instants.
 */
public final class SimClock implements MonotonicClock {
    /** Starts well away from zero so no code can mistake "0" for "never". */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
