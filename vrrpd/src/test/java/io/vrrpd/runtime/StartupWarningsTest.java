package io.vrrpd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.config.ConfigLoader;
import io.vrrpd.config.VrrpdConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupWarningsTest {
    @TempDir
    Path dir;

    private VrrpdConfig load(String instanceExtra, String outside) throws Exception {
        String conf = outside + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
                + " virtual_ipaddress {\n 192.0.2.100\n }\n" + instanceExtra + "}\n";
        return ConfigLoader.parse(dir.resolve("keepalived.conf"), conf).config();
    }

    @Test
    void missingAndNonExecutableNotifyScriptsAreNamed() throws Exception {
        Path ok = Files.createFile(dir.resolve("ok.sh"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path plain = Files.createFile(dir.resolve("plain.sh"));
        VrrpdConfig c = load(" notify_master " + ok + "\n notify_backup " + plain + "\n notify_fault "
                + dir.resolve("absent.sh") + "\n notify_stop logger\n", "");
        List<String> problems = ScriptPaths.problems(c);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("notify_backup script " + plain + " is not executable"), problems.get(0));
        assertTrue(problems.get(1).contains("notify_fault script " + dir.resolve("absent.sh") + " does not exist"),
                problems.get(1));
    }

    @Test
    void missingScriptHookProgramIsNamedWithItsPath() throws Exception {
        VrrpdConfig c = ConfigLoader.parse(dir.resolve("vrrpd.yaml"), "instances:\n  VI_1:\n    interface: eth0\n"
                + "    vrid: 51\n    virtual_ips: [192.0.2.100]\n    hooks:\n      - {type: script, phase: takeover,"
                + " command: [" + dir.resolve("promote.sh") + "]}\n").config();
        List<String> problems = ScriptPaths.problems(c);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("instances.VI_1.hooks[0] (takeover hook) script " + dir.resolve("promote.sh")
                + " does not exist"), problems.get(0));
    }

    @Test
    void healthChecksThatAreNotActedOnYetAreAnnounced() throws Exception {
        VrrpdConfig c = load(" track_script {\n chk_pg\n }\n smtp_alert\n",
                "vrrp_script chk_pg {\n script \"/bin/true\"\n}\n");
        List<String> found = NotYetActive.find(c);
        assertEquals(1, found.size(), "track_script is acted on now: " + found);
        assertTrue(found.get(0).contains("smtp_alert"), found.get(0));
        assertTrue(NotYetActive.find(load("", "")).isEmpty());
    }
}
