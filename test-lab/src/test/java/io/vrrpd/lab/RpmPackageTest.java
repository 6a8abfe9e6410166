package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built RPM as {@code rpm -qp} sees it: every file at its path with its mode and owner, the
 * {@code %config(noreplace)} files marked, the scriptlets (no restart on upgrade), the Java requirement,
 * and rpmlint without errors. Needs no root; skipped, saying why, where rpm is not installed or no RPM
 * was built (rpmbuild missing: scripts/install-lab-deps.sh installs both).
 */
class RpmPackageTest {

    private static RpmPackage rpm;
    private static Map<String, RpmPackage.Entry> files;

    @BeforeAll
    static void findPackage() {
        assumeTrue(LabPrerequisites.find("rpm").isPresent(), "rpm is not installed (apt-get install rpm)");
        Optional<RpmPackage> found = RpmPackage.find();
        assumeTrue(found.isPresent(), "no RPM in packaging/target/rpm: rpmbuild was missing when packaging was built");
        rpm = found.get();
        files = rpm.entries();
    }

    private static RpmPackage.Entry file(String path) {
        RpmPackage.Entry e = files.get(path);
        assertTrue(e != null, path + " is not in " + rpm + "; it has " + files.keySet());
        return e;
    }

    private static void assertFile(String path, String mode, String user, String group) {
        RpmPackage.Entry e = file(path);
        assertEquals(mode, e.mode(), path + " mode");
        assertEquals(user + ":" + group, e.user() + ":" + e.group(), path + " owner");
        assertTrue(e.size() > 0, path + " is empty");
    }

    @Test
    void nameSaysVersionReleaseAndNoarch() {
        String name = rpm.file().getFileName().toString();
        assertTrue(name.matches("vrrpd-\\d+(\\.\\d+)*-[0-9A-Za-z._]+\\.noarch\\.rpm"), name);
        assertFalse(name.contains("SNAPSHOT"), "Maven's -SNAPSHOT is no RPM version: " + name);
        assertEquals("noarch", rpm.query("--queryformat", "%{ARCH}"));
    }

    @Test
    void distributionLaunchersAndTheirLinks() {
        assertFile("/usr/lib/vrrpd/bin/vrrpd", "100755", "root", "root");
        assertFile("/usr/lib/vrrpd/bin/vrrpctl", "100755", "root", "root");
        List<String> jars = files.keySet().stream().filter(p -> p.startsWith("/usr/lib/vrrpd/lib/")).toList();
        assertTrue(jars.stream().anyMatch(p -> p.matches("/usr/lib/vrrpd/lib/vrrpd-[^/]+\\.jar")), jars.toString());
        assertTrue(jars.stream().anyMatch(p -> p.matches("/usr/lib/vrrpd/lib/picocli-[^/]+\\.jar")), jars.toString());
        jars.forEach(j -> assertEquals("100644", file(j).mode(), j));
        // Relative links, so an rpm --root tree works as well as /.
        assertEquals("../lib/vrrpd/bin/vrrpd", file("/usr/sbin/vrrpd").linkTo());
        assertEquals("120777", file("/usr/sbin/vrrpd").mode());
        assertEquals("../lib/vrrpd/bin/vrrpctl", file("/usr/bin/vrrpctl").linkTo());
    }

    @Test
    void configurationIsConfigNoreplaceAndTheYamlReadableByTheDaemonsGroupOnly() {
        assertFile("/etc/vrrpd/vrrpd.yaml", "100640", "root", "vrrpd");
        assertFile("/etc/sysconfig/vrrpd", "100644", "root", "root");
        for (String conf : List.of("/etc/vrrpd/vrrpd.yaml", "/etc/sysconfig/vrrpd")) {
            assertTrue(file(conf).config() && file(conf).noreplace(), conf + " flags " + file(conf).flags());
        }
        List<String> configs = files.values().stream().filter(RpmPackage.Entry::config).map(RpmPackage.Entry::path).toList();
        assertEquals(List.of("/etc/sysconfig/vrrpd", "/etc/vrrpd/vrrpd.yaml"), configs.stream().sorted().toList());
        assertEquals("/etc/sysconfig/vrrpd\n/etc/vrrpd/vrrpd.yaml", rpm.query("-c").strip());
    }

    @Test
    void unitSysusersManPagesAndCompletion() {
        assertFile("/usr/lib/systemd/system/vrrpd.service", "100644", "root", "root");
        assertFile("/usr/lib/sysusers.d/vrrpd.conf", "100644", "root", "root");
        assertFile("/usr/share/man/man8/vrrpd.8.gz", "100644", "root", "root");
        assertFile("/usr/share/man/man8/vrrpctl.8.gz", "100644", "root", "root");
        assertFile("/usr/share/man/man5/vrrpd.yaml.5.gz", "100644", "root", "root");
        assertFile("/usr/share/bash-completion/completions/vrrpctl", "100644", "root", "root");
        assertTrue(file("/usr/share/doc/vrrpd/dropins/postgres-hook.conf").flags().contains("d"));
        assertTrue(file("/usr/share/doc/vrrpd/dropins/nfs-hook.conf").flags().contains("d"));
        String list = rpm.query("-l");
        for (String path : List.of("/usr/sbin/vrrpd", "/usr/bin/vrrpctl", "/etc/vrrpd/vrrpd.yaml",
                "/usr/lib/systemd/system/vrrpd.service", "/usr/share/man/man5/vrrpd.yaml.5.gz")) {
            assertTrue(list.lines().anyMatch(path::equals), "rpm -qpl lacks " + path);
        }
        files.values().stream().filter(e -> e.mode().startsWith("100") && !e.flags().contains("g"))
                .forEach(e -> assertTrue(e.size() > 0, e.path() + " is a zero-length file"));
    }

