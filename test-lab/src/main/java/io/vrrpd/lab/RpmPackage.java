package io.vrrpd.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The built RPM ({@code packaging/target/rpm/vrrpd-*.noarch.rpm}, made by {@code mvn package} where
 * rpmbuild is installed, or by {@code scripts/build-rpm.sh}), queried with {@code rpm -qp} and installed
 * into a scratch root with {@code rpm --root}.
 */
public final class RpmPackage {

    /** One file of the package as {@code rpm -qp --queryformat} describes it. */
    public record Entry(String path, String mode, String user, String group, String flags, long size, String linkTo) {
        /** @return true for {@code %config} */
        public boolean config() {
            return flags.contains("c");
        }

        /** @return true for {@code %config(noreplace)} */
        public boolean noreplace() {
            return flags.contains("n");
        }
    }

    private static final Duration RPM_TIMEOUT = Duration.ofSeconds(60);
    private final Path file;

    private RpmPackage(Path file) {
        this.file = file;
    }

    /**
     * Finds the one RPM: system property {@code vrrpd.rpm.dir}, else {@code packaging/target/rpm} in this
     * or a parent directory.
     *
     * @return the package, or empty with no RPM built (rpmbuild missing)
     * @throws LabException if there is more than one
     */
    public static Optional<RpmPackage> find() {
        String prop = System.getProperty("vrrpd.rpm.dir");
        List<Path> dirs = new ArrayList<>();
        if (prop != null && !prop.isBlank()) {
            dirs.add(Path.of(prop));
        } else {
            for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
                dirs.add(d.resolve("packaging/target/rpm"));
            }
        }
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> rpms = s.filter(p -> p.getFileName().toString().endsWith(".noarch.rpm")).toList();
                if (rpms.size() > 1) {
                    throw new LabException("more than one RPM in " + dir + ": " + rpms);
                }
                if (rpms.size() == 1) {
                    return Optional.of(new RpmPackage(rpms.get(0)));
                }
            } catch (IOException e) {
                throw new LabException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /** @return the .rpm file */
    public Path file() {
        return file;
    }

    /** @return {@code rpm -qp ARGS... FILE}, which must succeed */
    public String query(String... args) {
        List<String> argv = new ArrayList<>(List.of("rpm", "-qp"));
        argv.addAll(List.of(args));
        argv.add(file.toString());
        return CommandRunner.run(RPM_TIMEOUT, argv).orThrow().stdout();
    }

    /** @return every file of the package by path, with mode (octal), owner, flags ({@code c}onfig, {@code n}oreplace, {@code d}oc), size and link target */
    public Map<String, Entry> entries() {
        String out = query("--queryformat",
                "[%{FILENAMES}\\t%{FILEMODES:octal}\\t%{FILEUSERNAME}\\t%{FILEGROUPNAME}\\t%{FILEFLAGS:fflags}"
                        + "\\t%{FILESIZES}\\t%{FILELINKTOS}\\n]");
        Map<String, Entry> map = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            map.put(f[0], new Entry(f[0], f[1], f[2], f[3], f[4], Long.parseLong(f[5]), f[6]));
        }
        return map;
    }

    /**
     * Installs the package into {@code root} as {@code rpm --root} does, without its scriptlets (they
     * would run useradd and systemctl inside a root that has neither) and without dependencies (the
     * scratch root has no Java package: the host's JVM runs the launchers).
     */
    public void installInto(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new LabException("cannot create " + root + ": " + e.getMessage(), e);
        }
        CommandRunner.run(RPM_TIMEOUT, List.of("rpm", "--root", root.toString(), "--initdb")).orThrow();
        CommandRunner.run(RPM_TIMEOUT, List.of("rpm", "--root", root.toString(), "-i", "--nodeps", "--noscripts",
                file.toString())).orThrow();
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
