package io.vrrpd.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.fuzz.FuzzBudget;
import io.vrrpd.fuzz.FuzzRun;
import io.vrrpd.fuzz.Mutator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes both configuration readers with mutations of the committed configurations (the seed pair and the
 * broken-config corpus): every input ends as a loaded configuration or as located errors, never as an
 * escaped exception, a stack trace in a message, or a hang. The short run is part of {@code mvn verify};
 * the long one is {@code -Dfuzz.inputs=1000000} (BENCHMARKS.md).
 */
class ConfigFuzzTest {
    private static final long SEED = FuzzBudget.seed(0xC0DE_F00DL);
    private static final int INPUTS = FuzzBudget.inputs(4_000);
    /** An include of an absolute or parent path could read anything on the host: such inputs are not fed. */
    private static final Pattern UNSAFE_INCLUDE = Pattern.compile("include[^\\n]*(^|[\\s\"'])(/|\\.\\.)",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void keepalivedReaderEndsEveryInputAsAModelOrLocatedErrors() throws Exception {
        List<byte[]> corpus = corpus(".conf");
        copyIncludeTargets();
        Path file = dir.resolve("keepalived.conf");
        List<byte[]> dictionary = tokens("vrrp_instance ", "virtual_router_id ", "priority ", "advert_int ",
                "state MASTER", "state BACKUP", "interface eth0", "authentication {", "auth_type PASS", "auth_pass ",
                "virtual_ipaddress {", "virtual_ipaddress_excluded {", "track_script {", "vrrp_script chk {",
                "script \"/bin/true\"", "weight -10", "rise 2", "fall 3", "global_defs {", "notification_email {",
                "smtp_server 192.0.2.25 25", "notify_master ", "unicast_peer {", "vrrp_sync_group G {", "group {",
                "nopreempt", "preempt_delay 5", "vrrp_version 3", "vrrp_rt_priority ", "192.0.2.1", "2001:db8::1",
                "/24", " dev eth0",
                " label eth0:1", "255", "0", "-1", "99999999999999999999", "0.001", "\"", "\\", "{", "}", "\n",
                "#", "!", " ", "\t", "include parts/*.inc", "@primary ", "$VAR", "~SEQ(1,3,1)");
        FuzzRun.Stats stats = FuzzRun.run("keepalived.conf", SEED, INPUTS, new Mutator(SEED, corpus, dictionary),
                input -> parse(file, input));
        System.out.println(stats);
    }

    @Test
    void yamlReaderEndsEveryInputAsAModelOrLocatedErrors() throws Exception {
        List<byte[]> corpus = corpus(".yaml");
        corpus.add(Files.readAllBytes(resource("config/seed").resolve("db-standby.conf"))); // a non-YAML shape too
        Path file = dir.resolve("vrrpd.yaml");
        List<byte[]> dictionary = tokens("instances:\n", "  VI_1:\n", "    vrid: ", "    priority: ", "interface: ",
                "virtual_ips: [", "hooks:\n", "  - type: script\n", "- ", ": ", "{", "}", "[", "]", ",", "&a ", "*a",
                "!!binary ", "!!int ", "!!float ", "<<: *a", "\t", "'", "\"", "~", "null", "on", "0x1F", "1e400",
                "---\n", "...\n", "? ", "|\n", ">\n", "%YAML 1.2\n", "global:\n", "notification:\n", "smtp:",
                "  realtime_priority: ",
                "192.0.2.1/24", "2001:db8::1", "10s", "-5ms", "\n", "    ", "#");
        FuzzRun.Stats stats = FuzzRun.run("yaml", SEED, INPUTS, new Mutator(SEED, corpus, dictionary),
                input -> parse(file, input));
        System.out.println(stats);
    }

    /** The property: a model, or errors that each name a place and say something, without a stack trace. */
    private static void parse(Path file, byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        if (UNSAFE_INCLUDE.matcher(text).find()) {
            return;
        }
        try {
            ConfigLoader.parse(file, text);
        } catch (ConfigException e) {
            assertFalse(e.errors().isEmpty(), "a refused configuration names at least one error");
            for (Diagnostic d : e.errors()) {
                assertFalse(d.location().isBlank(), "error without a place: " + d);
                assertFalse(d.message().isBlank(), "error without a message: " + d);
                assertFalse(d.message().contains("Exception") || d.message().contains("\tat "),
                        "an exception leaked into a message: " + d);
            }
        }
    }

    private List<byte[]> corpus(String suffix) throws IOException, URISyntaxException {
        List<byte[]> corpus = new ArrayList<>();
        for (Path root : List.of(resource("config/broken"), resource("config/seed"))) {
            try (Stream<Path> files = Files.list(root)) {
                for (Path p : files.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
                    corpus.add(Files.readAllBytes(p));
                }
            }
        }
        assertTrue(corpus.size() >= 5, "corpus for " + suffix + " has " + corpus.size() + " files");
        return corpus;
    }

    /** The broken corpus includes {@code parts/bad-child.inc}: give relative includes something to find. */
    private void copyIncludeTargets() throws IOException, URISyntaxException {
        Path parts = Files.createDirectories(dir.resolve("parts"));
        Files.copy(resource("config/broken/parts").resolve("bad-child.inc"), parts.resolve("bad-child.inc"));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConfigFuzzTest.class.getClassLoader().getResource(name).toURI());
    }

    private static List<byte[]> tokens(String... tokens) {
        return Stream.of(tokens).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
