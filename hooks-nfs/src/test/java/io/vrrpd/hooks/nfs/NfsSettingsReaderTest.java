package io.vrrpd.hooks.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.hooks.HookConfigException;
import io.vrrpd.hooks.HookFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class NfsSettingsReaderTest {

    /** The configuration block, verbatim. */
    static final String CONTRACT = """
            type: nfs
            backend: ganesha                         # ganesha | kernel
            state_dir: /srv/replicated/.nfs-state    # NFSv4 recovery state, on the replicated storage
            exports:
              - {path: /srv/replicated/share, id: 1, pseudo: /share, clients: [192.0.2.0/24], access: rw}
            """;

    @Test
    void theContractKeysAloneAreEnoughAndGiveShortGraceAndLease() throws Exception {
        NfsSettings s = NfsSettingsReader.read(Fixtures.settings(CONTRACT), "VI_1");
        assertEquals(Backend.GANESHA, s.backend());
        assertEquals(Path.of("/srv/replicated/.nfs-state"), s.stateDir());
        assertEquals(List.of(new NfsExport(Path.of("/srv/replicated/share"), 1, "/share", List.of("192.0.2.0/24"),
                Access.RW, Squash.ROOT_SQUASH)), s.exports());
        assertEquals(Duration.ofSeconds(10), s.grace());
        assertEquals(Duration.ofSeconds(10), s.lease());
        assertEquals("vrrpd-VI_1", s.serverScope());
        assertEquals(null, s.mount());
        assertEquals(null, s.drbdResource());
        assertEquals(Tools.DEFAULT, s.tools());
    }

    @Test
    void everyOptionalKeyIsRead() throws Exception {
        NfsSettings s = NfsSettingsReader.read(Fixtures.settings("""
                backend: kernel
                state_dir: /srv/replicated/.nfs-state
                exports:
                  - {path: /srv/replicated/share, id: 1, clients: [192.0.2.0/24, client.example.org], access: ro, squash: all_squash}
                mount: {device: /dev/drbd0, path: /srv/replicated, fstype: xfs, options: "noatime,nodiratime"}
                drbd: {resource: r0, force: true}
                grace_period: 20s
                lease_time: 15s
                server_scope: ccc-nfs
                verify_address: 192.0.2.21
                port: 2050
                timeout: 2m
                stop_timeout: 5s
                unmount: {retries: 3, interval: 2s, kill_holders: true}
                kernel: {recovery_dir: /var/lib/nfs/v4recovery, unit: nfs-server.service}
                paths: {ganesha_nfsd: /usr/bin/ganesha.nfsd, nfs_ls: /usr/bin/nfs-ls, exportfs: /usr/sbin/exportfs,
                        systemctl: /usr/bin/systemctl, mount: /usr/bin/mount, umount: /usr/bin/umount,
                        findmnt: /usr/bin/findmnt, fuser: /usr/bin/fuser, drbdadm: /usr/sbin/drbdadm}
                """), "VI_1");
        assertEquals(new MountSpec("/dev/drbd0", Path.of("/srv/replicated"), "xfs", "noatime,nodiratime"), s.mount());
        assertEquals("r0", s.drbdResource());
        assertTrue(s.drbdForce());
        assertEquals(Duration.ofSeconds(20), s.grace());
        assertEquals(Duration.ofSeconds(15), s.lease());
        assertEquals("ccc-nfs", s.serverScope());
        assertEquals("192.0.2.21", s.verifyAddress());
        assertEquals(2050, s.port());
        assertEquals(Duration.ofMinutes(2), s.timeout());
        assertEquals(new UnmountPolicy(3, Duration.ofSeconds(2), true), s.unmount());
        assertEquals(Path.of("/var/lib/nfs/v4recovery"), s.recoveryMount());
        assertEquals("/usr/sbin/drbdadm", s.tools().drbdadm());
        assertEquals(Access.RO, s.exports().get(0).access());
        assertEquals(Squash.ALL_SQUASH, s.exports().get(0).squash());
        assertEquals("/srv/replicated/share", s.exports().get(0).pseudo(), "kernel: pseudo defaults to the path");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        HookConfigException e = assertThrows(HookConfigException.class, () -> NfsSettingsReader.read(
                Fixtures.settings("""
                        backend: samba
                        exports:
                          - {path: share, id: 0, pseudo: /a, clients: [192.0.2.0/24], access: rwx}
                          - {path: /srv/b, id: 2, clients: []}
                          - {path: /srv/c, id: 2, pseudo: /a, clients: ["a b"], colour: blue}
                        grace_period: 5s
                        lease_time: 30s
                        drbd: {force: true}
                        """), "VI_1"));
        List<String> p = e.problems();
        String all = String.join("\n", p);
        for (String expected : List.of(
                "instances.VI_1.hooks[0].backend: must be one of ganesha, kernel (was \"samba\")",
                "instances.VI_1.hooks[0].state_dir: is required",
                "instances.VI_1.hooks[0].exports[0].path: must be an absolute path (was \"share\")",
                "instances.VI_1.hooks[0].exports[0].id: must be a whole number 1..65534 (was \"0\")",
                "instances.VI_1.hooks[0].exports[0].access: must be one of rw, ro (was \"rwx\")",
                "instances.VI_1.hooks[0].exports[1].clients: is required",
                "instances.VI_1.hooks[0].exports[2].id: is used by another export (2)",
                "instances.VI_1.hooks[0].exports[2].pseudo: is used by another export (/a)",
                "instances.VI_1.hooks[0].exports[2].clients: must be addresses, networks or host names (was \"a b\")",
                "instances.VI_1.hooks[0].exports[2].colour: unknown key",
                "instances.VI_1.hooks[0].lease_time: must not be longer than grace_period (5 s)",
                "instances.VI_1.hooks[0].drbd.resource: is required")) {
            assertTrue(all.contains(expected), "missing <" + expected + "> in:\n" + all);
        }
    }

    @Test
    void ganeshaNeedsAPseudoPath() {
        HookConfigException e = assertThrows(HookConfigException.class, () -> NfsSettingsReader.read(
                Fixtures.settings("""
                        backend: ganesha
                        state_dir: /srv/replicated/.nfs-state
                        exports: [{path: /srv/replicated/share, id: 1, clients: [192.0.2.0/24]}]
                        """), "VI_1"));
        assertEquals(List.of("instances.VI_1.hooks[0].exports[0].pseudo: is required with backend ganesha "
                + "(the NFSv4 path clients mount)"), e.problems());
    }

    @Test
    void theFactoryIsFoundByTypeNfs() {
        boolean found = ServiceLoader.load(HookFactory.class).stream()
                .anyMatch(p -> p.get().type().equals("nfs") && p.get() instanceof NfsHookFactory);
        assertTrue(found, "META-INF/services lists NfsHookFactory");
    }
}
