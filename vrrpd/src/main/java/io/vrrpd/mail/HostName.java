package io.vrrpd.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This host's name for mails, as {@code uname -n} gives it. keepalived canonicalises that name through the
 * resolver (lib/utils.c {@code get_local_name()}); we do not, so that start-up never waits for DNS.
 */
public final class HostName {
    private HostName() {
    }

    /** The UTS name (the network namespace's host name on Linux), else the JDK's idea of it, else localhost. */
    public static String local() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
