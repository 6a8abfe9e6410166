package io.vrrpd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived.conf syntax as keepalived reads it: comments, braces, includes, quoting, script lines. */
class KeepalivedParserTest {
    @TempDir
    Path dir;

    private static final String VIP = "virtual_ipaddress {\n192.0.2.100\n}\n";

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private LoadedConfig load(String text) throws Exception {
        return ConfigLoader.load(write("keepalived.conf", text));
    }

    private static List<String> lines(List<Diagnostic> ds) {
        return ds.stream().map(Diagnostic::toString).toList();
    }

    @Test
    void commentsEndLinesOutsideQuotesOnly() throws Exception {
        LoadedConfig l = load("! header\n# another\nvrrp_instance VI_1 { # trailing\ninterface eth0 ! why\n"
                + "virtual_router_id 7 # seven\nnotify_master \"/usr/libexec/x.sh #1 !2\"\n" + VIP + "}\n");
        InstanceConfig i = l.config().instances().get(0);
        assertEquals(7, i.vrid());
        assertEquals("eth0", i.interfaceName());
        assertEquals(List.of("/usr/libexec/x.sh", "#1", "!2"), i.notifications().master().orElseThrow().argv());
        assertEquals(List.of(), l.warnings());
    }

    @Test
    void bracesMayBeAnywhere() throws Exception {
        LoadedConfig l = load("vrrp_instance VI_1\n{\ninterface eth0\nvirtual_router_id 7\nauthentication\n{\n"
                + "auth_type PASS\nauth_pass secret}\nvirtual_ipaddress { 192.0.2.100/24 dev eth1 }\n}");
        InstanceConfig i = l.config().instances().get(0);
        assertEquals(new Auth(AuthType.PASS, "secret"), i.auth());
        assertEquals("192.0.2.100/24 dev eth1", i.virtualIps().get(0).toString());
    }

    @Test
    void includesExpandGlobsInOrderRelativeToTheIncludingFile() throws Exception {
        write("conf.d/b.conf", "vrrp_instance VI_B {\ninterface eth0\nvirtual_router_id 2\n" + VIP
                + "include ../tracks/*.inc\n}\n");
        write("conf.d/a.conf", "vrrp_instance VI_A {\ninterface eth0\nvirtual_router_id 1\n" + VIP + "}\n");
        write("conf.d/ignored.txt", "this is not included\n");
        write("tracks/t.inc", "track_interface {\neth1 weight -20\n}\n");
        LoadedConfig l = load("include conf.d/*.conf\n");
        assertEquals(List.of("VI_A", "VI_B"), l.config().instances().stream().map(InstanceConfig::name).toList());
        assertEquals(List.of(new Tracked("eth1", OptionalInt.of(-20))),
                l.config().instances().get(1).trackInterfaces());
    }

    @Test
    void errorsInsideIncludedFilesNameThatFileAndLine() throws Exception {
        write("conf.d/x.conf", "vrrp_instance VI_X {\ninterface eth0\nvirtual_router_id 256\n" + VIP + "}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load("include conf.d/x.conf\n"));
        assertEquals(List.of("conf.d/x.conf:3: virtual_router_id must be 1..255 (was 256)"), lines(e.errors()));
    }

    @Test
    void includeMatchingNothingIsAWarning() throws Exception {
        LoadedConfig l = load("include missing/*.conf\nvrrp_instance VI_1 {\ninterface eth0\n"
                + "virtual_router_id 7\n" + VIP + "}\n");
        assertEquals(List.of("keepalived.conf:1: include missing/*.conf matches no file"), lines(l.warnings()));
    }

    @Test
    void quotedScriptIsSplitIntoArgvWithEscapes() throws Exception {
        LoadedConfig l = load("vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 7\n" + VIP
                + "notify_master \"/usr/libexec/vrrpd/notify.sh --reason \\\"lost peer\\\" 'a b'\" postgres\n}\n");
        Script s = l.config().instances().get(0).notifications().master().orElseThrow();
        assertEquals(List.of("/usr/libexec/vrrpd/notify.sh", "--reason", "lost peer", "a b"), s.argv());
        assertEquals(Optional.of("postgres"), s.user());
        assertEquals(List.of(), l.warnings());
    }

    @Test
    void unquotedScriptTakesTokensTwoAndThreeAsUserAndGroupWithAWarning() throws Exception {
        LoadedConfig l = load("vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 7\n" + VIP
                + "notify_backup /usr/libexec/vrrpd/notify_backup.sh arg grp\n}\n");
        Script s = l.config().instances().get(0).notifications().backup().orElseThrow();
        assertEquals(new Script(List.of("/usr/libexec/vrrpd/notify_backup.sh"), Optional.of("arg"),
                Optional.of("grp")), s);
        assertEquals(1, l.warnings().size());
        String w = l.warnings().get(0).toString();
        assertTrue(w.startsWith("keepalived.conf:7: notify_backup "), w);
        assertTrue(w.contains("as user 'arg'") && w.contains("quote the whole command"), w);
    }

    @Test
    void unknownKeywordWarnsButUnknownBlockFails() throws Exception {
        String inst = "vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 7\n" + VIP + "}\n";
        LoadedConfig l = load("global_defs {\nvrrp_strict\n}\n" + inst);
        assertEquals(List.of("keepalived.conf:2: unknown keyword 'vrrp_strict' ignored"), lines(l.warnings()));
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("global_defs {\nfrobnicate {\nx 1\n}\n}\n" + inst));
        assertEquals(List.of("keepalived.conf:2: unknown block 'frobnicate'"), lines(e.errors()));
    }

