package io.vrrpd.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An NFSv4 client in a lab node, through libnfs's command-line tools ({@code nfs-cp}, {@code nfs-cat},
 * {@code nfs-ls}, Debian's libnfs-utils): each call is its own short NFS session against
 * {@code nfs://SERVER/PSEUDO/NAME?version=4}, so a failover shows as calls that fail and later succeed.
 */
public final class NfsClient {
    /** One call may take this long; libnfs's own timeouts are longer, a hung server must not stall a test. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Node node;
    private final String server;
    private final String pseudo;
    private final Path scratch;

    NfsClient(Node node, String server, String pseudo, Path scratch) {
        this.node = node;
        this.server = server;
        this.pseudo = pseudo;
        this.scratch = scratch;
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new LabException("cannot create " + scratch + ": " + e.getMessage(), e);
        }
    }

    public String url(String name) {
        return "nfs://" + server + pseudo + (name.isEmpty() ? "" : "/" + name) + "?version=4";
    }

    /** Writes {@code content} to {@code name} on the export ({@code nfs-cp LOCAL URL}). */
    public CommandResult write(String name, String content) {
        Path local = scratch.resolve(name + ".out");
        try {
            Files.writeString(local, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot write " + local + ": " + e.getMessage(), e);
        }
        return call(List.of("nfs-cp", local.toString(), url(name)));
    }

    /** Reads {@code name} ({@code nfs-cat URL}); its content is the result's stdout. */
    public CommandResult read(String name) {
        return call(List.of("nfs-cat", url(name)));
    }

    /** Lists the export ({@code nfs-ls URL}). */
    public CommandResult list() {
        return call(List.of("nfs-ls", url("")));
    }

    private CommandResult call(List<String> argv) {
        try {
            return node.run(CALL_TIMEOUT, argv);
        } catch (LabException e) {
            // A call that hangs past its timeout is a failed call, as a client's would be.
            return new CommandResult(argv, 124, "", e.getMessage());
        }
    }
}
