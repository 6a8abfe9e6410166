package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The RPM installed with {@code rpm --root} into a scratch root, run from there: the installed
 * {@code /usr/sbin/vrrpd} accepts the installed {@code /etc/vrrpd/vrrpd.yaml} (and the example in it once
 * uncommented), {@code systemd-analyze verify} accepts the installed unit, and the installed launchers run
 * the seed's database pair, whose backup takes the VIP when the master is SIGKILLed.
 */
@LabTest
class InstalledRpmIT {

    /** Master-down interval at priority 100 (3 x 1 s + skew 0.61 s) plus a JVM-free margin for the load. */
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(6);

    /** Installs the RPM under {@code <lab dir>/root}; skips the test when no RPM was built. */
    static Path installedRoot(Lab lab) {
        Optional<RpmPackage> rpm = RpmPackage.find();
        assumeTrue(rpm.isPresent(), "no RPM in packaging/target/rpm: rpmbuild was missing when packaging was built"
                + " (scripts/install-lab-deps.sh installs it)");
        Path root = lab.dir().resolve("root");
        rpm.get().installInto(root);
        return root;
    }

    @Test
    void installedVrrpdAcceptsTheInstalledConfigurationAndSystemdTheInstalledUnit(Lab lab) throws IOException {
        Path root = installedRoot(lab);
        Path vrrpd = root.resolve("usr/sbin/vrrpd");
        Path yaml = root.resolve("etc/vrrpd/vrrpd.yaml");

        CommandResult shipped = CommandRunner.run(Duration.ofSeconds(60),
                List.of(vrrpd.toString(), "--check-config", "--config", yaml.toString()));
        assertEquals(0, shipped.exitCode(), shipped.stdout() + shipped.stderr());
        assertTrue(shipped.stdout().contains("configuration OK"), shipped.stdout());

        // The admin's first edit: the commented instance, uncommented as the file's header says.
        Path edited = lab.dir().resolve("edited-vrrpd.yaml");
        Files.writeString(edited, uncommentExample(Files.readString(yaml, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        CommandResult example = CommandRunner.run(Duration.ofSeconds(60),
                List.of(vrrpd.toString(), "--check-config", "--config", edited.toString()));
        assertEquals(0, example.exitCode(), example.stdout() + example.stderr());
        assertTrue(example.stdout().contains("instance VI_1: interface eth0, vrid 51, priority 100"), example.stdout());

        if (LabPrerequisites.find("systemd-sysusers").isPresent()) {
            Path sysusers = root.resolve("usr/lib/sysusers.d/vrrpd.conf");
            CommandResult users = CommandRunner.run(Duration.ofSeconds(30),
                    List.of("systemd-sysusers", "--root=" + root, sysusers.toString())).orThrow();
            String passwd = Files.readString(root.resolve("etc/passwd"), StandardCharsets.UTF_8);
            assertTrue(passwd.lines().anyMatch(l -> l.startsWith("vrrpd:x:") && l.endsWith(":/:/sbin/nologin")),
                    "sysusers.d made no vrrpd user: " + passwd + users.stderr());
        }

        assumeTrue(LabPrerequisites.find("systemd-analyze").isPresent(), "systemd-analyze is not installed");
        Path unit = root.resolve("usr/lib/systemd/system/vrrpd.service");
        // No booted systemd is needed with --root: it loads the unit (and drop-ins) from the scratch root
        // and checks that ExecStart/ExecReload exist there. With man(1) present the Documentation= pages
        // are looked up in the root's man directory too; --recursive-errors=no because the root has no
        // sysinit.target and friends.
        boolean man = LabPrerequisites.find("man").isPresent();
        List<String> argv = new ArrayList<>(List.of("systemd-analyze", "verify", "--recursive-errors=no",
                "--root=" + root));
        if (!man) {
            argv.add("--man=no");
        }
        argv.add(unit.toString());
        CommandResult verify = runWithEnv(argv, Map.of("MANPATH", root.resolve("usr/share/man").toString()));
        System.out.println("systemd-analyze verify (man pages " + (man ? "checked" : "not checked: no man") + "): exit "
                + verify.exitCode() + " " + verify.stdout() + verify.stderr());
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
        assertEquals("", (verify.stdout() + verify.stderr()).strip(), "systemd-analyze has remarks");

        // The hook drop-ins as an admin installs them: systemd must accept every line of each.
        Path dropins = root.resolve("usr/share/doc/vrrpd/dropins");
        Path dropinDir = root.resolve("etc/systemd/system/vrrpd.service.d");
        Files.createDirectories(dropinDir);
        List<Path> confs;
        try (var list = Files.list(dropins)) {
            confs = list.filter(f -> f.toString().endsWith(".conf")).sorted().toList();
        }
        assertEquals(3, confs.size(), "postgres-hook, nfs-hook and scripts-as-root drop-ins: " + confs);
        for (Path conf : confs) {
            Files.copy(conf, dropinDir.resolve(conf.getFileName()));
            CommandResult withDropin = runWithEnv(argv, Map.of("MANPATH", root.resolve("usr/share/man").toString()));
            String remarks = (withDropin.stdout() + withDropin.stderr()).strip();
            assertEquals(0, withDropin.exitCode(), conf.getFileName() + ": " + remarks);
            assertEquals("", remarks, conf.getFileName() + ": systemd-analyze has remarks");
            Files.delete(dropinDir.resolve(conf.getFileName()));
        }
    }

    /**
     * The installed vrrpctl loads its classes from its class-data-sharing archive once %post has made it
     * (issue 10: the archive `mvn package` makes names the build tree's jars and is not shipped), and the
     * stamp keeps a stale archive (a moved tree) from turning class sharing off altogether.
     */
    @Test
    void installedVrrpctlUsesTheArchiveItsPostinstallMakes(Lab lab) throws IOException {
        Path root = installedRoot(lab);
        Path vrrpctl = root.resolve("usr/lib/vrrpd/bin/vrrpctl");
        assertEquals("file:" + root.resolve("usr/lib/vrrpd/lib"), classSource(vrrpctl, "io.vrrpd.cli.VrrpCtl")
                .replaceAll("/vrrpd-[^/]*\\.jar$", ""), "before %post: no archive, vrrpctl from its jar");

        // The %post line as the package has it, run on the scratch root's tree (rpm -i ran no scriptlets).
        String post = RpmPackage.find().orElseThrow().query("--scripts").lines()
                .filter(l -> l.contains("__cds-build")).findFirst().orElseThrow();
        assertTrue(post.contains("/usr/lib/vrrpd/bin/vrrpctl __cds-build"), post);
        long t0 = System.nanoTime();
        CommandRunner.run(Duration.ofSeconds(120), List.of(vrrpctl.toString(), "__cds-build")).orThrow();
        System.out.println("installed RPM: vrrpctl __cds-build took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals("shared objects file", classSource(vrrpctl, "io.vrrpd.cli.VrrpCtl"), "after %post");
        assertEquals("shared objects file", classSource(vrrpctl, "com.fasterxml.jackson.core.JsonFactory"));

        // A moved tree: the archive no longer fits; vrrpctl skips it and keeps the JDK's own.
        Path moved = lab.dir().resolve("moved");
        CommandRunner.run(Duration.ofSeconds(30), List.of("cp", "-a", root.resolve("usr/lib/vrrpd").toString(),
                moved.toString())).orThrow();
        Path movedCtl = moved.resolve("bin/vrrpctl");
        assertTrue(classSource(movedCtl, "io.vrrpd.cli.VrrpCtl").startsWith("file:" + moved), "moved tree");
        assertEquals("shared objects file", classSource(movedCtl, "java.lang.Object"),
                "a stale archive must not turn off the JDK's class sharing");
    }

    /** Where vrrpctl's JVM loaded {@code className} from (-Xlog:class+load), for a status without a daemon. */
    private static String classSource(Path vrrpctl, String className) {
        CommandResult r = runWithEnv(List.of(vrrpctl.toString(), "--socket", "/nonexistent/vrrpd.sock", "status",
                "--json"), Map.of("VRRPD_JAVA_OPTS", "-Xlog:class+load"));
        assertEquals(69, r.exitCode(), r.stdout() + r.stderr());
        String prefix = "[info][class,load] " + className + " source: ";
        return r.stdout().lines().map(l -> l.substring(l.indexOf(']') + 1)).filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).strip()).findFirst()
                .orElseThrow(() -> new AssertionError(className + " not loaded:\n" + r.stdout()));
    }

    @Test
    void installedLaunchersRunThePairAndTheBackupTakesOverFromAKilledMaster(Lab lab) {
        Path root = installedRoot(lab);
        Vrrpd.Launch installed = Vrrpd.Launch.installedIn(root);
        Node n1 = lab.addNode();
        Node n2 = lab.addNode();
        Vrrpd v1 = Vrrpd.start(n1, installed, "keepalived.conf", SeedConfig.read("db-primary.conf"));
        v1.awaitState(SeedPair.INSTANCE, "MASTER", SeedPair.START_TIMEOUT);
        assertTrue(Lab.waitUntil(Duration.ofSeconds(5), () -> n1.hasAddress(SeedPair.VIP)), n1.addresses().toString());
        Vrrpd v2 = Vrrpd.start(n2, installed, "keepalived.conf", SeedConfig.read("db-standby.conf"));
        v2.awaitState(SeedPair.INSTANCE, "BACKUP", SeedPair.START_TIMEOUT);
        v2.awaitReady(SeedPair.START_TIMEOUT);

        JsonNode master = v1.instance(SeedPair.INSTANCE);
        assertEquals("MASTER", master.path("state").asText(), master.toString());
        assertTrue(Lab.waitUntil(Duration.ofSeconds(5),
                () -> n1.address().equals(v2.instance(SeedPair.INSTANCE).path("master").asText())),
                "node 2 does not follow node 1: " + v2.instance(SeedPair.INSTANCE));
        assertEquals("BACKUP", v2.instance(SeedPair.INSTANCE).path("state").asText());

        long killed = System.nanoTime();
        v1.process().kill(Signal.KILL);
        Optional<Duration> moved = SeedPair.timeUntil(TAKEOVER_LIMIT, Duration.ofMillis(20),
                () -> n2.hasAddress(SeedPair.VIP));
        assertTrue(moved.isPresent(), "the VIP did not move to node 2 within " + TAKEOVER_LIMIT + ": n2 "
                + n2.addresses() + "\n" + v2.process().tail());
        System.out.println("installed RPM: SIGKILL of the master -> VIP on the backup after "
                + Duration.ofNanos(System.nanoTime() - killed).toMillis() + " ms");
        assertEquals("MASTER", v2.instance(SeedPair.INSTANCE).path("state").asText());
    }

    /** The shipped file with {@code instances: {}} dropped and the commented example switched on. */
    static String uncommentExample(String shipped) {
        StringBuilder out = new StringBuilder();
        boolean inExample = false;
        for (String line : shipped.split("\n", -1)) {
            if (line.equals("instances: {}")) {
                continue;
            }
            if (line.startsWith("#instances:")) {
                inExample = true;
            }
            out.append(inExample && line.startsWith("#") ? line.substring(1) : line).append('\n');
        }
        return out.toString();
    }

    private static CommandResult runWithEnv(List<String> argv, Map<String, String> env) {
        List<String> withEnv = new ArrayList<>(List.of("env"));
        env.forEach((k, v) -> withEnv.add(k + "=" + v));
        withEnv.addAll(argv);
        return CommandRunner.run(Duration.ofSeconds(60), withEnv);
    }
}
