package io.vrrpd.track;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * keepalived's {@code enable_script_security} check (lib/notify.c, check_security), for scripts vrrpd would
 * run as root: every component of the script's path, from {@code /} down, must be owned by root and, for a
 * file or a directory without the sticky bit, not writable by a non-root group or by others. Otherwise
 * anyone who can write there can make root run their code. keepalived then disables the script ("Disabling
 * track script X due to insecure"): a track script is dropped from tracking, a notify script not run.
 */
public final class ScriptSecurity {
    private ScriptSecurity() {
    }

    /**
     * Why {@code program} is unsafe to run as root, or empty when it is safe. A bare name is looked up in
     * {@code PATH} as the script would be.
     */
    public static Optional<String> problem(String program) {
        Path path = resolve(program);
        if (path == null) {
            return Optional.of(program + " not found in PATH");
        }
        Path current = path.getRoot();
        if (current == null) {
            return Optional.of(program + " is not an absolute path");
        }
        Optional<String> p = check(current, program, true);
        if (p.isPresent()) {
            return p;
        }
        int n = path.getNameCount();
        for (int i = 0; i < n; i++) {
            current = current.resolve(path.getName(i));
            p = check(current, program, i < n - 1);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(Path component, String program, boolean mustBeDirectory) {
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(component, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot read " + component + " (" + e.getMessage() + ")");
        }
        int uid = (Integer) attrs.get("uid");
        int gid = (Integer) attrs.get("gid");
        int mode = (Integer) attrs.get("mode");
        boolean dir = (mode & 0170000) == 0040000;
        boolean regular = (mode & 0170000) == 0100000;
        boolean link = (mode & 0170000) == 0120000;
        if (mustBeDirectory ? !dir : !(regular || link)) {
            return Optional.of("wrong file type at " + component + " in the path of " + program);
        }
        boolean sticky = (mode & 01000) != 0;
        boolean checkWrite = (dir && !sticky) || regular;
        if (uid != 0) {
            return Optional.of(component + " is owned by uid " + uid + ", not root");
        }
        if (checkWrite && ((gid != 0 && (mode & 0020) != 0) || (mode & 0002) != 0)) {
            return Optional.of(component + " is writable by " + ((mode & 0002) != 0 ? "everyone" : "group " + gid));
        }
        return Optional.empty();
    }

    private static Path resolve(String program) {
        if (program.contains("/")) {
            return Path.of(program).toAbsolutePath().normalize();
        }
        String pathVar = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : pathVar.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
