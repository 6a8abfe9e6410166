package io.vrrpd.hooks;

import java.util.ArrayDeque;
import java.util.List;

/** The last N hook results of one instance, oldest first, for {@code vrrpctl status}. Thread-safe. */
final class ResultRing {

    private final int capacity;
    private final ArrayDeque<HookResult> results;

    ResultRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 (was " + capacity + ")");
        }
        this.capacity = capacity;
        this.results = new ArrayDeque<>(capacity);
    }

    synchronized void add(HookResult result) {
        if (results.size() == capacity) {
            results.removeFirst();
        }
        results.addLast(result);
    }

    synchronized List<HookResult> snapshot() {
        return List.copyOf(results);
    }
}
