package io.vrrpd.hooks.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookOutcome;
import io.vrrpd.hooks.HookPhase;
import io.vrrpd.hooks.HookReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ganesha backend without ganesha: the rendered config and the checks made before it starts. */
class GaneshaBackendTest {
    @TempDir
    Path dir;

    @Test
    void rendersNfsV4OnlyWithShortGraceSharedRecoveryAndOneScope() throws Exception {
        String conf = GaneshaConfig.render(NfsSettingsReader.read(Fixtures.settings(NfsSettingsReaderTest.CONTRACT),
                "VI_1"));
        for (String line : List.of("Protocols = 4;", "Enable_UDP = false;", "Enable_NLM = false;",
                "Grace_Period = 10;", "Lease_Lifetime = 10;", "Minor_Versions = 0, 1, 2;", "RecoveryBackend = fs;",
                "RecoveryRoot = \"/srv/replicated/.nfs-state\";", "Server_Scope = \"vrrpd-VI_1\";",
                "Export_Id = 1;", "Path = \"/srv/replicated/share\";", "Pseudo = \"/share\";",
                "Squash = Root_Squash;", "Name = VFS;", "Clients = 192.0.2.0/24;", "Access_Type = RW;")) {
            assertTrue(conf.contains(line), "missing " + line + " in\n" + conf);
        }
        // Listening on every address: ganesha starts before the VIP exists.
        assertFalse(conf.contains("Bind_addr"), conf);
    }

    @Test
    void nodeLocalFilesLiveInTheRuntimeDirectory() {
        GaneshaConfig.Files f = GaneshaConfig.Files.in(Path.of("/run/vrrpd"), "VI_1");
        assertEquals(Path.of("/run/vrrpd/nfs-VI_1/ganesha.pid"), f.pid());
        assertEquals(Path.of("/run/vrrpd/nfs-VI_1/ganesha.log"), f.log());
        assertEquals(Path.of("/run/vrrpd/nfs-VI_1/ganesha.conf"), f.conf());
    }

    @Test
    void aMissingExportDirectoryFailsBeforeGaneshaStartsAndStartsNothing() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        Path state = dir.resolve("state-dir");
        Hook hook = Fixtures.hook("""
                backend: ganesha
                state_dir: %s
                exports: [{path: %s, id: 1, pseudo: /share, clients: [192.0.2.0/24], access: rw}]
                """.formatted(state, dir.resolve("no-such-share")), runner, dir);
        HookReport r = hook.run(HookPhase.TAKEOVER, Fixtures.toMaster(), Duration.ofSeconds(30));
        assertEquals(HookOutcome.FAILED, r.outcome());
        assertEquals("ganesha failed: export directory " + dir.resolve("no-such-share") + " (id 1) is missing; "
                + "undone: ganesha, recovery state " + state, r.detail());
        assertEquals(List.of(), runner.calls());
        assertFalse(Files.exists(dir.resolve("run/nfs-VI_1/ganesha.pid")));
    }

    @Test
    void ganeshasReasonForDyingIsItsFirstRealCritAndItsFatal() {
        String log = """
                30/11/2026 : epoch 1 : vm : nfs-ganesha-1[main] gsh_dbus_pkginit :DBUS :CRIT :dbus_bus_get failed
                30/11/2026 : epoch 1 : vm : nfs-ganesha-1[main] config_errs_to_log :CONFIG :CRIT :Config File (/run/g.conf:7): No IP address found for 0.0.0.0
                30/11/2026 : epoch 1 : vm : nfs-ganesha-1[main] config_errs_to_log :CONFIG :CRIT :Config File (/run/g.conf:1): 1 errors
                30/11/2026 : epoch 1 : vm : nfs-ganesha-1[main] main :NFS STARTUP :FATAL :Fatal errors.  Server exiting...
                """;
        assertEquals("Config File (/run/g.conf:7): No IP address found for 0.0.0.0; Fatal errors.  Server exiting...",
                GaneshaServer.lastProblem(log));
    }
}
