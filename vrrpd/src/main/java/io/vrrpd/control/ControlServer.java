package io.vrrpd.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Unix-socket control server that {@code vrrpctl} talks to: JSON lines, one request and one
 * answer per connection line. The socket file is mode 0660 and, where the group exists, owned by
 * group {@code vrrpd}, so admins in that group need no root.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    /** Requests are tiny; a longer line is a confused or hostile client. */
    static final int MAX_LINE = 64 * 1024;
    private static final int MAX_CLIENTS = 8;

    private final Path path;
    private final ControlHandler handler;
    private final ServerSocketChannel server;
    private final ExecutorService workers;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(Path path, ControlHandler handler, ServerSocketChannel server) {
        this.path = path;
        this.handler = handler;
        this.server = server;
        // Client threads retire after 30 s idle (issue 10: an idle daemon holds no per-request threads);
        // a monitoring check every few seconds keeps one alive.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_CLIENTS, MAX_CLIENTS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "vrrpd-control-client");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
        this.acceptor = new Thread(this::acceptLoop, "vrrpd-control");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds the socket and starts serving.
     *
     * @throws ControlException if another daemon answers on the path, or the path cannot be bound
     */
    public static ControlServer start(Path path, ControlHandler handler) {
        Path parent = path.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new ControlException("cannot create " + parent + " for the control socket: " + e.getMessage());
        }
        if (Files.exists(path)) {
            if (ControlClient.answers(path)) {
                throw new ControlException("another vrrpd is already serving " + path
                        + "; stop it first or give this one --control-socket");
            }
            try {
                Files.deleteIfExists(path); // left behind by a crashed run
            } catch (IOException e) {
                throw new ControlException("cannot remove stale control socket " + path + ": " + e.getMessage());
            }
        }
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            throw new ControlException("cannot bind control socket " + path + ": " + e.getMessage());
        }
        restrict(path);
        ControlServer s = new ControlServer(path, handler, server);
        s.acceptor.start();
        return s;
    }

    private static void restrict(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot set mode 0660 on {}: {}", path, e.getMessage());
        }
        try {
            GroupPrincipal group = path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName("vrrpd");
            Files.setAttribute(path, "posix:group", group);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("control socket keeps its default group: {}", e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("control socket accept failed: {}", e.getMessage());
                }
                return;
            }
            if (!slots.tryAcquire()) {
                reject(client);
                continue;
            }
            try {
                workers.execute(() -> {
                    try {
                        serve(client);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                slots.release();
                closeQuietly(client);
            }
        }
    }

    private void reject(SocketChannel client) {
        try (client; OutputStream out = Channels.newOutputStream(client)) {
            write(out, ControlResponse.error(ControlResponse.TEMPORARY_FAILURE, "vrrpd is busy with " + MAX_CLIENTS + " control clients; try again"));
        } catch (IOException e) {
            LOG.debug("control client gone before rejection: {}", e.getMessage());
        }
    }

    private void serve(SocketChannel client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                     StandardCharsets.UTF_8));
             OutputStream out = Channels.newOutputStream(client)) {
            String line;
            while ((line = readLine(in)) != null) {
                write(out, answer(line));
            }
        } catch (IOException e) {
            LOG.debug("control client dropped: {}", e.getMessage());
        } catch (RuntimeException e) {
            // The one error boundary of a control thread: a bug here must not take the daemon down.
            LOG.error("control request failed", e);
        }
    }

    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException("control request longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private ControlResponse answer(String line) {
        ControlRequest request;
        try {
            Map<String, String> fields = JsonTree.topLevelText(line);
            String command = fields.get("command");
            if (command == null) {
                return ControlResponse.error(ControlResponse.BAD_REQUEST, "request has no \"command\"");
            }
            request = new ControlRequest(command, fields.get("instance"), fields.get("action"));
        } catch (IOException | IllegalArgumentException e) {
            return ControlResponse.error(ControlResponse.BAD_REQUEST, "malformed control request: " + e.getMessage());
        }
        return handler.handle(request);
    }

    private void write(OutputStream out, ControlResponse r) throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("ok", r.ok());
        node.put("message", r.message());
        node.put("exit", r.exitCode());
        if (r.body() != null) {
            node.set("body", r.body());
        }
        out.write(JsonTree.bytes(node));
        out.write('\n');
        out.flush();
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do: the client is gone either way
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing control socket: {}", e.getMessage());
        }
        workers.shutdownNow();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot remove control socket {}: {}", path, e.getMessage());
        }
    }
}
