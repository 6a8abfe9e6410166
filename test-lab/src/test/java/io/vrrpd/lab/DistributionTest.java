package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The distribution for systems without RPM: the tarball holds the same tree as packaging/target/dist with
 * executable launchers; the vrrpctl completion (generated from the picocli model) completes subcommands and
 * options in bash; the unit asks for exactly the two capabilities. No root needed.
 */
class DistributionTest {

    private static Path root() {
        return RpmPackageTest.repositoryRoot();
    }

    /** {@code tar -tzvf}: entry name (without the top directory) to its mode string, e.g. {@code -rwxr-xr-x}. */
    private static Map<String, String> tarball() throws IOException {
        Path target = root().resolve("packaging/target");
        Path tgz;
        try (Stream<Path> s = Files.list(target)) {
            tgz = s.filter(p -> p.getFileName().toString().matches("vrrpd-.+\\.tar\\.gz")).findFirst().orElse(null);
        }
        assumeTrue(tgz != null, "no tarball in " + target + " (run mvn -B package first)");
        String listing = CommandRunner.run(Duration.ofSeconds(60), List.of("tar", "-tzvf", tgz.toString())).orThrow().stdout();
        Map<String, String> out = new TreeMap<>();
        for (String line : listing.split("\n")) {
            String[] f = line.trim().split("\\s+");
            String name = f[f.length - 1];
            int slash = name.indexOf('/');
            if (slash > 0 && slash < name.length() - 1) {
                out.put(name.substring(slash + 1), f[0]);
            }
        }
        return out;
    }

    @Test
    void tarballHoldsTheDistributionWithExecutableLaunchers() throws IOException {
        Map<String, String> t = tarball();
        assertEquals("-rwxr-xr-x", t.get("bin/vrrpd"), t.toString());
        assertEquals("-rwxr-xr-x", t.get("bin/vrrpctl"), t.toString());
        for (String f : List.of("conf/vrrpd.yaml", "conf/sysconfig/vrrpd", "conf/keepalived.conf.example",
                "systemd/vrrpd.service", "systemd/vrrpd.sysusers", "systemd/dropins/postgres-hook.conf",
                "systemd/dropins/nfs-hook.conf", "systemd/dropins/scripts-as-root.conf", "man/man8/vrrpd.8",
                "man/man8/vrrpctl.8", "man/man5/vrrpd.yaml.5", "completion/vrrpctl", "doc/README.md",
                "doc/configuration.md", "doc/systemd.md")) {
            assertEquals("-rw-r--r--", t.get(f), f + " in " + t.keySet());
        }
        assertTrue(t.keySet().stream().anyMatch(f -> f.matches("lib/vrrpd-[^/]+\\.jar")), t.keySet().toString());
        try (Stream<Path> jars = Files.list(root().resolve("packaging/target/dist/lib"))) {
            jars.forEach(j -> assertTrue(t.containsKey("lib/" + j.getFileName()), j.getFileName() + " not in the tarball"));
        }
    }

    @Test
    void completionCompletesSubcommandsAndTheirOptions() {
        Path completion = root().resolve("packaging/target/dist/completion/vrrpctl");
        assumeTrue(Files.isRegularFile(completion), "no " + completion + " (run mvn -B package first)");
        String script = "source '" + completion + "' 2>/dev/null\n"
                + "COMP_WORDS=(vrrpctl fa); COMP_CWORD=1; COMP_LINE='vrrpctl fa'; _complete_vrrpctl 2>/dev/null;"
                + " echo \"${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(vrrpctl status --); COMP_CWORD=2; COMP_LINE='vrrpctl status --'; _complete_vrrpctl 2>/dev/null;"
                + " echo \"${COMPREPLY[*]}\"\n";
        CommandResult r = CommandRunner.run(Duration.ofSeconds(20), List.of("bash", "-c", script)).orThrow();
        List<String> lines = r.stdout().lines().toList();
        assertEquals("failover", lines.get(0).strip(), r.stdout());
        assertTrue(List.of(lines.get(1).split(" ")).contains("--json"), r.stdout());
    }

    @Test
    void unitGrantsExactlyTheTwoCapabilitiesToAnUnprivilegedUser() throws IOException {
        String unit = Files.readString(root().resolve("systemd/units/vrrpd.service"), StandardCharsets.UTF_8);
        List<String> lines = unit.lines().map(String::strip).filter(l -> !l.startsWith("#")).toList();
        for (String expected : List.of("Type=notify", "User=vrrpd", "Group=vrrpd",
                "AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW", "CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_RAW",
                "NoNewPrivileges=yes", "LimitRTPRIO=1", "RestrictRealtime=no", "ExecReload=/usr/bin/vrrpctl reload", "WatchdogSec=10",
                "Environment=VRRPD_CONFIG=/etc/vrrpd/vrrpd.yaml", "EnvironmentFile=-/etc/sysconfig/vrrpd")) {
            assertTrue(lines.contains(expected), "vrrpd.service lacks " + expected);
        }
        assertEquals(1, lines.stream().filter(l -> l.startsWith("AmbientCapabilities=")).count());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("CapabilityBoundingSet=")).count());
    }
}
