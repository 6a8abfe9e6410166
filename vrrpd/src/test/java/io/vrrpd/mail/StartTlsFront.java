package io.vrrpd.mail;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A STARTTLS front for GreenMail, whose SMTP server has no STARTTLS command: it greets, answers EHLO with
 * STARTTLS, upgrades the connection to TLS with GreenMail's own test certificate, then relays the decrypted
 * session to GreenMail's plain port (swallowing GreenMail's greeting, which the client already had from us).
 * Real TLS on the wire, a real SMTP server behind. Serves connections one after another (tests send few).
 */
final class StartTlsFront implements AutoCloseable {
    private final ServerSocket server;
    private final int backendPort;
    private final SSLContext tls;
    private final Thread thread;
    private volatile int upgrades;

    StartTlsFront(int backendPort) throws Exception {
        this.backendPort = backendPort;
        KeyStore ks = new DummySSLServerSocketFactory().getKeyStore();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "starttls-front");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Sessions that were upgraded to TLS. */
    int upgrades() {
        return upgrades;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                session(client);
            } catch (IOException e) {
                // closed, or a client that went away: next one
            }
        }
    }

    private void session(Socket client) throws IOException {
        OutputStream out = client.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        write(out, "220 front ESMTP\r\n");
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.toUpperCase();
            if (cmd.startsWith("EHLO")) {
                write(out, "250-front\r\n250 STARTTLS\r\n");
            } else if (cmd.startsWith("STARTTLS")) {
                write(out, "220 go ahead\r\n");
                break;
            } else if (cmd.startsWith("QUIT")) {
                write(out, "221 bye\r\n");
                return;
            } else {
                write(out, "530 must issue STARTTLS first\r\n");
            }
        }
        if (line == null) {
            return;
        }
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), false);
        secure.setUseClientMode(false);
        secure.startHandshake();
        upgrades++;
        try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            InputStream bin = backend.getInputStream();
            int c;
            while ((c = bin.read()) != -1 && c != '\n') {
                // GreenMail's greeting line: the client already had ours
            }
            Thread up = new Thread(() -> pump(secure, backend), "starttls-front-up");
            up.setDaemon(true);
            up.start();
            pump(backend, secure);
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // one side closed: the session is over
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
