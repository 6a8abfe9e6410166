package io.vrrpd.net.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two fresh network namespaces joined by a veth pair: {@code va} 192.0.2.1/24 in {@link #a},
 * {@code vb} 192.0.2.2/24 in {@link #b}. The veth is created inside the namespaces, so the
 * host's own interfaces are never touched. {@link #close} deletes both namespaces.
 */
final class NamespacePair implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    final String a;
    final String b;

    private NamespacePair(String a, String b) {
        this.a = a;
        this.b = b;
    }

    /** Skips the calling test unless we are root with iproute2. */
    static void assumeRoot() {
        boolean root = "0".equals(run(false, "id", "-u").trim());
        Assumptions.assumeTrue(root, "needs root to create network namespaces (ip netns add)");
    }

    static NamespacePair create() {
        assumeRoot();
        String base = "vrt-" + ProcessHandle.current().pid() + "-";
        NamespacePair p = new NamespacePair(base + COUNTER.incrementAndGet(), base + COUNTER.incrementAndGet());
        try {
            run(true, "ip", "netns", "add", p.a);
            run(true, "ip", "netns", "add", p.b);
            run(true, "ip", "-n", p.a, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", p.b);
            run(true, "ip", "-n", p.a, "addr", "add", "192.0.2.1/24", "dev", "va");
            run(true, "ip", "-n", p.b, "addr", "add", "192.0.2.2/24", "dev", "vb");
            for (String ns : List.of(p.a, p.b)) {
                run(true, "ip", "-n", ns, "link", "set", "lo", "up");
            }
            run(true, "ip", "-n", p.a, "link", "set", "va", "up");
            run(true, "ip", "-n", p.b, "link", "set", "vb", "up");
            p.awaitCarrier();
            return p;
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    private void awaitCarrier() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (ip(a, "link", "show", "va").contains("LOWER_UP") && ip(b, "link", "show", "vb").contains("LOWER_UP")) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("veth va/vb never got carrier");
    }

    /** Runs {@code ip -n ns args...} and returns its output; fails the test on a non-zero exit. */
    String ip(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        return run(true, cmd.toArray(String[]::new));
    }

    static String run(boolean check, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + ": timed out");
            }
            if (check && p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out.trim());
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        run(false, "ip", "netns", "del", a);
        run(false, "ip", "netns", "del", b);
    }

    /**
     * One pair for a whole test class ({@code @RegisterExtension static final NamespacePair.PerClass NS = ...}):
     * made before its first test (skipping the class unless root), deleted after its last, even when a test fails.
     */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private NamespacePair pair;

        @Override
        public void beforeAll(ExtensionContext context) {
            pair = create();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (pair != null) {
                pair.close();
                pair = null;
            }
        }

        NamespacePair get() {
            if (pair == null) {
                throw new IllegalStateException("the namespace pair exists only while its test class runs");
            }
            return pair;
        }
    }
}
