package io.vrrpd.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The PostgreSQL lab's clients, run inside a lab namespace by {@link LabJava} (pgjdbc, one line per event on
 * stdout, flushed at once, times as microseconds since the epoch so the test JVM on the same machine can
 * compare them with its own events):
 * <ul>
 *   <li>{@code writer HOST [PAUSE_MS]}: commits numbered rows ({@code INSERT INTO writes(id)}, autocommit)
 *       through HOST (the VIP) and prints {@code ack ID MICROS} for every commit the server acknowledged
 *       and {@code error ID MICROS SQLSTATE MESSAGE} for every one it did not (the row may or may not exist
 *       then; only acknowledged rows count as lost if missing). After an error it reconnects; a TCP connect
 *       bounded to 100 ms comes first, because pgjdbc's connectTimeout counts in whole seconds and would
 *       blur the end of the outage; a failed attempt is retried 20 ms later, so once the VIP answers on
 *       the new primary the writer is back within about 120 ms (a sub-second outage must be visible).</li>
 *   <li>{@code probe PERIOD_MS HOST...}: asks every HOST (the nodes' own addresses) every PERIOD_MS whether
 *       it accepts a write: {@code SELECT pg_is_in_recovery()} and, when false, a real committed insert into
 *       {@code lab_probe} with {@code synchronous_commit = local} (a primary that waits for a standby still
 *       accepts the write). Prints {@code sample MICROS S1 S2 ...} with W (accepted a write), R (read-only),
 *       D (unreachable or failed) or ? (no answer within two periods) per host; each host has its own
 *       thread so a hung one never delays the other's sample.</li>
 * </ul>
 * Runs until killed (the lab sends SIGTERM).
 */
public final class PgClientMain {

    private static final int CONNECT_PROBE_MS = 100;
    private static final PrintStream OUT = new PrintStream(System.out, true);

    private PgClientMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("writer")) {
            writer(args[1], args.length > 2 ? Long.parseLong(args[2]) : 2);
        } else if (args.length >= 3 && args[0].equals("probe")) {
            List<String> hosts = List.of(args).subList(2, args.length);
            probe(Long.parseLong(args[1]), hosts);
        } else {
            System.err.println("usage: PgClientMain writer HOST [PAUSE_MS] | probe PERIOD_MS HOST...");
            System.exit(64);
        }
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static void writer(String host, long pauseMs) throws InterruptedException {
        OUT.println("writer start " + micros() + " " + host);
        Connection c = null;
        long id = 0;
        while (true) {
            if (c == null) {
                c = connect(host);
                if (c == null) {
                    Thread.sleep(20);
                    continue;
                }
            }
            id++;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO writes(id) VALUES (?)")) {
                ps.setLong(1, id);
                ps.executeUpdate();
                OUT.println("ack " + id + " " + micros());
            } catch (SQLException e) {
                OUT.println("error " + id + " " + micros() + " " + e.getSQLState() + " " + oneLine(e));
                closeQuietly(c);
                c = null;
            }
            if (pauseMs > 0) {
                Thread.sleep(pauseMs);
            }
        }
    }

    private static void probe(long periodMs, List<String> hosts) throws InterruptedException {
        List<AtomicReference<long[]>> latest = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            AtomicReference<long[]> ref = new AtomicReference<>(new long[] {0, '?'});
            latest.add(ref);
            String host = hosts.get(i);
            Thread t = new Thread(() -> probeLoop(host, periodMs, ref), "probe-" + host);
            t.setDaemon(true);
            t.start();
        }
        long next = System.nanoTime();
        while (true) {
            next += periodMs * 1_000_000L;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
            }
            long now = micros();
            StringBuilder line = new StringBuilder("sample ").append(now);
            for (AtomicReference<long[]> ref : latest) {
                long[] v = ref.get();
                boolean fresh = now - v[0] <= 2 * periodMs * 1000;
                line.append(' ').append(fresh ? (char) v[1] : '?');
            }
            OUT.println(line);
        }
    }

    private static void probeLoop(String host, long periodMs, AtomicReference<long[]> latest) {
        Connection c = null;
        while (true) {
            char state;
            if (c == null) {
                c = connect(host);
            }
            if (c == null) {
                state = 'D';
            } else {
                try {
                    state = writable(c, host) ? 'W' : 'R';
                } catch (SQLException e) {
                    state = 'D';
                    closeQuietly(c);
                    c = null;
                }
            }
            latest.set(new long[] {micros(), state});
            try {
                Thread.sleep(periodMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean writable(Connection c, String host) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return false;
            }
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL synchronous_commit = local");
            s.executeUpdate("INSERT INTO lab_probe(node) VALUES ('" + host + "')");
            c.commit();
            return true;
        } catch (SQLException e) {
            // 25006 read_only_sql_transaction: the server turned standby between the two statements.
            c.rollback();
            if ("25006".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static Connection connect(String host) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, PostgresConf.PORT), CONNECT_PROBE_MS);
        } catch (IOException e) {
            return null;
        }
        Properties p = new Properties();
        p.setProperty("user", PostgresConf.APP_USER);
        p.setProperty("password", PostgresConf.APP_PASSWORD);
        p.setProperty("connectTimeout", "1");
        p.setProperty("loginTimeout", "2");
        // A commit whose server died without a word (cable cut) must not block the client for long.
        p.setProperty("socketTimeout", "2");
        p.setProperty("tcpKeepAlive", "true");
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + PostgresConf.PORT + "/"
                    + PostgresConf.DATABASE, p);
        } catch (SQLException e) {
            return null;
        }
    }

    private static String oneLine(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.replace('\n', ' ');
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // The connection is broken already; closing is only tidiness.
        }
    }
}
