package io.vrrpd.hooks.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.hooks.Health;
import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookOutcome;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel backend's exact command sequences (takeover, release, every failure with its undo) against a
 * recording runner: nothing runs, every command line is asserted in order.
 */
class KernelBackendTest {
    private static final Duration BUDGET = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final RecordingRunner runner = new RecordingRunner();
    private Path share;
    private Path state;
    private Hook hook;

    // Step commands, as the hook must issue them.
    private static final String ROLE = "drbdadm role r0";
    private static final String FIND_VOL = "findmnt -n -o SOURCE --mountpoint /srv/replicated";
    private static final String FIND_REC = "findmnt -n -o SOURCE --mountpoint /var/lib/nfs/nfsdcld";
    private static final String ACTIVE = "systemctl is-active --quiet nfs-server.service";
    private static final String TABLE = "exportfs -s";

    @BeforeEach
    void setUp() throws Exception {
        share = Files.createDirectory(dir.resolve("share"));
        state = dir.resolve("nfs-state");
        hook = Fixtures.hook("""
                backend: kernel
                state_dir: %s
                exports:
                  - {path: %s, id: 7, clients: [192.0.2.0/24, 198.51.100.5], access: rw}
                mount: {device: /dev/drbd0, path: /srv/replicated, fstype: xfs, options: noatime}
                drbd: {resource: r0}
                unmount: {retries: 1, interval: 10ms}
                """.formatted(state, share), runner, dir);
    }

    private String exported() {
        return share + "  192.0.2.0/24(sync,wdelay,hide,no_subtree_check,fsid=7,sec=sys,rw,root_squash)\n"
                + share + "  198.51.100.5(sync,wdelay,hide,no_subtree_check,fsid=7,sec=sys,rw,root_squash)\n";
    }

    private void scriptCleanTakeover() {
        scriptUpToServer();
        runner.on(TABLE, "").on(TABLE, exported())
                .on("exportfs -v -o rw,sync,root_squash,fsid=7 192.0.2.0/24:" + share, 0)
                .on("exportfs -v -o rw,sync,root_squash,fsid=7 198.51.100.5:" + share, 0);
    }

    private void scriptUpToServer() {
        runner.on(ROLE, "Secondary\n").on(ROLE, "Primary\n")
                .on("drbdadm primary r0", 0)
                .on(FIND_VOL, 1).on(FIND_VOL, 0)
                .on("mount -t xfs -o noatime /dev/drbd0 /srv/replicated", 0)
                .on(FIND_REC, 1).on(FIND_REC, 0)
                .on("mount --bind " + state + " /var/lib/nfs/nfsdcld", 0)
                .on(ACTIVE, 3).on(ACTIVE, 0)
                .on("systemctl start nfs-server.service", 0);
    }

    private List<String> takeoverSequence() {
        return List.of(ROLE, "drbdadm primary r0", ROLE,
                FIND_VOL, "mount -t xfs -o noatime /dev/drbd0 /srv/replicated", FIND_VOL,
                FIND_REC, "mount --bind " + state + " /var/lib/nfs/nfsdcld", FIND_REC,
                ACTIVE, "systemctl start nfs-server.service", ACTIVE,
                TABLE, "exportfs -v -o rw,sync,root_squash,fsid=7 192.0.2.0/24:" + share,
                "exportfs -v -o rw,sync,root_squash,fsid=7 198.51.100.5:" + share, TABLE);
    }

    @Test
    void takeoverPromotesMountsBindsStartsExportsInThatOrder() throws Exception {
        scriptCleanTakeover();
        HookReport r = hook.run(HookPhase.TAKEOVER, Fixtures.toMaster(), BUDGET);
        assertEquals(HookOutcome.OK, r.outcome(), r.detail());
        assertEquals(takeoverSequence(), runner.calls());
        assertTrue(Files.isDirectory(state), "the recovery directory is created on the replicated storage");
    }

