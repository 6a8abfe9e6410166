package io.vrrpd.hooks;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Small hooks and contexts for the tests. */
final class TestHooks {

    private TestHooks() {
    }

    static HookContext context(String instance, String from, String to, long sequence) {
        return new HookContext(instance, from, to, "test", 100, List.of("192.0.2.10/24"), "192.0.2.11", sequence);
    }

    interface Body {
        HookReport run(HookPhase phase, HookContext context) throws Exception;
    }

    /** A hook with a name, phases, timeout and body given by the test; records each call. */
    static final class Scripted extends FixedHook {
        final Body body;
        final List<String> calls = new CopyOnWriteArrayList<>();

        Scripted(String name, Set<HookPhase> phases, Duration timeout, Body body) {
            super(name, phases, timeout);
            this.body = body;
        }

        static Scripted ok(String name, HookPhase... phases) {
            return new Scripted(name, EnumSet.copyOf(List.of(phases)), Duration.ofSeconds(5),
                    (p, c) -> HookReport.ok("done"));
        }

        /** Like {@link #ok}, but every run fails with {@code detail}. */
        static Scripted failing(String name, String detail, HookPhase... phases) {
            return new Scripted(name, EnumSet.copyOf(List.of(phases)), Duration.ofSeconds(5),
                    (p, c) -> HookReport.failed(detail));
        }

        @Override
        public HookReport run(HookPhase phase, HookContext context, Duration budget) throws Exception {
            calls.add(phase + "#" + context.sequence());
            return body.run(phase, context);
        }
    }
}
