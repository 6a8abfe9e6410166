package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link ReplicatedPair} with a VRRP daemon on each server's node, in one of two set-ups:
 * <ul>
 *   <li>{@link Kind#VRRPD}: vrrpd with a {@code type: postgres} hook written with exactly the keys of the
 *       hook's configuration contract ({@link #vrrpdYaml}); node 1 priority 101, node 2 priority 100, the
 *       seed's VI_1 otherwise.</li>
 *   <li>{@link Kind#NAIVE_KEEPALIVED}: the seed's keepalived.conf on keepalived 2.2.7 with a
 *       {@code notify_master} script that only runs {@code psql -c 'SELECT pg_promote()'}: the set-up
 *       issue 7 measured losing rows and running two primaries.</li>
 * </ul>
 * {@link #crash(int)} is the acceptance tests' hard failure of a node: its daemon SIGKILLed (the whole
 * process tree), PostgreSQL stopped immediately, the cable cut.
 */
public final class PostgresHa {

    /** Which daemon guards the pair. */
    public enum Kind {
        /** vrrpd with the postgres hook. */
        VRRPD,
        /** keepalived with the seed's notify_master running only pg_promote(). */
        NAIVE_KEEPALIVED
    }

    /** The seed's instance name. */
    public static final String INSTANCE = "VI_1";
    /** Node 1's and node 2's priorities, as in the seed (primary 101, standby 100). */
    private static final int[] PRIORITY = {0, 101, 100};

    private final ReplicatedPair pair;
    private final Kind kind;
    private final boolean synchronous;
    private final boolean v3;
    private final Vrrpd[] vrrpd = new Vrrpd[3];
    private final Keepalived[] keepalived = new Keepalived[3];
    private final int[] keepalivedStarts = new int[3];
    private final Path passwordFile;

    private PostgresHa(ReplicatedPair pair, Kind kind, boolean synchronous, boolean v3) {
        this.pair = pair;
        this.kind = kind;
        this.synchronous = synchronous;
        this.v3 = v3;
        this.passwordFile = pair.lab().dir().resolve("pgpass");
    }

    /**
     * Sets up the replicated pair for the kind: naive keepalived with synchronous replication gets
     * {@code synchronous_standby_names = '*'} in the configuration the standby inherits (what a DBA does by
     * hand); vrrpd gets an asynchronous pair and {@code synchronous: on} in the hook, which manages the
     * setting itself.
     *
     * @param lab         a fresh lab without nodes
     * @param kind        the daemon
     * @param synchronous synchronous replication or not
     * @return the pair, n2 streaming from n1, no daemon started yet
     */
    public static PostgresHa create(Lab lab, Kind kind, boolean synchronous) {
        return create(lab, kind, synchronous, false);
    }

    /**
     * As {@link #create(Lab, Kind, boolean)}, optionally with the seed pair as VRRPv3 at 100 ms adverts
     * (docs/fast-failover.md; vrrpd only).
     *
     * @param v3 {@code version: 3}, {@code advert_int: 100ms}, no authentication (RFC 5798 has none)
     */
    public static PostgresHa create(Lab lab, Kind kind, boolean synchronous, boolean v3) {
        if (v3 && kind != Kind.VRRPD) {
            throw new IllegalArgumentException("the v3 set-up is for vrrpd only");
        }
        ReplicatedPair pair = ReplicatedPair.create(lab, synchronous && kind == Kind.NAIVE_KEEPALIVED);
        PostgresHa ha = new PostgresHa(pair, kind, synchronous, v3);
        ha.writePasswordFile();
        return ha;
    }

    private void writePasswordFile() {
        try {
            Files.writeString(passwordFile, PostgresConf.pgpass(), StandardCharsets.UTF_8);
            // libpq ignores a password file group or others can read; the walreceiver reads it as postgres.
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new LabException("cannot write " + passwordFile + ": " + e.getMessage(), e);
        }
        CommandRunner.check("chown", PostgresInstall.OS_USER + ":", passwordFile.toString());
    }

    /**
     * Starts node 1's daemon, waits until it holds the VIP, then node 2's and waits until it is a backup.
     *
     * @param timeout how long each may take
     */
    public void startBoth(Duration timeout) {
        start(1);
        if (!Lab.waitUntil(timeout, () -> pair.n1().hasAddress(ReplicatedPair.VIP))) {
            throw new LabException("node 1 never took the VIP; its log:\n" + daemonLog(1));
        }
        start(2);
        if (kind == Kind.VRRPD) {
            vrrpd[2].awaitState(INSTANCE, "BACKUP", timeout);
        } else {
            keepalived[2].awaitState(INSTANCE, "BACKUP", timeout);
        }
    }

    /**
     * Starts (or restarts after a crash) the daemon on node {@code i}.
     *
     * @param i 1 or 2
     */
    public void start(int i) {
        Node node = node(i);
        if (kind == Kind.VRRPD) {
            if (vrrpd[i] == null) {
                vrrpd[i] = Vrrpd.start(node, "vrrpd.yaml", vrrpdYaml(i));
            } else {
                vrrpd[i].restart();
            }
        } else {
            keepalivedStarts[i]++;
            keepalived[i] = Keepalived.start(node, keepalivedConf(i), "keepalived-" + keepalivedStarts[i]);
        }
    }

    /**
     * The hard failure of a node: its daemon's process tree SIGKILLed, {@code pg_ctl stop -m immediate},
     * the cable cut, in that order and at once.
     *
     * @param i the node
     * @return when the failure was complete (server down, cable cut): no commit acknowledged later can come
     *         from this node, so it is where {@link WriteLog#outageAround} splits the writer's log
     */
    public Instant crash(int i) {
        daemonProcess(i).killTree(Signal.KILL);
        CommandResult stop = pair.server(i).stopImmediate();
        node(i).linkDown();
        if (!stop.ok()) {
            throw new LabException(pair.server(i) + ": pg_ctl stop -m immediate failed: " + stop.stderr().strip());
        }
        return Instant.now();
    }

    /**
     * Brings a crashed node back as after a reboot: the addresses its killed daemon left on eth0 (the VIP)
     * are gone, as they would be after a restart, then the cable is plugged in again. Neither the daemon nor
     * PostgreSQL is started.
     *
     * @param i the node
     */
    public void revive(int i) {
        Node node = node(i);
        if (node.hasAddress(ReplicatedPair.VIP)) {
            node.ip("addr", "del", ReplicatedPair.VIP + "/32", "dev", Node.ETH0).orThrow();
        }
        node.linkUp();
    }

    /** @return the node holding the VIP now, if one does (both holding it is reported as node 1) */
    public Optional<Node> vipHolder() {
        for (int i = 1; i <= 2; i++) {
            if (node(i).hasAddress(ReplicatedPair.VIP)) {
                return Optional.of(node(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The vrrpd YAML of node {@code i}: the seed's VI_1 and a postgres hook with the contract's keys
     * (data_dir, bin_dir, os_user, local, peer, replication, synchronous, rejoin, max_lag); the replication
     * password in a libpq password file, as the contract's {@code password_file} allows.
     */
    public String vrrpdYaml(int i) {
        PostgresServer self = pair.server(i);
        PostgresServer peer = pair.server(3 - i);
        Path state = pair.lab().dir().resolve(node(i).name() + "-vrrpd-state");
        Path run = pair.lab().dir().resolve(node(i).name() + "-vrrpd-run");
        try {
            Files.createDirectories(state);
            Files.createDirectories(run);
        } catch (IOException e) {
            throw new LabException("cannot create " + state + ": " + e.getMessage(), e);
        }
        // Both nodes share the host's file system: each gets its own state and runtime directory.
        return """
                global:
                  state_dir: %s
                  runtime_dir: %s
                instances:
                  VI_1:
                    state: %s
                    interface: eth0
                    vrid: 51
                    priority: %d
                %s    virtual_ips: ["%s/32 dev eth0"]
                    hooks:
                      - type: postgres
                        data_dir: %s
                        bin_dir: %s
                        os_user: %s
                        local: {host: %s}
                        peer:  {host: %s}
                        replication: {user: %s, password_file: %s}
                        synchronous: %s
                        rejoin: auto
                        max_lag: 1MiB
                %s""".formatted(state, run, i == 1 ? "MASTER" : "BACKUP", PRIORITY[i], vrrpLines(), ReplicatedPair.VIP, self.dataDir(),
                self.binDir(), PostgresInstall.OS_USER, self.node().address(), peer.node().address(),
                PostgresConf.REPLICATION_USER, passwordFile, synchronous ? "on" : "off",
                // At 100 ms adverts the peer question must be bounded in milliseconds (docs/fast-failover.md).
                v3 ? "        connect_timeout: 250ms\n" : "");
    }

    /** The version and interval lines: the seed's v2 at 1 s with PASS, or v3 at 100 ms (db-*-v3.conf). */
    private String vrrpLines() {
        String indent = "    ";
        return v3 ? indent + "version: 3\n" + indent + "advert_int: 100ms\n"
                : indent + "advert_int: 1s\n" + indent + "authentication: {type: PASS, password: PASSWORD}\n";
    }

    /**
     * The seed's keepalived.conf of node {@code i} ({@link Keepalived#seedDatabaseConfig}) with
     * {@code notify_master} pointing at a script that only promotes: the seed's naive failover.
     */
    public String keepalivedConf(int i) {
        Path script = pair.lab().dir().resolve(node(i).name() + "-notify_master.sh");
        String text = "#!/bin/sh\n# The seed's naive notify_master: promote, nothing else.\nexec "
                + pair.server(i).binDir().resolve("psql") + " -h 127.0.0.1 -U postgres -d postgres -X -c"
                + " 'SELECT pg_promote()'\n";
        try {
            Files.writeString(script, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new LabException("cannot write " + script + ": " + e.getMessage(), e);
        }
        String conf = Keepalived.seedDatabaseConfig(i == 1 ? "MASTER" : "BACKUP", PRIORITY[i]);
        int end = conf.lastIndexOf('}');
        return conf.substring(0, end) + "notify_master " + script + "\n}\n";
    }

    /** @return the daemon's log so far, for failure messages */
    public String daemonLog(int i) {
        LabProcess p = daemonProcess(i);
        return p == null ? "(not started)" : p.tail();
    }

    private LabProcess daemonProcess(int i) {
        if (kind == Kind.VRRPD) {
            return vrrpd[i] == null ? null : vrrpd[i].process();
        }
        return keepalived[i] == null ? null : keepalived[i].process();
    }

    /** @return node 1 or 2 */
    public Node node(int i) {
        return i == 1 ? pair.n1() : i == 2 ? pair.n2() : fail(i);
    }

    private static Node fail(int i) {
        throw new IllegalArgumentException("no node " + i);
    }

    /** @return vrrpd on node i (VRRPD kind only) */
    public Vrrpd vrrpd(int i) {
        if (vrrpd[i] == null) {
            throw new LabException("no vrrpd on node " + i + " (" + kind + ")");
        }
        return vrrpd[i];
    }

    public ReplicatedPair pair() {
        return pair;
    }

    public Kind kind() {
        return kind;
    }

    public boolean synchronous() {
        return synchronous;
    }

    /** @return the libpq password file with the replication and application users (owned by postgres) */
    public Path passwordFile() {
        return passwordFile;
    }
}
