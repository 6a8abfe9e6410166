package io.vrrpd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two keepalived.conf files of the original deployment read to their full model, and convert back. */
class SeedConfigTest {
    static Path seed(String name) throws Exception {
        return Path.of(SeedConfigTest.class.getResource("/config/seed/" + name).toURI());
    }

    static Globals seedGlobals() {
        return new Globals(Optional.of("CCC_DB_MONITOR"), List.of(), Optional.of("vrrpd@example.org"),
                Optional.of("192.0.2.25"), 25, Duration.ofSeconds(30), Optional.empty(), false, Optional.empty(),
                Optional.empty(), false, Duration.ZERO, Garp.DEFAULTS, 2);
    }

    static InstanceConfig seedInstance(InitialState state, int priority, Notify notify) throws Exception {
        VirtualIp vip = new VirtualIp(InetAddress.getByName("192.0.2.100"), 32, "eth0", Optional.empty(),
                Optional.empty());
        return new InstanceConfig("VI_1", state, "eth0", 51, priority, Duration.ofSeconds(1), 2, true,
                Duration.ZERO, new Auth(AuthType.PASS, "PASSWORD"), List.of(vip), List.of(), List.of(), List.of(),
                List.of(), notify, false, Garp.DEFAULTS, Optional.empty(), List.of());
    }

    static VrrpdConfig expectedPrimary() throws Exception {
        return new VrrpdConfig(seedGlobals(), List.of(seedInstance(InitialState.MASTER, 101, Notify.NONE)),
                Map.of(), Map.of(), List.of());
    }

