package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed's NFS pair in a lab: two server nodes ({@code n1}, {@code n2}) that both see one directory of
 * the lab (standing in for the replicated volume, as DRBD or shared storage would be), and a client node
 * ({@code n3}) that reaches the exports through the VIP only, with libnfs's {@code nfs-cp}/{@code nfs-cat}
 * (this kernel has no NFS client). vrrpd runs in each server namespace with the {@code type: nfs} hook and
 * starts nfs-ganesha there; ganesha therefore lives in the server's namespace, and {@link #close()} (the
 * lab's teardown, also from its JVM shutdown hook) kills everything in those namespaces, ganesha included;
 * {@code scripts/lab-sweep.sh} does the same for a lab whose JVM died.
 *
 * <p>Each server gets its own runtime and state directories (vrrpd's {@code runtime_dir}/{@code state_dir}),
 * as two machines would: ganesha's pid file and log must be node-local.
 */
public final class NfsPair implements AutoCloseable {

    /** The NFS VIP (the seed's pair has one address clients mount). */
    public static final String VIP = "192.0.2.100";
    /** The VRRP id of the pair. */
    public static final int VRID = 61;

    private final Lab lab;
    private final Node n1;
    private final Node n2;
    private final Node client;
    private final Path replicated;
    private final List<Vrrpd> daemons = new ArrayList<>();

    private NfsPair(Lab lab) {
        this.lab = lab;
        this.n1 = lab.addNode();
        this.n2 = lab.addNode();
        this.client = lab.addNode();
        this.replicated = lab.dir().resolve("replicated");
        try {
            Files.createDirectories(share());
            // ganesha's default squashes the client's root to the anonymous user: let it write there.
            Files.setPosixFilePermissions(share(), PosixFilePermissions.fromString("rwxrwxrwx"));
            for (Node n : List.of(n1, n2)) {
                Files.createDirectories(runtimeDir(n));
                Files.createDirectories(stateDir(n));
            }
        } catch (IOException e) {
            throw new LabException("cannot prepare the replicated directory: " + e.getMessage(), e);
        }
    }

    /**
     * Adds the pair's three nodes to {@code lab}.
     *
     * @throws LabException when ganesha or libnfs is missing ({@link #missing()})
     */
    public static NfsPair create(Lab lab) {
        missing().ifPresent(m -> {
            throw new LabException(m);
        });
        return new NfsPair(lab);
    }

    /** Why the NFS lab cannot run here, if it cannot: ganesha.nfsd, its VFS FSAL, or libnfs's tools missing. */
    public static Optional<String> missing() {
        List<String> absent = new ArrayList<>();
        for (String tool : List.of("ganesha.nfsd", "nfs-ls", "nfs-cp", "nfs-cat")) {
            if (!onPath(tool)) {
                absent.add(tool);
            }
        }
        if (!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/ganesha/libfsalvfs.so"))
                && !Files.exists(Path.of("/usr/lib64/ganesha/libfsalvfs.so"))) {
            absent.add("libfsalvfs.so (nfs-ganesha-vfs)");
        }
        return absent.isEmpty() ? Optional.empty() : Optional.of("NFS lab needs " + String.join(", ", absent)
                + " (scripts/install-lab-deps.sh installs nfs-ganesha, nfs-ganesha-vfs and libnfs-utils)");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    public Lab lab() {
        return lab;
    }

    /** @param i 1 or 2 */
    public Node server(int i) {
        return i == 1 ? n1 : n2;
    }

    public Node client() {
        return client;
    }

    /** The directory both servers see, standing in for the replicated volume. */
    public Path replicated() {
        return replicated;
    }

    /** The exported directory on the "replicated volume". */
    public Path share() {
        return replicated.resolve("share");
    }

    /** The NFSv4 recovery directory on the "replicated volume" (the hook's {@code state_dir}). */
    public Path nfsState() {
        return replicated.resolve(".nfs-state");
    }

    /** A server's own runtime directory (vrrpd {@code runtime_dir}): ganesha's config, pid file and log. */
    public Path runtimeDir(Node n) {
        return lab.dir().resolve(n.name() + "-run");
    }

    /** A server's own state directory (vrrpd {@code state_dir}). */
    public Path stateDir(Node n) {
        return lab.dir().resolve(n.name() + "-state");
    }

    /** ganesha's log on a server. */
    public Path ganeshaLog(Node n) {
        return runtimeDir(n).resolve("nfs-VI_1/ganesha.log");
    }

    /**
     * The server's vrrpd YAML: one instance with the VIP and the nfs hook, written with the issue's
     * contract keys exactly (backend, state_dir, exports with path, id, pseudo, clients, access).
     */
    public String config(Node n, int priority) {
        return """
                global:
                  router_id: %s
                  state_dir: %s
                  runtime_dir: %s
                instances:
                  VI_1:
                    state: BACKUP
                    interface: eth0
                    vrid: %d
                    priority: %d
                    advert_int: 1s
                    virtual_ips: ["%s/24 dev eth0"]
                    hooks:
                      - type: nfs
                        backend: ganesha
                        state_dir: %s
                        exports:
                          - {path: %s, id: 1, pseudo: /share, clients: [192.0.2.0/24], access: rw}
                """.formatted("nfs_" + n.name(), stateDir(n), runtimeDir(n), VRID, priority, VIP, nfsState(), share());
    }

    /** Starts vrrpd on server {@code i} (1 or 2) with {@link #config}. */
    public Vrrpd startVrrpd(int i, int priority) {
        Vrrpd v = Vrrpd.start(server(i), "vrrpd.yaml", config(server(i), priority));
        daemons.add(v);
        return v;
    }

    /** pids of ganesha.nfsd processes inside a node's namespace ({@code ip netns pids} + /proc/PID/comm). */
    public static List<Long> ganeshaPids(Node n) {
        CommandResult r = CommandRunner.run("ip", "netns", "pids", n.namespace());
        List<Long> out = new ArrayList<>();
        if (!r.ok()) {
            return out;
        }
        for (String p : r.stdout().split("\\s+")) {
            if (!p.matches("\\d+")) {
                continue;
            }
            try {
                String comm = Files.readString(Path.of("/proc", p, "comm"), StandardCharsets.UTF_8).strip();
                String stat = Files.readString(Path.of("/proc", p, "stat"), StandardCharsets.UTF_8);
                // A zombie is already dead; it only waits for its parent to reap it.
                if (comm.startsWith("ganesha") && !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z")) {
                    out.add(Long.parseLong(p));
                }
            } catch (IOException e) {
                // It exited between the listing and the read.
            }
        }
        return out;
    }

    /** SIGKILLs every ganesha in a node's namespace (the crash half of a hard failover). */
    public static void killGanesha(Node n) {
        List<Long> pids = ganeshaPids(n);
        if (!pids.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("kill", "-s", "KILL"));
            pids.forEach(p -> argv.add(Long.toString(p)));
            CommandRunner.run(CommandRunner.DEFAULT_TIMEOUT, argv);
        }
    }

    /** A libnfs client on the client node, through the VIP only. */
    public NfsClient nfsClient() {
        return new NfsClient(client, VIP, "/share", lab.dir().resolve("client-files"));
    }

    /** Waits until a node holds the VIP. */
    public boolean awaitVip(Node n, Duration timeout) {
        return Lab.waitUntil(timeout, () -> n.hasAddress(VIP));
    }

    @Override
    public void close() {
        lab.close();
    }
}