    @Test
    void takeoverOnAnAlreadyServingNodeOnlyChecks() throws Exception {
        Files.createDirectory(state);
        runner.on(ROLE, "Primary\n").on(FIND_VOL, 0).on(FIND_REC, 0).on(ACTIVE, 0).on(TABLE, exported());
        HookReport r = hook.run(HookPhase.TAKEOVER, Fixtures.toMaster(), BUDGET);
        assertEquals(HookOutcome.OK, r.outcome(), r.detail());
        assertEquals(List.of(ROLE, FIND_VOL, FIND_REC, ACTIVE, TABLE, TABLE), runner.calls());
    }

    @Test
    void releaseUnexportsStopsUnbindsUnmountsDemotesInThatOrder() throws Exception {
        runner.on(TABLE, exported()).on(TABLE, "")
                .on("exportfs -v -u 192.0.2.0/24:" + share, 0)
                .on("exportfs -v -u 198.51.100.5:" + share, 0)
                .on(ACTIVE, 0).on(ACTIVE, 3).on("systemctl stop nfs-server.service", 0)
                .on(FIND_REC, 0).on(FIND_REC, 1).on("umount /var/lib/nfs/nfsdcld", 0)
                .on(FIND_VOL, 0).on(FIND_VOL, 1).on("umount /srv/replicated", 0)
                .on(ROLE, "Primary\n").on(ROLE, "Secondary\n").on("drbdadm secondary r0", 0);
        HookReport r = hook.run(HookPhase.RELEASE, Fixtures.toBackup(), BUDGET);
        assertEquals(HookOutcome.OK, r.outcome(), r.detail());
        assertEquals(List.of(TABLE, "exportfs -v -u 192.0.2.0/24:" + share, "exportfs -v -u 198.51.100.5:" + share,
                TABLE, ACTIVE, "systemctl stop nfs-server.service", ACTIVE,
                FIND_REC, "umount /var/lib/nfs/nfsdcld", FIND_REC,
                FIND_VOL, "umount /srv/replicated", FIND_VOL,
                ROLE, "drbdadm secondary r0", ROLE), runner.calls());
        assertEquals(Health.Status.READY, hook.healthCheck().orElseThrow().check("VI_1", "BACKUP").status());
    }

    @Test
    void missingExportDirectoryUndoesServerBindMountAndPromotion() throws Exception {
        scriptUpToServer();
        Files.delete(share);
        // Undo answers: the table is empty, the unit active, both mounts present, DRBD primary.
        runner.on(TABLE, "").on(ACTIVE, 0).on(ACTIVE, 3).on("systemctl stop nfs-server.service", 0)
                .on(FIND_REC, 0).on(FIND_REC, 1).on("umount /var/lib/nfs/nfsdcld", 0)
                .on(FIND_VOL, 0).on(FIND_VOL, 1).on("umount /srv/replicated", 0)
                .on(ROLE, "Primary\n").on(ROLE, "Secondary\n").on("drbdadm secondary r0", 0);
        HookReport r = hook.run(HookPhase.TAKEOVER, Fixtures.toMaster(), BUDGET);
        assertEquals(HookOutcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("export directory " + share + " (id 7) is missing"), r.detail());
        assertTrue(r.detail().contains("undone: exportfs, nfs-server.service, mount /var/lib/nfs/nfsdcld, "
                + "recovery state " + state + ", mount /srv/replicated, drbd r0"), r.detail());
        List<String> up = takeoverSequence().subList(0, 12);
        List<String> undo = List.of(TABLE, TABLE,
                ACTIVE, "systemctl stop nfs-server.service", ACTIVE,
                FIND_REC, "umount /var/lib/nfs/nfsdcld", FIND_REC,
                FIND_VOL, "umount /srv/replicated", FIND_VOL,
                ROLE, "drbdadm secondary r0", ROLE);
        assertEquals(concat(up, undo), runner.calls());
        Health h = hook.healthCheck().orElseThrow().check("VI_1", "FAULT");
        assertEquals(Health.Status.NO_PREEMPT, h.status(), "a cleanly undone failure does not preempt again");
        assertTrue(h.detail().startsWith("nfs takeover failed: exportfs failed: export directory"), h.detail());
    }

