package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * vrrpd as vrrpd.service runs it: an unprivileged user with CAP_NET_ADMIN and CAP_NET_RAW as ambient
 * capabilities and nothing else in its bounding set (setpriv(1) sets up the same as the unit's
 * User=/AmbientCapabilities=/CapabilityBoundingSet=), with the installed launchers and a scripts-only
 * configuration: it becomes master, adds the VIP, runs its notify script as that user and removes the
 * VIP on SIGTERM. Without the capabilities it stops at once with one line naming what is missing.
 *
 * <p>Real-time scheduling: allowed to (the unit's {@code LimitRTPRIO=1}; here CAP_SYS_NICE, because
 * raising a hard RLIMIT_RTPRIO of 0 needs CAP_SYS_RESOURCE, which root lacks on some CI machines) the
 * event loop and the receive thread run SCHED_RR 1 and a notify script the normal policy; not allowed
 * (RLIMIT_RTPRIO 0, no CAP_SYS_NICE) the kernel refuses, and vrrpd says why and works all the same.
 */
@LabTest
class LeastPrivilegeIT {

    /** nobody:nogroup on Debian, a user that owns nothing here; the RPM's vrrpd user is not on the host. */
    private static final String UID = "65534";

    private static List<String> setpriv(String caps) {
        return List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups",
                "--inh-caps=-all" + caps, "--ambient-caps=-all" + caps, "--bounding-set=-all" + caps);
    }

    @Test
    void runsAsAnUnprivilegedUserWithOnlyNetAdminAndNetRawAndStopsWithOneLineWithoutThem(Lab lab) throws IOException {
        Unprivileged u = Unprivileged.start(lab, ",+net_admin,+net_raw", "notify-master.uid", m -> "id -u > " + m);
        Vrrpd v = u.vrrpd();
        Vrrpd.Launch launch = u.launch();
        Path marker = u.marker();
        Node n1 = v.node();
        v.awaitState(SeedPair.INSTANCE, "MASTER", SeedPair.START_TIMEOUT);
        JsonNode daemon = v.status().path("daemon");
        assertEquals("normal (SCHED_OTHER)", daemon.path("loop_scheduling").asText(), daemon.toString());
        assertTrue(daemon.path("loop_scheduling_refused").asText().contains(
                "EPERM (Operation not permitted): it needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least 1 (it is 0)"
                + " (systemd: LimitRTPRIO=1)"), daemon.toString());
        assertTrue(v.process().logContains("the event loop runs at the normal priority: real-time priority 1"
                + " refused by the kernel"), v.process().tail());
        String text = v.ctl("status").stdout();
        assertTrue(text.contains("scheduling: the event loop runs at the normal priority, real-time refused:"
                + " sched_setscheduler(SCHED_RR|SCHED_RESET_ON_FORK, priority 1): EPERM"), text);
        assertEquals(Map.of("vrrpd-loop", SCHED_OTHER, "vrrpd-rx-eth0", SCHED_OTHER),
                policies(v.process().pid()));
        assertTrue(Lab.waitUntil(Duration.ofSeconds(5), () -> n1.hasAddress(SeedPair.VIP)),
                "CAP_NET_ADMIN should have added the VIP: " + n1.addresses() + "\n" + v.process().tail());
        String status = Files.readString(Path.of("/proc/" + v.process().pid() + "/status"), StandardCharsets.US_ASCII);
        System.out.println("vrrpd as uid " + UID + ": " + status.lines()
                .filter(l -> l.startsWith("Uid:") || l.startsWith("CapEff:") || l.startsWith("CapBnd:")).toList());
        assertTrue(status.lines().anyMatch(l -> l.matches("Uid:\\s+" + UID + "\\s+" + UID + "\\s+" + UID + "\\s+" + UID)),
                "not running as " + UID + ":\n" + status);
        assertTrue(status.lines().anyMatch(l -> l.equals("CapEff:\t0000000000003000")), status);
        assertTrue(status.lines().anyMatch(l -> l.equals("CapBnd:\t0000000000003000")), status);
        assertEquals("MASTER", v.instance(SeedPair.INSTANCE).path("state").asText());
        assertTrue(Lab.waitUntil(Duration.ofSeconds(10), () -> Files.exists(marker)), "notify_master did not run");
        Lab.waitUntil(Duration.ofSeconds(2), () -> readQuietly(marker).strip().equals(UID));
        assertEquals(UID, readQuietly(marker).strip(), "the notify script runs as the daemon's user");

        v.process().kill(Signal.TERM);
        assertEquals(OptionalInt.of(0), v.process().waitFor(Duration.ofSeconds(15)), v.process().tail());
        assertTrue(!n1.hasAddress(SeedPair.VIP), "the VIP stayed after SIGTERM: " + n1.addresses());

        assertOneLineNaming(n1, launch, setpriv(""), v.config(),
                "vrrpd: missing capabilities CAP_NET_ADMIN (to add and remove the virtual IPs), CAP_NET_RAW (");
        assertOneLineNaming(n1, launch, setpriv(",+net_raw"), v.config(),
                "vrrpd: missing capability CAP_NET_ADMIN (to add and remove the virtual IPs);");
        assertOneLineNaming(n1, launch, setpriv(",+net_admin"), v.config(),
                "vrrpd: missing capability CAP_NET_RAW (for the raw VRRP socket and gratuitous ARP);");
    }

    @Test
    void allowedRealTimeTheLoopAndReceiverRunRoundRobinAndTheScriptsNormal(Lab lab) throws IOException {
        Unprivileged u = Unprivileged.start(lab, ",+net_admin,+net_raw,+sys_nice", "notify-master.sched",
                m -> "chrt -p $$ > " + m + ".tmp && mv " + m + ".tmp " + m);
        Vrrpd v = u.vrrpd();
        Path marker = u.marker();
        v.awaitState(SeedPair.INSTANCE, "MASTER", SeedPair.START_TIMEOUT);
        JsonNode daemon = v.status().path("daemon");
        assertEquals("SCHED_RR priority 1", daemon.path("loop_scheduling").asText(), daemon.toString());
        assertTrue(daemon.path("loop_scheduling_refused").isMissingNode(), daemon.toString());
        Map<String, Integer> policies = policies(v.process().pid());
        System.out.println("threads' policies (0 normal, 2 SCHED_RR): " + policies);
        assertEquals(Map.of("vrrpd-loop", SCHED_RR, "vrrpd-rx-eth0", SCHED_RR), policies);
        assertTrue(Lab.waitUntil(Duration.ofSeconds(10), () -> Files.exists(marker)), "notify_master did not run");
        String sched = readQuietly(marker);
        assertTrue(sched.contains("current scheduling policy: SCHED_OTHER"), "the notify script: " + sched);
        v.process().kill(Signal.TERM);
        assertEquals(OptionalInt.of(0), v.process().waitFor(Duration.ofSeconds(15)), v.process().tail());
    }

    /** vrrpd started as {@link #UID} with only {@code caps}, and a notify_master script writing {@code marker}. */
    private record Unprivileged(Vrrpd vrrpd, Vrrpd.Launch launch, Path marker) {
        static Unprivileged start(Lab lab, String caps, String markerName, Function<Path, String> scriptLine)
                throws IOException {
            Vrrpd.Launch launch = RpmPackage.find().isPresent()
                    ? Vrrpd.Launch.installedIn(InstalledRpmIT.installedRoot(lab)) : Vrrpd.Launch.dist();
            // The daemon writes its control socket and pid file into the lab directory, and the notify script
            // its marker: let the unprivileged user write there.
            Files.setPosixFilePermissions(lab.dir(), PosixFilePermissions.fromString("rwxrwxrwx"));
            Path marker = lab.dir().resolve(markerName);
            Path script = lab.dir().resolve("notify-master.sh");
            Files.writeString(script, "#!/bin/sh\n" + scriptLine.apply(marker) + "\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            String conf = Keepalived.seedDatabaseConfig("MASTER", 101)
                    .replace("virtual_ipaddress {", "notify_master " + script + "\nvirtual_ipaddress {");
            Node n1 = lab.addNode();
            Vrrpd v = Vrrpd.start(n1, launch.withPrefix(setpriv(caps).toArray(String[]::new)), "keepalived.conf", conf);
            return new Unprivileged(v, launch, marker);
        }
    }

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_RR = 2;

    /** The policy (proc(5) stat field 41) of the daemon's loop and receive threads, by thread name. */
    private static Map<String, Integer> policies(long pid) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                String comm = readQuietly(task.resolve("comm")).strip();
                if (comm.equals("vrrpd-loop") || comm.startsWith("vrrpd-rx-")) {
                    String stat = readQuietly(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(comm, Integer.parseInt(fields[41 - 3]));
                }
            }
        }
        return out;
    }

    private static void assertOneLineNaming(Node node, Vrrpd.Launch launch, List<String> prefix, Path config,
                                            String expected) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of(launch.vrrpd().toString(), "--config", config.toString(), "--control-socket",
                node.lab().dir().resolve("unprivileged.sock").toString()));
        CommandResult r = node.run(Duration.ofSeconds(60), argv);
        List<String> lines = (r.stdout() + r.stderr()).lines().filter(l -> !l.isBlank()).toList();
        System.out.println("without capabilities: exit " + r.exitCode() + ": " + lines);
        assertEquals(71, r.exitCode(), lines.toString());
        assertEquals(1, lines.size(), "one line, not " + lines);
        assertTrue(lines.get(0).startsWith(expected), lines.get(0));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }
}
