package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A keepalived (2.2.7 on Debian 12) running inside a lab node, the reference vrrpd is measured against.
 * It runs in the foreground with console logging, VRRP only:
 * {@code keepalived -n -l -D -f CONF -p PID -r VRRP_PID -c CHECKERS_PID --vrrp} (keepalived(8)), with the
 * config and every pid file in the lab directory, so two instances on one host never share a pid file.
 * {@code ip netns exec} is all it needs: keepalived's own {@code --namespace} option would make it enter a
 * namespace itself and is not used. The log goes to {@code <lab dir>/<node>-keepalived.log}.
 */
public final class Keepalived {

    /** Where Debian and RHEL install it. */
    public static final String BINARY = "/usr/sbin/keepalived";

    /** The seed deployment's database VIP, moved into TEST-NET-1. */
    public static final String SEED_VIP = "192.0.2.100";

    /**
     * Log lines keepalived 2.2.7 prints in a healthy lab that look alarming but are not: a performance
     * hint, and (with a build that has ipset support but no libipset on the host) the ipset warning, which
     * only matters for ipset-based firewall rules the lab never uses.
     */
    public static final List<Pattern> HARMLESS = List.of(
            Pattern.compile("NOTICE: setting config option max_auto_priority"),
            Pattern.compile("Unable to load ipset library"),
            Pattern.compile("Unable to initialise ipsets"));

    private static final Pattern ALARMING = Pattern.compile("(?i)error|unable|fail|warning|unknown keyword|"
            + "bad|invalid|cannot|can't");
    private static final Duration PID_FILE_TIMEOUT = Duration.ofSeconds(5);

    private final Node node;
    private final LabProcess process;
    private final Path config;
    private final Path vrrpPidFile;

    private Keepalived(Node node, LabProcess process, Path config, Path vrrpPidFile) {
        this.node = node;
        this.process = process;
        this.config = config;
        this.vrrpPidFile = vrrpPidFile;
    }

    /**
     * Writes the config to {@code <lab dir>/<node>-keepalived.conf} and starts keepalived on the node.
     *
     * @param node       where to run it
     * @param configText a complete keepalived.conf
     * @return the running keepalived
     */
    public static Keepalived start(Node node, String configText) {
        return start(node, configText, "keepalived");
    }

    /**
     * As {@link #start(Node, String)} under another name (a restart after a crash gets its own log and pid
     * files, so waiting for a state never matches a line of the previous run).
     *
     * @param name the process name, e.g. {@code keepalived-2}; files are {@code <lab dir>/<node>-<name>.*}
     */
    public static Keepalived start(Node node, String configText, String name) {
        Path dir = node.lab().dir();
        String base = node.name() + "-" + name;
        Path conf = dir.resolve(base + ".conf");
        Path vrrpPid = dir.resolve(base + ".vrrp.pid");
        try {
            Files.writeString(conf, configText, StandardCharsets.UTF_8);
            // A keepalived killed earlier in this lab leaves its pid files; once its pid is reused by any
            // process, a new keepalived says "daemon is already running" and exits.
            for (String pidFile : List.of(".pid", ".vrrp.pid", ".checkers.pid")) {
                Files.deleteIfExists(dir.resolve(base + pidFile));
            }
        } catch (IOException e) {
            throw new LabException("cannot write " + conf + ": " + e.getMessage(), e);
        }
        LabProcess p = node.start(name, List.of(BINARY, "-n", "-l", "-D", "-f", conf.toString(),
                "-p", dir.resolve(base + ".pid").toString(), "-r", vrrpPid.toString(),
                "-c", dir.resolve(base + ".checkers.pid").toString(), "--vrrp"));
        return new Keepalived(node, p, conf, vrrpPid);
    }

    /**
     * The seed's PostgreSQL keepalived.conf (ccc-ha-configuration.txt, "Setting Up Keepalived On the
     * PostgreSQL Servers") with the lab's interface and VIP filled in and the SMTP lines left out (the lab
     * has no mail server): VI_1, vrid 51, advert_int 1, auth PASS "PASSWORD", VIP 192.0.2.100/32 dev eth0.
     *
     * @param state    {@code MASTER} or {@code BACKUP}
     * @param priority 1..254; the seed uses 101 on the primary and 100 on the standby
     * @return the config text
     */
    public static String seedDatabaseConfig(String state, int priority) {
        if (!state.equals("MASTER") && !state.equals("BACKUP")) {
            throw new IllegalArgumentException("state must be MASTER or BACKUP (was " + state + ")");
        }
        if (priority < 1 || priority > 254) {
            throw new IllegalArgumentException("priority must be 1..254 (was " + priority + ")");
        }
        return """
                ! Configuration File for keepalived
                global_defs {
                router_id CCC_DB_MONITOR
                }
                vrrp_instance VI_1 {
                state %s
                interface eth0
                virtual_router_id 51
                priority %d
                advert_int 1
                authentication {
                auth_type PASS
                auth_pass PASSWORD
                }
                virtual_ipaddress {
                %s/32 dev eth0
                }
                }
                """.formatted(state, priority, SEED_VIP);
    }

    /** @return the node it runs on */
    public Node node() {
        return node;
    }

    /** @return the keepalived parent process (signal it, or {@link LabProcess#killTree} for a crash) */
    public LabProcess process() {
        return process;
    }

    /** @return the config file it was started with */
    public Path config() {
        return config;
    }

    /**
     * Waits until an instance logs that it entered a state, e.g. {@code (VI_1) Entering MASTER STATE}.
     *
     * @param instance the vrrp_instance name, e.g. {@code VI_1}
     * @param state    {@code MASTER}, {@code BACKUP} or {@code FAULT}
     * @param timeout  how long to wait
     * @return the log line
     */
    public String awaitState(String instance, String state, Duration timeout) {
        return process.awaitLog(Pattern.quote("(" + instance + ") Entering " + state + " STATE"), timeout);
    }

    /**
     * Reads the VRRP child's pid from the {@code -r} pid file (keepalived writes it once the child runs).
     *
     * @return the pid, or empty if the file did not appear within 5 s
     */
    public OptionalLong vrrpChildPid() {
        long[] pid = {0};
        Lab.waitUntil(PID_FILE_TIMEOUT, () -> {
            try {
                String text = Files.readString(vrrpPidFile, StandardCharsets.UTF_8).trim();
                if (text.matches("\\d+")) {
                    pid[0] = Long.parseLong(text);
                    return true;
                }
                return false;
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                throw new LabException("cannot read " + vrrpPidFile + ": " + e.getMessage(), e);
            }
        });
        return pid[0] > 0 ? OptionalLong.of(pid[0]) : OptionalLong.empty();
    }

    /**
     * @return log lines that look like errors or warnings, minus the known {@link #HARMLESS} ones: a lab test
     *         asserts this is empty so a config keepalived silently half-accepts does not pass unnoticed
     */
    public List<String> alarmingLogLines() {
        return process.logText().lines()
                .filter(l -> ALARMING.matcher(l).find())
                .filter(l -> HARMLESS.stream().noneMatch(h -> h.matcher(l).find()))
                .toList();
    }

    @Override
    public String toString() {
        return "keepalived@" + node.name();
    }
}