    static VrrpdConfig expectedStandby() throws Exception {
        Notify notify = new Notify(Optional.of(Script.of("/usr/libexec/vrrpd/notify_master.sh")),
                Optional.of(Script.of("/usr/libexec/vrrpd/notify_backup.sh")), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        return new VrrpdConfig(seedGlobals(), List.of(seedInstance(InitialState.BACKUP, 100, notify)), Map.of(),
                Map.of(), List.of());
    }

    @Test
    void primaryReadsToTheFullModelWithoutWarnings() throws Exception {
        LoadedConfig l = ConfigLoader.load(seed("db-primary.conf"));
        assertEquals(expectedPrimary(), l.config());
        assertEquals(List.of(), l.warnings());
    }

    @Test
    void standbyReadsToTheFullModelWithNotifyScripts() throws Exception {
        LoadedConfig l = ConfigLoader.load(seed("db-standby.conf"));
        assertEquals(expectedStandby(), l.config());
        assertEquals(List.of(), l.warnings());
        assertEquals(List.of("/usr/libexec/vrrpd/notify_master.sh"),
                l.config().instances().get(0).notifications().master().orElseThrow().argv());
    }

    @Test
    void theFastFailoverPairIsTheSeedAsVersion3At100msWithoutWarnings() throws Exception {
        for (String f : List.of("primary", "standby")) {
            LoadedConfig v3 = ConfigLoader.load(seed("db-" + f + "-v3.conf"));
            LoadedConfig v2 = ConfigLoader.load(seed("db-" + f + ".conf"));
            assertEquals(List.of(), v3.warnings(), f);
            InstanceConfig fast = v3.config().instances().get(0);
            InstanceConfig seed = v2.config().instances().get(0);
            assertEquals(3, fast.version(), f);
            assertEquals(10, fast.advertIntervalCentis(), f);
            // Everything else is the seed's: same VRID, priority, VIP, notify scripts.
            assertEquals(seed.vrid(), fast.vrid());
            assertEquals(seed.priority(), fast.priority());
            assertEquals(seed.virtualIps(), fast.virtualIps());
            assertEquals(seed.notifications(), fast.notifications());
        }
    }

    @Test
    void seedFilesKeepTheOriginalUnindentedFormatting() throws Exception {
        for (String f : List.of("db-primary.conf", "db-standby.conf")) {
            String text = Files.readString(seed(f), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("! Configuration File for keepalived\nglobal_defs {\nnotification_email {\n}\n"));
            assertTrue(text.lines().noneMatch(line -> line.startsWith(" ")), f);
        }
    }

    @Test
    void convertThenReadBackGivesAnEqualModel(@TempDir Path tmp) throws Exception {
        for (String f : List.of("db-primary.conf", "db-standby.conf")) {
            CliRun r = CliRun.vrrpctl("convert", seed(f).toString());
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("", r.err());
            Path yaml = tmp.resolve(f.replace(".conf", ".yaml"));
            Files.writeString(yaml, r.out(), StandardCharsets.UTF_8);
            LoadedConfig back = ConfigLoader.load(yaml);
            assertEquals(ConfigLoader.load(seed(f)).config(), back.config(), f);
            assertEquals(List.of(), back.warnings());
        }
    }

    @Test
    void checkConfigSummarisesEachInstanceAndExitsZero() throws Exception {
        CliRun r = CliRun.vrrpd("--check-config", "--config", seed("db-standby.conf").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("instance VI_1: interface eth0, vrid 51, priority 100, state BACKUP,"
                + " advert_int 1s, auth PASS, version 2"), r.out());
        assertTrue(r.out().contains("  vip 192.0.2.100/32 dev eth0"), r.out());
        assertTrue(r.out().contains("  notify master: /usr/libexec/vrrpd/notify_master.sh"), r.out());
        assertTrue(r.out().contains("  notify backup: /usr/libexec/vrrpd/notify_backup.sh"), r.out());
        // The seed's notify scripts are not installed on a build machine: check-config says so, as keepalived does.
        java.nio.file.Path script = java.nio.file.Path.of("/usr/libexec/vrrpd/notify_master.sh");
        if (!java.nio.file.Files.exists(script)) {
            assertTrue(r.err().contains("warning: (VI_1) notify_master script " + script + " does not exist"), r.err());
        }
        assertEquals(r.err().lines().count(), r.err().lines().filter(l -> l.startsWith("warning: ")).count(), r.err());
    }

    @Test
    void missingFileExitsNoInputWithOneLine() {
        CliRun r = CliRun.vrrpd("--check-config", "--config", "/nonexistent/vrrpd.conf");
        assertEquals(66, r.exitCode());
        assertEquals("/nonexistent/vrrpd.conf: cannot read configuration: no such file", r.err().strip());
        assertFalse(r.hasStackTrace());
    }

    @Test
    void badArgumentsExitUsage() {
        CliRun r = CliRun.vrrpd("--no-such-option");
        assertEquals(64, r.exitCode());
        assertTrue(r.err().contains("Usage: vrrpd"), r.err());
        assertEquals(64, CliRun.vrrpctl().exitCode());
        assertEquals(64, CliRun.vrrpctl("convert").exitCode());
    }

    @Test
    void daemonModeWithABrokenConfigExitsConfigBeforeTouchingTheNetwork() throws Exception {
        // Never start the daemon on a valid config here: it would speak VRRP on the host's own interfaces.
        Path broken = Path.of(SeedConfigTest.class.getResource("/config/broken/vrid-out-of-range.conf").toURI());
        CliRun r = CliRun.vrrpd("--config", broken.toString(), "--control-socket", "/nonexistent/vrrpd.sock");
        assertEquals(78, r.exitCode());
        assertTrue(r.err().contains("virtual_router_id must be 1..255"), r.err());
    }

    @Test
    void convertOfABrokenFileExitsConfig() throws Exception {
        Path broken = Path.of(SeedConfigTest.class.getResource("/config/broken/vrid-out-of-range.conf").toURI());
        CliRun r = CliRun.vrrpctl("convert", broken.toString());
        assertEquals(78, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().contains("vrid-out-of-range.conf:4: virtual_router_id must be 1..255 (was 300)"));
    }
}