    @Test
    void longAuthPassIsTruncatedToEightWithAWarning() throws Exception {
        LoadedConfig l = load("vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 7\n" + VIP
                + "authentication {\nauth_type PASS\nauth_pass LONGPASSWORD\n}\n}\n");
        assertEquals(new Auth(AuthType.PASS, "LONGPASS"), l.config().instances().get(0).auth());
        assertEquals(List.of("keepalived.conf:9: auth_pass is longer than 8 characters; like keepalived, only"
                + " 'LONGPASS' is used (RFC 3768 §5.3.10)"), lines(l.warnings()));
    }

    @Test
    void stateMasterWithoutPriorityMeansOwnerPriority255() throws Exception {
        LoadedConfig l = load("vrrp_instance VI_1 {\nstate MASTER\ninterface eth0\nvirtual_router_id 7\n" + VIP
                + "}\nvrrp_instance VI_2 {\ninterface eth0\nvirtual_router_id 8\n" + VIP + "}\n");
        assertEquals(255, l.config().instances().get(0).priority());
        assertEquals(100, l.config().instances().get(1).priority());
    }

    @Test
    void nopreemptWithStateMasterWarnsAndIsCleared() throws Exception {
        LoadedConfig l = load("vrrp_instance VI_1 {\nstate MASTER\nnopreempt\ninterface eth0\n"
                + "virtual_router_id 7\n" + VIP + "}\n");
        assertTrue(l.config().instances().get(0).preempt());
        assertEquals(1, l.warnings().size());
        assertTrue(l.warnings().get(0).toString().startsWith("keepalived.conf:3: nopreempt has no effect"));
    }

    @Test
    void nopreemptWithPriority255WarnsAndIsCleared() throws Exception {
        LoadedConfig l = load("vrrp_instance VI_1 {\npriority 255\nnopreempt\ninterface eth0\n"
                + "virtual_router_id 7\n" + VIP + "}\n");
        assertTrue(l.config().instances().get(0).preempt());
        assertEquals(List.of("keepalived.conf:3: nopreempt has no effect with priority 255 (the address owner"
                + " always preempts, RFC 3768 §6.1)"), lines(l.warnings()));
    }

    @Test
    void nopreemptOnABackupIsKept() throws Exception {
        LoadedConfig l = load("vrrp_instance VI_1 {\nnopreempt\ninterface eth0\nvirtual_router_id 7\n" + VIP + "}\n");
        assertEquals(false, l.config().instances().get(0).preempt());
        assertEquals(List.of(), l.warnings());
    }

    @Test
    void fractionalAdvertIntIsRoundedForVersion2AndKeptForVersion3() throws Exception {
        LoadedConfig v2 = load("vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 7\nadvert_int 1.5\n"
                + VIP + "}\n");
        assertEquals(Duration.ofSeconds(2), v2.config().instances().get(0).advertInterval());
        assertEquals(1, v2.warnings().size());
        LoadedConfig v3 = load("global_defs {\nvrrp_version 3\n}\nvrrp_instance VI_1 {\ninterface eth0\n"
                + "virtual_router_id 7\nadvert_int 0.5\n" + VIP + "}\n");
        assertEquals(50, v3.config().instances().get(0).advertIntervalCentis());
        assertEquals(3, v3.config().instances().get(0).version());
    }

    @Test
    void everyErrorIsReportedNotJustTheFirst() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load("vrrp_instance VI_1 {\n"
                + "interface eth0\nvirtual_router_id 300\npriority 0\n" + VIP + "track_script {\nnope\n}\n}\n"));
        assertEquals(List.of("keepalived.conf:3: virtual_router_id must be 1..255 (was 300)",
                "keepalived.conf:4: priority must be 1..255 (was 0)",
                "keepalived.conf:9: track_script nope refers to undefined vrrp_script 'nope'"), lines(e.errors()));
        assertTrue(!e.unreadable());
    }

    @Test
    void scriptsTracksAndSyncGroupsAreRead() throws Exception {
        LoadedConfig l = load("vrrp_script chk_pg {\nscript \"/usr/bin/pg_isready -q\"\ninterval 2\n"
                + "timeout 1\nweight -30\nrise 2\nfall 3\nuser postgres\n}\n"
                + "vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 7\n" + VIP
                + "track_script {\nchk_pg weight -40\n}\nunicast_src_ip 192.0.2.1\nunicast_peer {\n192.0.2.2\n}\n}\n"
                + "vrrp_sync_group G {\ngroup {\nVI_1\n}\nnotify_master /usr/libexec/g.sh\n}\n");
        VrrpdConfig c = l.config();
        assertEquals(new TrackScript("chk_pg", new Script(List.of("/usr/bin/pg_isready", "-q"),
                Optional.of("postgres"), Optional.empty()), Duration.ofSeconds(2), Duration.ofSeconds(1), -30, 2, 3),
                c.scripts().get("chk_pg"));
        InstanceConfig i = c.instances().get(0);
        assertEquals(List.of(new Tracked("chk_pg", OptionalInt.of(-40))), i.trackScripts());
        assertEquals("192.0.2.2", i.unicastPeers().get(0).getHostAddress());
        assertEquals(List.of("VI_1"), c.syncGroups().get(0).instances());
        assertEquals(Optional.of(Script.of("/usr/libexec/g.sh")), c.syncGroups().get(0).notifications().master());
    }
}
