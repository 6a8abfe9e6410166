package io.vrrpd.hooks.nfs;

import io.vrrpd.hooks.HookConfigException;
import io.vrrpd.hooks.HookSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@code type: nfs} hook's YAML (the keys of issue 8's contract plus the optional ones documented
 * in docs/nfs.md), records every problem with its key path and freezes the result.
 */
final class NfsSettingsReader {
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    static final Path DEFAULT_RECOVERY_MOUNT = Path.of("/var/lib/nfs/nfsdcld");
    static final String DEFAULT_UNIT = "nfs-server.service";
    /** Ganesha: grace 0..180 s, lease 1..120 s (ganesha-core-config(8), NFSv4 block). */
    private static final int MAX_GRACE_SECONDS = 180;
    private static final int MAX_LEASE_SECONDS = 120;
    /** Characters that would break out of a quoted ganesha value or an exports(5) client spec. */
    private static final Pattern UNSAFE = Pattern.compile("[\"\\s;{}()#,]");

    private NfsSettingsReader() {
    }

    static NfsSettings read(HookSettings s, String instance) throws HookConfigException {
        Backend backend = s.choice("backend", Backend.class).orElse(null);
        if (!s.has("backend")) {
            s.problem("backend", "is required (ganesha or kernel)");
        }
        Path stateDir = s.file("state_dir").orElse(null);
        if (!s.has("state_dir")) {
            s.problem("state_dir", "is required (the NFSv4 recovery directory on the replicated storage)");
        }
        noQuote(s, "state_dir", stateDir);
        List<NfsExport> exports = exports(s, backend);
        MountSpec mount = s.map("mount").map(NfsSettingsReader::mount).orElse(null);
        String drbd = null;
        boolean drbdForce = false;
        Optional<HookSettings> drbdMap = s.map("drbd");
        if (drbdMap.isPresent()) {
            drbd = drbdMap.get().requiredString("resource");
            drbdForce = drbdMap.get().bool("force").orElse(false);
        }
        Duration grace = s.duration("grace_period").orElse(DEFAULT_GRACE);
        Duration lease = s.duration("lease_time").orElse(DEFAULT_LEASE);
        checkSeconds(s, "grace_period", grace, 0, MAX_GRACE_SECONDS);
        checkSeconds(s, "lease_time", lease, 1, MAX_LEASE_SECONDS);
        if (lease.compareTo(grace) > 0 && grace.toSeconds() > 0) {
            s.problem("lease_time", "must not be longer than grace_period (" + grace.toSeconds()
                    + " s): clients need a whole lease within the grace period to reclaim");
        }
        String scope = s.string("server_scope").orElse("vrrpd-" + instance);
        if (UNSAFE.matcher(scope).find()) {
            s.problem("server_scope", "must not contain blanks, quotes, braces, ';', ',' or '#' (was \"" + scope + "\")");
        }
        String verify = s.string("verify_address").orElse(null);
        int port = s.integer("port", 1, 65535).orElse(2049);
        Duration timeout = s.duration("timeout").orElse(DEFAULT_TIMEOUT);
        if (timeout.compareTo(Duration.ofSeconds(5)) < 0) {
            s.problem("timeout", "must be at least 5s (was " + timeout.toMillis() + " ms)");
        }
        UnmountPolicy unmount = s.map("unmount").map(NfsSettingsReader::unmount).orElse(UnmountPolicy.DEFAULT);
        Duration stop = s.duration("stop_timeout").orElse(DEFAULT_STOP_TIMEOUT);
        Path recovery = DEFAULT_RECOVERY_MOUNT;
        String unit = DEFAULT_UNIT;
        Optional<HookSettings> kernel = s.map("kernel");
        if (kernel.isPresent()) {
            recovery = kernel.get().file("recovery_dir").orElse(DEFAULT_RECOVERY_MOUNT);
            unit = kernel.get().string("unit").orElse(DEFAULT_UNIT);
        }
        Tools tools = s.map("paths").map(NfsSettingsReader::tools).orElse(Tools.DEFAULT);
        s.finish();
        return new NfsSettings(backend, stateDir, exports, mount, drbd, drbdForce, grace, lease, scope, verify,
                port, timeout, unmount, stop, recovery, unit, tools);
    }

