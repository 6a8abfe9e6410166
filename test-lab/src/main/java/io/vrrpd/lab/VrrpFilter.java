package io.vrrpd.lab;

import java.util.List;

/**
 * Drops VRRP (IP protocol 112) in and out of a lab node with nftables inside its namespace, leaving every
 * other packet alone: the two nodes stop hearing each other's adverts while PostgreSQL still reaches its
 * peer (a partition of the VRRP path only). The rules live in their own table, so {@link #unblock} removes
 * exactly them.
 */
public final class VrrpFilter {

    private static final String TABLE = "vrrpd_lab";

    private VrrpFilter() {
    }

    /** Drops VRRP on the node's input and output hooks (nft(8): ip protocol vrrp). */
    public static void block(Node node) {
        nft(node, "add", "table", "inet", TABLE);
        for (String hook : List.of("input", "output")) {
            nft(node, "add", "chain", "inet", TABLE, hook, "{ type filter hook " + hook + " priority 0 ; }");
            nft(node, "add", "rule", "inet", TABLE, hook, "ip", "protocol", "vrrp", "counter", "drop");
        }
    }

    /** Removes the rules {@link #block} added. */
    public static void unblock(Node node) {
        nft(node, "delete", "table", "inet", TABLE);
    }

    /** @return the rule set of the lab's table with its counters, for messages */
    public static String show(Node node) {
        return node.run("nft", "list", "table", "inet", TABLE).stdout();
    }

    private static void nft(Node node, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "nft";
        System.arraycopy(args, 0, argv, 1, args.length);
        node.run(argv).orThrow();
    }
}