    @Test
    void failedServerStartUndoesBindMountAndPromotion() throws Exception {
        runner.on(ROLE, "Secondary\n").on(ROLE, "Primary\n").on(ROLE, "Primary\n").on(ROLE, "Secondary\n")
                .on("drbdadm primary r0", 0).on("drbdadm secondary r0", 0)
                .on(FIND_VOL, 1).on(FIND_VOL, 0).on(FIND_VOL, 0).on(FIND_VOL, 1)
                .on("mount -t xfs -o noatime /dev/drbd0 /srv/replicated", 0).on("umount /srv/replicated", 0)
                .on(FIND_REC, 1).on(FIND_REC, 0).on(FIND_REC, 0).on(FIND_REC, 1)
                .on("mount --bind " + state + " /var/lib/nfs/nfsdcld", 0).on("umount /var/lib/nfs/nfsdcld", 0)
                .on(ACTIVE, 3)
                .on("systemctl start nfs-server.service", 1, "",
                        "Job for nfs-server.service failed because the control process exited with error code.");
        HookReport r = hook.run(HookPhase.TAKEOVER, Fixtures.toMaster(), BUDGET);
        assertEquals(HookOutcome.FAILED, r.outcome());
        assertTrue(r.detail().startsWith("nfs-server.service failed: systemctl start nfs-server.service: exit 1: "
                + "Job for nfs-server.service failed"), r.detail());
        assertEquals(concat(takeoverSequence().subList(0, 11), List.of(
                ACTIVE,
                FIND_REC, "umount /var/lib/nfs/nfsdcld", FIND_REC,
                FIND_VOL, "umount /srv/replicated", FIND_VOL,
                ROLE, "drbdadm secondary r0", ROLE)), runner.calls());
    }

    @Test
    void failedMountDemotesAgain() throws Exception {
        runner.on(ROLE, "Secondary\n").on(ROLE, "Primary\n").on(ROLE, "Primary\n").on(ROLE, "Secondary\n")
                .on("drbdadm primary r0", 0).on("drbdadm secondary r0", 0)
                .on(FIND_VOL, 1)
                .on("mount -t xfs -o noatime /dev/drbd0 /srv/replicated", 32, "",
                        "mount: /srv/replicated: wrong fs type, bad option, bad superblock on /dev/drbd0.");
        HookReport r = hook.run(HookPhase.TAKEOVER, Fixtures.toMaster(), BUDGET);
        assertEquals(HookOutcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("exit 32: mount: /srv/replicated: wrong fs type"), r.detail());
        assertEquals(List.of(ROLE, "drbdadm primary r0", ROLE,
                FIND_VOL, "mount -t xfs -o noatime /dev/drbd0 /srv/replicated",
                FIND_VOL, ROLE, "drbdadm secondary r0", ROLE), runner.calls());
    }

    @Test
    void drbdIsNeverForcedUnlessConfigured() throws Exception {
        runner.on(ROLE, "Secondary/Secondary\n")
                .on("drbdadm primary r0", 11, "", "r0: State change failed: (-2) Need access to UpToDate data")
                .on(FIND_VOL, 1);
        HookReport r = hook.run(HookPhase.TAKEOVER, Fixtures.toMaster(), BUDGET);
        assertEquals(HookOutcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("drbdadm primary r0: exit 11: r0: State change failed"), r.detail());
        assertTrue(runner.calls().stream().noneMatch(c -> c.contains("--force")), runner.calls().toString());
    }

