package io.vrrpd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in config/broken/ (keepalived.conf and YAML) must make {@code vrrpd --check-config} exit 78 and
 * print the one located line of its {@code .expected} sidecar, without a stack trace.
 */
class BrokenConfigCorpusTest {
    static Path dir() throws URISyntaxException {
        return Path.of(BrokenConfigCorpusTest.class.getResource("/config/broken").toURI());
    }

    static Stream<Path> brokenFiles() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> Files.exists(Path.of(p + ".expected"))).sorted().toList().stream();
        }
    }

    @Test
    void corpusHasAtLeastTwentyFiveCasesInBothFormats() throws Exception {
        List<Path> files = brokenFiles().toList();
        assertTrue(files.size() >= 25, "only " + files.size() + " cases");
        assertTrue(files.stream().anyMatch(ConfigLoader::isYaml));
        assertTrue(files.stream().anyMatch(p -> !ConfigLoader.isYaml(p)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void checkConfigRejectsWithTheExpectedLocatedMessage(Path file) throws IOException {
        String expected = Files.readString(Path.of(file + ".expected"), StandardCharsets.UTF_8).strip();
        CliRun r = CliRun.vrrpd("--check-config", "--config", file.toString());
        assertEquals(78, r.exitCode(), r.err());
        assertTrue(r.err().lines().anyMatch(expected::equals),
                "expected line\n  " + expected + "\nin stderr:\n" + r.err());
        assertFalse(r.hasStackTrace(), r.err());
        assertEquals("", r.out(), "nothing on stdout for a rejected file");
    }
}