    /**
     * vrrpctl's class-data-sharing archive is valid only for the JVM and the absolute jar paths it was made
     * with, so the package ships none: %post makes it on the installed tree (InstalledRpmIT runs that line
     * and checks vrrpctl's classes then come from it), a file trigger again when a JVM is installed or
     * updated, and rpm owns it as %ghost so an erase removes it.
     */
    @Test
    void vrrpctlsStartUpArchiveIsMadeOnTheInstalledTreeNotShipped() {
        String build = "/usr/lib/vrrpd/bin/vrrpctl __cds-build";
        assertTrue(scriptlets().get("postinstall").contains("timeout 120 " + build), scriptlets().get("postinstall"));
        String triggers = rpm.query("--filetriggers");
        assertTrue(triggers.contains("transfiletriggerin") && triggers.contains("-- /usr/lib/jvm")
                && triggers.contains(build), triggers);
        for (String ghost : List.of("/usr/lib/vrrpd/lib/vrrpctl.jsa", "/usr/lib/vrrpd/lib/vrrpctl.jsa.for")) {
            RpmPackage.Entry e = file(ghost);
            assertTrue(e.flags().contains("g"), ghost + " is shipped, not %ghost: flags " + e.flags());
            assertEquals("100644", e.mode(), ghost + " mode");
            assertEquals(0, e.size(), ghost + " has content in the package");
        }
    }

    @Test
    void requiresAJava17HeadlessRuntime() {
        // Each of RHEL's OpenJDK 17+ packages provides java-NN-headless (java-headless only the system JDK's).
        assertTrue(rpm.query("--requires").lines()
                .anyMatch("(java-21-headless or java-17-headless or java-25-headless)"::equals), rpm.query("--requires"));
    }

    /** The scriptlets as {@code rpm -qp --scripts} prints them, by name ({@code preinstall}, ...). */
    private static Map<String, String> scriptlets() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\w+) scriptlet \\(using [^)]*\\):\\n").matcher(rpm.query("--scripts"));
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            spans.add(new int[] {m.start(), m.end()});
        }
        String text = rpm.query("--scripts");
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
            out.put(names.get(i), text.substring(spans.get(i)[1], end));
        }
        return out;
    }

    @Test
    void scriptletsCreateTheUserFollowTheSystemdMacrosAndNeverRestartOnUpgrade() {
        Map<String, String> s = scriptlets();
        assertEquals(List.of("preinstall", "postinstall", "preuninstall", "postuninstall"), List.copyOf(s.keySet()));
        assertTrue(s.get("preinstall").contains("useradd -r -g vrrpd"), s.get("preinstall"));
        assertTrue(s.get("postinstall").contains("systemctl --no-reload preset vrrpd.service"), s.get("postinstall"));
        assertTrue(s.get("postinstall").contains("one node at a time"), "the upgrade text: " + s.get("postinstall"));
        assertTrue(s.get("preuninstall").contains("systemctl --no-reload disable --now vrrpd.service"), s.get("preuninstall"));
        assertTrue(s.get("postuninstall").contains("systemctl daemon-reload"), s.get("postuninstall"));
        // No scriptlet restarts the service: neither systemctl (try-)restart nor systemd-update-helper's
        // mark-restart that %systemd_postun_with_restart expands to on newer systems.
        s.forEach((name, body) -> body.lines()
                .filter(l -> l.strip().startsWith("systemctl") || l.contains("systemd-update-helper"))
                .forEach(l -> assertFalse(l.contains("restart"), name + " restarts vrrpd: " + l)));
        assertFalse(rpm.query("--scripts").contains("try-restart"));
        assertFalse(rpm.query("--scripts").contains("mark-restart"));
    }

    @Test
    void rpmlintFindsNoErrorAndEveryWarningIsJustifiedInTheSpec() throws IOException {
        assumeTrue(LabPrerequisites.find("rpmlint").isPresent(), "rpmlint is not installed (apt-get install rpmlint)");
        Path root = repositoryRoot();
        CommandResult r = CommandRunner.run(Duration.ofSeconds(120), List.of("rpmlint", "-c",
                root.resolve("packaging/rpmlint.toml").toString(), rpm.file().toString()));
        String out = r.stdout() + r.stderr();
        assertTrue(out.contains(" 0 errors,"), "rpmlint:\n" + out);
        assertEquals(0, r.exitCode(), "rpmlint:\n" + out);
        String spec = Files.readString(root.resolve("packaging/vrrpd.spec"), StandardCharsets.UTF_8);
        Matcher w = Pattern.compile("(?m)^vrrpd\\.noarch: W: ([\\w-]+)").matcher(out);
        while (w.find()) {
            assertTrue(spec.contains("# - " + w.group(1)) || spec.contains(", " + w.group(1) + ":")
                    || spec.contains(" " + w.group(1) + ":"), "warning " + w.group(1) + " is not justified in vrrpd.spec");
        }
    }

    static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("packaging/vrrpd.spec"))) {
                return d;
            }
        }
        throw new LabException("no packaging/vrrpd.spec above " + Path.of("").toAbsolutePath());
    }
}