    @Test
    void busyVolumeBlocksTheNodeUntilCleared() throws Exception {
        runner.on(TABLE, "").on(ACTIVE, 3).on(FIND_REC, 1)
                .on(FIND_VOL, 0)
                .on("umount /srv/replicated", 32, "", "umount: /srv/replicated: target is busy.")
                .on(ROLE, "Primary\n")
                .on("drbdadm secondary r0", 11, "", "r0: State change failed: (-12) Device is held open by someone");
        HookReport r = hook.run(HookPhase.RELEASE, Fixtures.toBackup(), BUDGET);
        assertEquals(HookOutcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("umount /srv/replicated: exit 32: umount: /srv/replicated: target is busy. "
                + "(after 2 attempts; kill_holders is off)"), r.detail());
        assertEquals(List.of(TABLE, TABLE, ACTIVE, FIND_REC, FIND_VOL, "umount /srv/replicated",
                "umount /srv/replicated", ROLE, "drbdadm secondary r0"), runner.calls());
        assertTrue(runner.calls().stream().noneMatch(c -> c.startsWith("fuser")), "holders are not killed by default");

        Health h = hook.healthCheck().orElseThrow().check("VI_1", "BACKUP");
        assertEquals(Health.Status.UNFIT, h.status());
        assertTrue(h.detail().startsWith("nfs release incomplete: mount /srv/replicated: umount"), h.detail());

        runner.reset();
        HookReport refused = hook.run(HookPhase.TAKEOVER, Fixtures.toMaster(), BUDGET);
        assertEquals(HookOutcome.FAILED, refused.outcome());
        assertTrue(refused.detail().startsWith("an earlier release did not complete"), refused.detail());
        assertEquals(List.of(), runner.calls(), "a blocked node touches nothing on takeover");

        assertEquals(HookOutcome.OK, hook.runAction("clear", Fixtures.toBackup(), BUDGET).outcome());
        assertEquals(Health.Status.READY, hook.healthCheck().orElseThrow().check("VI_1", "BACKUP").status());
    }

    @Test
    void killsHoldersOnlyWhenConfigured() throws Exception {
        hook = Fixtures.hook("""
                backend: kernel
                state_dir: %s
                exports: [{path: %s, id: 7, clients: [192.0.2.0/24]}]
                mount: {device: /dev/sdb1, path: /srv/replicated}
                unmount: {retries: 0, kill_holders: true}
                """.formatted(state, share), runner, dir);
        runner.on(TABLE, "").on(ACTIVE, 3).on(FIND_REC, 1)
                .on(FIND_VOL, 0).on(FIND_VOL, 1)
                .on("umount /srv/replicated", 32, "", "umount: /srv/replicated: target is busy.")
                .on("umount /srv/replicated", 0)
                .on("fuser -k -m /srv/replicated", 0);
        HookReport r = hook.run(HookPhase.RELEASE, Fixtures.toBackup(), BUDGET);
        assertEquals(HookOutcome.OK, r.outcome(), r.detail());
        assertEquals(List.of(TABLE, TABLE, ACTIVE, FIND_REC, FIND_VOL, "umount /srv/replicated",
                "fuser -k -m /srv/replicated", "umount /srv/replicated", FIND_VOL), runner.calls());
    }

    @Test
    void releaseActionRetriesAndLiftsTheBlockOnSuccess() throws Exception {
        busyVolumeBlocksTheNodeUntilClearedSetup();
        runner.reset();
        runner.on(TABLE, "").on(ACTIVE, 3).on(FIND_REC, 1).on(FIND_VOL, 1).on(ROLE, "Secondary\n");
        HookReport r = hook.runAction("release", Fixtures.toBackup(), BUDGET);
        assertEquals(HookOutcome.OK, r.outcome(), r.detail());
        assertEquals(Health.Status.READY, hook.healthCheck().orElseThrow().check("VI_1", "BACKUP").status());
    }

    private void busyVolumeBlocksTheNodeUntilClearedSetup() throws Exception {
        runner.on(TABLE, "").on(ACTIVE, 3).on(FIND_REC, 1).on(FIND_VOL, 0)
                .on("umount /srv/replicated", 32, "", "umount: /srv/replicated: target is busy.")
                .on(ROLE, "Secondary\n");
        assertEquals(HookOutcome.FAILED, hook.run(HookPhase.RELEASE, Fixtures.toBackup(), BUDGET).outcome());
        assertEquals(Health.Status.UNFIT, hook.healthCheck().orElseThrow().check("VI_1", "BACKUP").status());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
