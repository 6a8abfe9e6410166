package io.vrrpd.hooks.nfs;

import java.nio.file.Path;

/**
 * Renders ganesha.conf (ganesha-config(8), ganesha-core-config(8), ganesha-export-config(8)) for one node.
 *
 * <ul>
 *   <li>NFSv4 only ({@code Protocols = 4}), no UDP, no NLM, no RQUOTA: nothing needs rpcbind, which a
 *       failover would otherwise have to move too. Minor versions 0, 1 and 2, so NFSv4.0 clients work.</li>
 *   <li>No {@code Bind_addr}: ganesha listens on every address, because it starts before the VIP exists.
 *       (ganesha 4.3 in a namespace also rejects {@code Bind_addr = 0.0.0.0} with "No IP address found".)</li>
 *   <li>Short {@code Grace_Period} and {@code Lease_Lifetime} (10 s each by default, ganesha's are 90 and
 *       60 s): reads and writes that open a file are refused with NFS4ERR_GRACE for the whole grace period
 *       after every start that finds client records, so it is part of every failover's outage.</li>
 *   <li>Recovery backend {@code fs} rooted in the shared state_dir; {@code Server_Scope} identical on both
 *       nodes (RFC 8881 §2.10.4: a client reclaims only on a server with the same scope).</li>
 *   <li>Kerberos off ({@code Active_krb5 = false}): the hook renders AUTH_SYS exports only.</li>
 * </ul>
 * Pid file and log are node-local and passed on the command line, not here.
 */
final class GaneshaConfig {
    private GaneshaConfig() {
    }

    static String render(NfsSettings s) {
        StringBuilder b = new StringBuilder();
        b.append("# Rendered by vrrpd's nfs hook on every takeover; edit the vrrpd configuration instead.\n");
        b.append("NFS_CORE_PARAM {\n");
        b.append("    Protocols = 4;\n");
        b.append("    NFS_Port = ").append(s.port()).append(";\n");
        b.append("    Enable_UDP = false;\n");
        b.append("    Enable_NLM = false;\n");
        b.append("    Enable_RQUOTA = false;\n");
        b.append("}\n");
        b.append("NFS_KRB5 {\n    Active_krb5 = false;\n}\n");
        b.append("NFSV4 {\n");
        b.append("    Grace_Period = ").append(s.grace().toSeconds()).append(";\n");
        b.append("    Lease_Lifetime = ").append(s.lease().toSeconds()).append(";\n");
        b.append("    Minor_Versions = 0, 1, 2;\n");
        b.append("    RecoveryBackend = fs;\n");
        b.append("    RecoveryRoot = ").append(quote(s.stateDir())).append(";\n");
        b.append("    Server_Scope = ").append(quote(s.serverScope())).append(";\n");
        b.append("}\n");
        for (NfsExport e : s.exports()) {
            b.append("EXPORT {\n");
            b.append("    Export_Id = ").append(e.id()).append(";\n");
            b.append("    Path = ").append(quote(e.path())).append(";\n");
            b.append("    Pseudo = ").append(quote(e.pseudo())).append(";\n");
            b.append("    Protocols = 4;\n");
            b.append("    Transports = TCP;\n");
            b.append("    SecType = sys;\n");
            b.append("    Squash = ").append(e.squash().ganeshaValue()).append(";\n");
            // Nobody but the listed clients gets in: the export's own Access_Type is None.
            b.append("    Access_Type = None;\n");
            b.append("    FSAL {\n        Name = VFS;\n    }\n");
            b.append("    CLIENT {\n");
            b.append("        Clients = ").append(String.join(", ", e.clients())).append(";\n");
            b.append("        Access_Type = ").append(e.access().name()).append(";\n");
            b.append("    }\n");
            b.append("}\n");
        }
        b.append("LOG {\n    Default_Log_Level = EVENT;\n}\n");
        return b.toString();
    }

    private static String quote(Object value) {
        return "\"" + value + "\"";
    }

    /** The node-local files of one instance's ganesha: under the runtime directory, never on shared storage. */
    record Files(Path dir, Path conf, Path pid, Path log) {
        static Files in(Path runtimeDirectory, String instance) {
            Path dir = runtimeDirectory.resolve("nfs-" + instance);
            return new Files(dir, dir.resolve("ganesha.conf"), dir.resolve("ganesha.pid"), dir.resolve("ganesha.log"));
        }
    }
}
