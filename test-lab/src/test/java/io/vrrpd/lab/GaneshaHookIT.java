package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vrrpd.hooks.CommandRunner;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookOutcome;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookReport;
import io.vrrpd.hooks.HookSettings;
import io.vrrpd.hooks.ScriptCommand;
import io.vrrpd.hooks.ScriptExecutor;
import io.vrrpd.hooks.nfs.NfsHookFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The nfs hook's ganesha backend against real nfs-ganesha 4.3, without the daemon around it: the hook runs
 * in this JVM and every command it issues is run inside a server node's namespace (so ganesha starts
 * there, never on the host). The client node reads and writes through the VIP with libnfs.
 */
@LabTest
class GaneshaHookIT {
    private static final Duration BUDGET = Duration.ofSeconds(60);

    /** vrrpd's real command runner, with every command prefixed by {@code ip netns exec NS}. */
    private static CommandRunner inNamespace(Node node) {
        ScriptExecutor executor = new ScriptExecutor(null, null);
        return (label, command, env, timeout) -> {
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", node.namespace()));
            argv.addAll(command.argv());
            return executor.run(label, "(" + node.name() + ") " + label, new ScriptCommand(argv, null, null),
                    List.of(), env, timeout);
        };
    }

    private static Hook hook(NfsPair pair, Node node) throws Exception {
        // The JVM sees the host's interfaces, not the node's: name the node's address for the served check.
        Map<String, Object> yaml = Map.of("type", "nfs", "backend", "ganesha",
                "state_dir", pair.nfsState().toString(), "verify_address", node.address(),
                "exports", List.of(Map.of("path", pair.share().toString(), "id", 1, "pseudo", "/share",
                        "clients", List.of("192.0.2.0/24"), "access", "rw")));
        return new NfsHookFactory().create(HookSettings.of("instances.VI_1.hooks[0]", yaml),
                new HookEnvironment("VI_1", pair.stateDir(node), pair.runtimeDir(node), inNamespace(node)));
    }

    private static HookContext to(String state) {
        return new HookContext("VI_1", state.equals("MASTER") ? "BACKUP" : "MASTER", state, "lab", 100,
                List.of(NfsPair.VIP + "/24"), null, 1);
    }

    private static void vip(Node node, boolean add) {
        node.ip("addr", add ? "add" : "del", NfsPair.VIP + "/24", "dev", Node.ETH0).orThrow();
    }

    @Test
    void ganeshaMovesBetweenNodesWithTheDataAndLeavesNothingBehind(Lab lab) throws Exception {
        assumeTrue(NfsPair.missing().isEmpty(), () -> NfsPair.missing().orElse(""));
        NfsPair pair = NfsPair.create(lab);
        Node n1 = pair.server(1);
        Node n2 = pair.server(2);
        Hook h1 = hook(pair, n1);
        Hook h2 = hook(pair, n2);
        NfsClient client = pair.nfsClient();

        HookReport up = h1.run(HookPhase.TAKEOVER, to("MASTER"), BUDGET);
        assertEquals(HookOutcome.OK, up.outcome(), up.detail());
        assertEquals(1, NfsPair.ganeshaPids(n1).size(), "one ganesha in n1");
        HookReport again = h1.run(HookPhase.TAKEOVER, to("MASTER"), BUDGET);
        assertEquals(HookOutcome.OK, again.outcome(), again.detail());
        assertTrue(again.detail().contains("ganesha: already running"), "a second takeover only checks: "
                + again.detail());
        assertEquals(1, NfsPair.ganeshaPids(n1).size(), "still one ganesha in n1");
        vip(n1, true);
        assertTrue(client.write("before.txt", "written before the failover\n").ok(), "write through the VIP");

        // n1 dies hard: its ganesha is killed and the VIP goes with the node.
        long t0 = System.nanoTime();
        NfsPair.killGanesha(n1);
        vip(n1, false);
        HookReport moved = h2.run(HookPhase.TAKEOVER, to("MASTER"), BUDGET);
        assertEquals(HookOutcome.OK, moved.outcome(), moved.detail());
        vip(n2, true);
        // vrrpd would send gratuitous ARP here; without it the client keeps n1's MAC for the VIP.
        pair.client().ip("neigh", "flush", "to", NfsPair.VIP, "dev", Node.ETH0);
        assertTrue(Lab.waitUntil(Duration.ofSeconds(30), () -> client.read("before.txt").ok()),
                "the file written before is readable through the VIP after the move");
        double readable = (System.nanoTime() - t0) / 1e9;
        assertEquals("written before the failover\n", client.read("before.txt").stdout());
        assertTrue(client.write("after.txt", "written after\n").ok(), "a new file can be written");
        System.out.printf("GaneshaHookIT: takeover on n2 %s; file readable again %.2f s after the kill "
                + "(grace period 10 s included)%n", moved.detail(), readable);

        HookReport down = h2.run(HookPhase.RELEASE, to("BACKUP"), BUDGET);
        assertEquals(HookOutcome.OK, down.outcome(), down.detail());
        assertEquals(List.of(), NfsPair.ganeshaPids(n2), "release leaves no ganesha in n2");
        assertTrue(Files.exists(pair.share().resolve("after.txt")));
    }

    @Test
    void aMissingExportDirectoryFailsTheTakeoverAndStartsNoServer(Lab lab) throws Exception {
        assumeTrue(NfsPair.missing().isEmpty(), () -> NfsPair.missing().orElse(""));
        NfsPair pair = NfsPair.create(lab);
        Node n1 = pair.server(1);
        Files.move(pair.share(), pair.replicated().resolve("share.moved"));
        HookReport r = hook(pair, n1).run(HookPhase.TAKEOVER, to("MASTER"), BUDGET);
        assertEquals(HookOutcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("export directory " + pair.share() + " (id 1) is missing"), r.detail());
        assertEquals(List.of(), NfsPair.ganeshaPids(n1));
    }
}
