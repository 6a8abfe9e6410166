package io.vrrpd.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes small shell scripts for the tests. */
final class Scripts {

    private Scripts() {
    }

    static Path write(Path dir, String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A script that appends its name and arguments as one line to {@code log}. */
    static Path recording(Path dir, String name, Path log) throws IOException {
        return write(dir, name, "echo \"" + name + " $*\" >> '" + log + "'");
    }
}
