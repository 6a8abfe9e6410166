package io.vrrpd.lab;

import java.time.Duration;
import java.util.List;

/**
 * Two PostgreSQL 15 servers with streaming replication set up as the seed describes, plus the namespaces
 * that talk to them:
 * <pre>
 *   n1 192.0.2.11  primary (initdb, replication user, pg_hba md5 lines for it)
 *   n2 192.0.2.12  standby (pg_basebackup -R from n1 as replicator: standby.signal, primary_conninfo,
 *                  hot_standby on)
 *   n3 192.0.2.13  client: its address is a /32 with one route, to the VIP 192.0.2.100, so it reaches the
 *                  database only through the VIP, as the seed's application servers do
 *   n4 192.0.2.14  probe: reaches both servers' own addresses
 * </pre>
 * The servers stop when the lab closes (see {@link PostgresServer#close()}). No VRRP daemon runs: tests add
 * vrrpd or keepalived on n1 and n2 as they need.
 */
public final class ReplicatedPair {

    /** The seed's VIP, the only address the client reaches. */
    public static final String VIP = SeedPair.VIP;
    /** How long setting up the pair may take on a loaded machine (initdb, base backup, two starts). */
    public static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

    private final Lab lab;
    private final Node n1;
    private final Node n2;
    private final Node client;
    private final Node probeNode;
    private final PostgresServer s1;
    private final PostgresServer s2;

    private ReplicatedPair(Lab lab) {
        this.lab = lab;
        this.n1 = lab.addNode();
        this.n2 = lab.addNode();
        this.client = lab.addNode();
        this.probeNode = lab.addNode();
        this.s1 = PostgresServer.on(n1);
        this.s2 = PostgresServer.on(n2);
    }

    /**
     * Adds four nodes to a lab without nodes and sets up the pair: n1 primary, n2 its streaming standby.
     *
     * @param lab         a fresh lab (no nodes yet)
     * @param synchronous true for synchronous replication ({@code synchronous_standby_names = '*'} on the
     *                    primary before the base backup, so the standby inherits it, as a DBA following the
     *                    seed would end up)
     * @return the pair, n2 streaming from n1
     */
    public static ReplicatedPair create(Lab lab, boolean synchronous) {
        if (!lab.nodes().isEmpty()) {
            throw new IllegalArgumentException("ReplicatedPair needs a lab without nodes (has " + lab.nodes() + ")");
        }
        ReplicatedPair p = new ReplicatedPair(lab);
        p.restrictClientToVip();
        List<String> nodes = List.of(p.n1.address(), p.n2.address());
        p.s1.initdb(synchronous, nodes);
        p.s1.start();
        for (String sql : PostgresConf.setupSql()) {
            // No standby yet: a synchronous primary would wait for one forever.
            p.s1.query("SET synchronous_commit = local; " + sql);
        }
        p.s2.baseBackupFrom(p.n1);
        p.s2.start();
        p.awaitStreaming(p.s2, p.s1, SETUP_TIMEOUT);
        return p;
    }

    private void restrictClientToVip() {
        String cidr = client.address() + "/24";
        client.ip("addr", "del", cidr, "dev", Node.ETH0).orThrow();
        client.ip("addr", "add", client.address() + "/32", "dev", Node.ETH0).orThrow();
        client.ip("route", "add", VIP + "/32", "dev", Node.ETH0).orThrow();
    }

    /**
     * Waits until {@code standby}'s WAL receiver streams from {@code primary} and the primary lists it as
     * streaming in pg_stat_replication.
     *
     * @throws LabException with both server logs' tails if it does not happen in time
     */
    public void awaitStreaming(PostgresServer standby, PostgresServer primary, Duration timeout) {
        boolean ok = Lab.waitUntil(timeout, () -> standby.streamingFrom().filter(primary.node().address()::equals)
                .isPresent() && primary.psql("SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'")
                        .stdout().strip().equals("1"));
        if (!ok) {
            throw new LabException(standby + " does not stream from " + primary + " within " + timeout
                    + "\n" + standby + " log:\n" + standby.logTail() + "\n" + primary + " log:\n" + primary.logTail());
        }
    }

    /**
     * @param index 1 or 2
     * @return that node's server
     */
    public PostgresServer server(int index) {
        return switch (index) {
            case 1 -> s1;
            case 2 -> s2;
            default -> throw new IllegalArgumentException("no server " + index);
        };
    }

    /** @return both servers, n1's first */
    public List<PostgresServer> servers() {
        return List.of(s1, s2);
    }

    /** @return the other server of the pair */
    public PostgresServer peerOf(PostgresServer s) {
        return s == s1 ? s2 : s1;
    }

    /** Starts a numbered-row writer in the client namespace, committing through the VIP. */
    public RowWriter startWriter(String name) {
        return RowWriter.start(client, name, VIP);
    }

    /** Starts the both-writable probe in the probe namespace, asking both servers' own addresses. */
    public WritableProbe startProbe(String name) {
        return WritableProbe.start(probeNode, name, servers());
    }

    public Lab lab() {
        return lab;
    }

    public Node n1() {
        return n1;
    }

    public Node n2() {
        return n2;
    }

    public Node client() {
        return client;
    }

    public Node probeNode() {
        return probeNode;
    }
}