    private static List<NfsExport> exports(HookSettings s, Backend backend) {
        if (!s.has("exports")) {
            s.problem("exports", "is required (at least one {path, id, pseudo, clients, access})");
            return List.of();
        }
        List<HookSettings> items = s.maps("exports");
        if (items.isEmpty()) {
            s.problem("exports", "must list at least one export");
        }
        List<NfsExport> out = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Set<String> pseudos = new HashSet<>();
        for (HookSettings e : items) {
            Path path = e.file("path").orElse(null);
            if (!e.has("path")) {
                e.problem("path", "is required");
            }
            noQuote(e, "path", path);
            // Ganesha Export_Id is 16 bits and 0 is its pseudo root; exports(5) fsid=0 is the v4 root too.
            Integer id = e.integer("id", 1, 65534).orElse(null);
            if (!e.has("id")) {
                e.problem("id", "is required (the fixed export id / fsid, the same on both nodes)");
            } else if (id != null && !ids.add(id)) {
                e.problem("id", "is used by another export (" + id + ")");
            }
            String pseudo = e.string("pseudo").orElse(null);
            if (pseudo == null && backend == Backend.GANESHA && !e.has("pseudo")) {
                e.problem("pseudo", "is required with backend ganesha (the NFSv4 path clients mount)");
            }
            if (pseudo != null && (!pseudo.startsWith("/") || pseudo.equals("/") || UNSAFE.matcher(pseudo).find())) {
                e.problem("pseudo", "must be an absolute path below / without blanks or quotes (was \"" + pseudo + "\")");
            } else if (pseudo != null && !pseudos.add(pseudo)) {
                e.problem("pseudo", "is used by another export (" + pseudo + ")");
            }
            List<String> clients = e.strings("clients");
            if (!e.has("clients") || clients.isEmpty()) {
                e.problem("clients", "is required (addresses or networks, e.g. [192.0.2.0/24])");
            }
            for (String c : clients) {
                if (c.isEmpty() || UNSAFE.matcher(c).find()) {
                    e.problem("clients", "must be addresses, networks or host names (was \"" + c + "\")");
                }
            }
            Access access = e.choice("access", Access.class).orElse(Access.RW);
            Squash squash = e.choice("squash", Squash.class).orElse(Squash.ROOT_SQUASH);
            if (path != null && id != null) {
                out.add(new NfsExport(path, id, pseudo == null ? path.toString() : pseudo, clients, access, squash));
            }
        }
        return out;
    }

    private static MountSpec mount(HookSettings m) {
        String device = m.requiredString("device");
        Path path = m.file("path").orElse(null);
        if (!m.has("path")) {
            m.problem("path", "is required");
        }
        String fstype = m.string("fstype").orElse(null);
        String options = m.string("options").orElse(null);
        return device == null || path == null ? null : new MountSpec(device, path, fstype, options);
    }

    private static UnmountPolicy unmount(HookSettings m) {
        UnmountPolicy d = UnmountPolicy.DEFAULT;
        return new UnmountPolicy(m.integer("retries", 0, 100).orElse(d.retries()),
                m.duration("interval").orElse(d.interval()), m.bool("kill_holders").orElse(d.killHolders()));
    }

    private static Tools tools(HookSettings m) {
        Tools d = Tools.DEFAULT;
        return new Tools(m.string("ganesha_nfsd").orElse(d.ganeshaNfsd()), m.string("nfs_ls").orElse(d.nfsLs()),
                m.string("exportfs").orElse(d.exportfs()), m.string("systemctl").orElse(d.systemctl()),
                m.string("mount").orElse(d.mount()), m.string("umount").orElse(d.umount()),
                m.string("findmnt").orElse(d.findmnt()), m.string("fuser").orElse(d.fuser()),
                m.string("drbdadm").orElse(d.drbdadm()));
    }

    /** A quote would end the value in ganesha.conf. */
    private static void noQuote(HookSettings s, String key, Path p) {
        if (p != null && (p.toString().contains("\"") || p.toString().contains("\n"))) {
            s.problem(key, "must not contain quotes or line breaks (was \"" + p + "\")");
        }
    }

    private static void checkSeconds(HookSettings s, String key, Duration d, int min, int max) {
        if (d.toNanos() % 1_000_000_000L != 0 || d.toSeconds() < min || d.toSeconds() > max) {
            s.problem(key, "must be whole seconds " + min + ".." + max + " (was " + d.toMillis() + " ms)");
        }
    }
}
