package io.vrrpd.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The stretches in which the whole machine stood still: where the gaps of every CPU's {@link FreezeProbe}
 * overlap. A gap on one CPU alone is left out (the other CPU could have run a waiting thread).
 *
 * @param windows the machine-wide freezes, in time order, not overlapping
 */
record Freezes(List<AdvertJitter.Window> windows) {

    static final Freezes NONE = new Freezes(List.of());

    Freezes {
        windows = List.copyOf(windows);
    }

    /**
     * @param perCpu each CPU's probe gaps (any order within a CPU); no CPUs gives no freezes
     * @return where all of them overlap
     */
    static Freezes across(List<List<AdvertJitter.Window>> perCpu) {
        if (perCpu.isEmpty()) {
            return NONE;
        }
        List<AdvertJitter.Window> common = sorted(perCpu.get(0));
        for (List<AdvertJitter.Window> cpu : perCpu.subList(1, perCpu.size())) {
            common = intersect(common, sorted(cpu));
        }
        return new Freezes(common);
    }

    private static List<AdvertJitter.Window> intersect(List<AdvertJitter.Window> a, List<AdvertJitter.Window> b) {
        List<AdvertJitter.Window> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Instant from = max(a.get(i).from(), b.get(j).from());
            Instant to = min(a.get(i).to(), b.get(j).to());
            if (from.isBefore(to)) {
                out.add(new AdvertJitter.Window(from, to));
            }
            if (a.get(i).to().isBefore(b.get(j).to())) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /** @return true if a freeze overlaps the span (an advert interval) by any amount */
    boolean touch(AdvertJitter.Window span) {
        return windows.stream().anyMatch(w -> w.from().isBefore(span.to()) && span.from().isBefore(w.to()));
    }

    Duration longest() {
        return windows.stream().map(Freezes::length).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    Duration total() {
        return windows.stream().map(Freezes::length).reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration length(AdvertJitter.Window w) {
        return Duration.between(w.from(), w.to());
    }

    private static List<AdvertJitter.Window> sorted(List<AdvertJitter.Window> w) {
        List<AdvertJitter.Window> s = new ArrayList<>(w);
        s.sort(Comparator.comparing(AdvertJitter.Window::from));
        return s;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
