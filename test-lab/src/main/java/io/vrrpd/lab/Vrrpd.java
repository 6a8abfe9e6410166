package io.vrrpd.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A vrrpd running inside a lab node from the built distribution ({@code packaging/target/dist}, found
 * with {@link #dist()}): {@code bin/vrrpd --config CONF --control-socket SOCK --pid-file PID}, config,
 * socket and pid file in the lab directory, log in {@code <lab dir>/<node>-vrrpd.log}. {@link #ctl}
 * runs {@code bin/vrrpctl} against its socket. {@link Launch} starts it otherwise: the launchers of an
 * installed package, under a command prefix such as {@code setpriv}, with extra environment.
 */
public final class Vrrpd {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How vrrpd is started.
     *
     * @param vrrpd   the daemon's launcher
     * @param vrrpctl the control client's launcher
     * @param prefix  argv put before the launcher (e.g. {@code setpriv --reuid=...}); empty for none
     * @param env     variables set for the daemon on top of the test's environment
     */
    public record Launch(Path vrrpd, Path vrrpctl, List<String> prefix, Map<String, String> env) {
        public Launch {
            prefix = List.copyOf(prefix);
            env = Map.copyOf(env);
        }

        /** The launchers of the built distribution, {@link Vrrpd#dist()}. */
        public static Launch dist() {
            Path d = Vrrpd.dist();
            return new Launch(d.resolve("bin/vrrpd"), d.resolve("bin/vrrpctl"), List.of(), Map.of());
        }

        /** The launchers an RPM installs, {@code /usr/sbin/vrrpd} and {@code /usr/bin/vrrpctl}, under {@code root}. */
        public static Launch installedIn(Path root) {
            return new Launch(root.resolve("usr/sbin/vrrpd"), root.resolve("usr/bin/vrrpctl"), List.of(), Map.of());
        }

        /** The same launchers run under {@code argv...} (the daemon only; vrrpctl runs as the test). */
        public Launch withPrefix(String... argv) {
            return new Launch(vrrpd, vrrpctl, List.of(argv), env);
        }

        /** The same launchers with {@code variables} in the daemon's environment. */
        public Launch withEnv(Map<String, String> variables) {
            return new Launch(vrrpd, vrrpctl, prefix, variables);
        }
    }

    private final Node node;
    private final Launch launch;
    private final Path config;
    private final Path socket;
    private final Path pidFile;
    private LabProcess process;
    private int generation;

    private Vrrpd(Node node, Launch launch, Path config) {
        this.node = node;
        this.launch = launch;
        this.config = config;
        Path dir = node.lab().dir();
        this.socket = dir.resolve(node.name() + "-vrrpd.sock");
        this.pidFile = dir.resolve(node.name() + "-vrrpd.pid");
    }

    /**
     * Writes {@code configText} to {@code <lab dir>/<node>-vrrpd.<ext>} and starts vrrpd on the node.
     *
     * @param fileName the config's file name, which picks the format ({@code keepalived.conf} or
     *                 {@code vrrpd.yaml})
     */
    public static Vrrpd start(Node node, String fileName, String configText) {
        return start(node, Launch.dist(), fileName, configText);
    }

    /** As {@link #start(Node, String, String)}, started as {@code launch} says. */
    public static Vrrpd start(Node node, Launch launch, String fileName, String configText) {
        Path conf = node.lab().dir().resolve(node.name() + "-" + fileName);
        write(conf, configText);
        Vrrpd v = new Vrrpd(node, launch, conf);
        v.restart();
        return v;
    }

    /** Starts vrrpd with a keepalived.conf text. */
    public static Vrrpd start(Node node, String keepalivedConf) {
        return start(node, "keepalived.conf", keepalivedConf);
    }

    /** (Re)starts the daemon after it was stopped or killed; the log file of each run is separate. */
    public void restart() {
        if (process != null && process.isAlive()) {
            throw new LabException(this + " is still running");
        }
        generation++;
        List<String> argv = new ArrayList<>(launch.prefix());
        argv.addAll(List.of(launch.vrrpd().toString(), "--config",
                config.toString(), "--control-socket", socket.toString(), "--pid-file", pidFile.toString()));
        process = node.start(generation == 1 ? "vrrpd" : "vrrpd-" + generation, argv, launch.env());
    }

    /** Replaces the config file (for reload tests); the daemon reads it on reload. */
    public void rewriteConfig(String configText) {
        write(config, configText);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code vrrpctl --socket SOCK ARGS...} (from the host: the socket is a file). */
    public CommandResult ctl(String... args) {
        List<String> argv = new ArrayList<>(List.of(launch.vrrpctl().toString(), "--socket",
                socket.toString()));
        argv.addAll(List.of(args));
        return CommandRunner.run(Duration.ofSeconds(20), argv);
    }

    /** {@code vrrpctl status --json}, parsed; throws when the daemon does not answer. */
    public JsonNode status() {
        CommandResult r = ctl("status", "--json");
        if (r.exitCode() != 0) {
            throw new LabException(this + ": vrrpctl status failed (" + r.exitCode() + "): " + r.stderr());
        }
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new LabException("vrrpctl status --json printed no JSON: " + r.stdout(), e);
        }
    }

    /** The status entry of one instance. */
    public JsonNode instance(String name) {
        for (JsonNode i : status().path("instances")) {
            if (name.equals(i.path("name").asText())) {
                return i;
            }
        }
        throw new LabException(this + " has no instance " + name);
    }

    /** Waits for the log line of a transition into {@code state}, e.g. {@code (VI_1) BACKUP -> MASTER: ...}. */
    public String awaitState(String instance, String state, Duration timeout) {
        return process.awaitLog(Pattern.quote("(" + instance + ") ") + "\\w+ -> " + state + ":", timeout);
    }

    /** Waits until the control socket answers (the daemon is up). */
    public void awaitReady(Duration timeout) {
        if (!Lab.waitUntil(timeout, () -> ctl("status").exitCode() == 0)) {
            throw new LabException(this + " did not answer on " + socket + " within " + timeout + ":\n"
                    + process.tail());
        }
    }

    public LabProcess process() {
        return process;
    }

    public Node node() {
        return node;
    }

    public Path config() {
        return config;
    }

    public Path socket() {
        return socket;
    }

    /**
     * The distribution to run: system property {@code vrrpd.dist}, else {@code packaging/target/dist} in
     * this or a parent directory (so both the reactor root and test-lab/ work as working directory).
     */
    public static Path dist() {
        String prop = System.getProperty("vrrpd.dist");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("packaging/target/dist");
            if (Files.isExecutable(candidate.resolve("bin/vrrpd"))) {
                return candidate;
            }
        }
        throw new LabException("no vrrpd distribution found from " + dir
                + " (run `mvn -B package -DskipTests` first, or set -Dvrrpd.dist)");
    }

    @Override
    public String toString() {
        return "vrrpd@" + node.name();
    }
}
