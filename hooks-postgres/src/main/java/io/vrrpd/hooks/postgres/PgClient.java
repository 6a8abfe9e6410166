package io.vrrpd.hooks.postgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The hook's SQL, through pgjdbc (no psql subprocesses): one short connection per question, with
 * connect, login and socket timeouts so a dead or hanging server costs at most {@code connect_timeout}
 * per step. Passwords come from the endpoint's pgpass file ({@link PgPass}) and are never logged; pgjdbc
 * puts none in its messages. Every method throws {@link SQLException} or {@link IOException} with a
 * one-line message naming the server.
 */
final class PgClient {
    /**
     * The local server gets at least this long: a timeout there means an overloaded machine, not a dead
     * server, and reading it as "not running" would fault (and fence) a healthy primary. Only questions to
     * the peer, where a timeout is the sign of a dead host, are cut short to {@code connect_timeout}.
     */
    static final Duration LOCAL_MIN_TIMEOUT = Duration.ofSeconds(5);

    private final Duration timeout;
    private final Endpoint local;

    /**
     * @param timeout connect and login timeout for the peer
     * @param local   the local endpoint, which gets {@link #LOCAL_MIN_TIMEOUT} at least (null: none)
     */
    PgClient(Duration timeout, Endpoint local) {
        this.timeout = timeout;
        this.local = local;
    }

    Connection connect(Endpoint e) throws SQLException, IOException {
        if (!e.equals(local) && timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            probe(e);
        }
        Properties p = new Properties();
        p.setProperty("user", e.user());
        PgPass.lookup(e).ifPresent(pw -> p.setProperty("password", pw));
        Duration t = e.equals(local) && timeout.compareTo(LOCAL_MIN_TIMEOUT) < 0 ? LOCAL_MIN_TIMEOUT : timeout;
        int secs = (int) Math.max(1, (t.toMillis() + 999) / 1000);
        p.setProperty("connectTimeout", Integer.toString(secs));
        p.setProperty("loginTimeout", Integer.toString(secs));
        p.setProperty("socketTimeout", Integer.toString(secs * 2));
        p.setProperty("ApplicationName", "vrrpd");
        p.setProperty("tcpKeepAlive", "true");
        String host = e.host().contains(":") ? "[" + e.host() + "]" : e.host();
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + e.port() + "/" + e.database(), p);
    }

    /**
     * A sub-second {@code connect_timeout} for the peer: pgjdbc counts its timeouts in whole seconds, so a
     * plain TCP connect bounded in milliseconds comes first. A peer whose host does not complete the TCP
     * handshake in time is unreachable, exactly as it would be after pgjdbc's timeout, only sooner; one
     * that answers is then asked through pgjdbc as usual. Only a configured sub-second value takes this
     * path (fast-failover set-ups with VRRPv3 adverts); the default of 1 s never does.
     */
    private void probe(Endpoint e) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(e.host(), e.port()), (int) Math.max(1, timeout.toMillis()));
        } catch (SocketTimeoutException ex) {
            throw new IOException(e.host() + ":" + e.port() + ": no TCP answer within " + timeout.toMillis() + " ms");
        }
    }

    /** What the server is now; never throws: a failure is an unreachable server with the reason. */
    ServerFacts observe(Endpoint e) {
        try (Connection c = connect(e)) {
            return facts(c);
        } catch (SQLException | IOException | RuntimeException ex) {
            return ServerFacts.unreachable(oneLine(ex));
        }
    }

    /** What the server behind {@code c} is now. */
    ServerFacts facts(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            boolean recovery;
            long sysId;
            int version;
            try (ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery(), "
                    + "(SELECT system_identifier FROM pg_control_system()), "
                    + "current_setting('server_version_num')::int")) {
                rs.next();
                recovery = rs.getBoolean(1);
                sysId = rs.getLong(2);
                version = rs.getInt(3);
            }
            if (!recovery) {
                try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn(), pg_walfile_name(pg_current_wal_lsn())")) {
                    rs.next();
                    return ServerFacts.primary(sysId, version, Integer.parseInt(rs.getString(2).substring(0, 8), 16),
                            Lsn.parse(rs.getString(1)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn(), "
                    + "(SELECT timeline_id FROM pg_control_checkpoint()), "
                    + "r.status, r.received_tli, r.conninfo "
                    + "FROM (SELECT 1) AS one LEFT JOIN pg_stat_wal_receiver AS r ON true")) {
                rs.next();
                String status = rs.getString(4);
                int tli = Math.max(rs.getInt(5), rs.getInt(3));
                String conninfo = rs.getString(6);
                Lsn received = lsn(rs.getString(1));
                Lsn replayed = lsn(rs.getString(2));
                return ServerFacts.standby(sysId, version, Math.max(tli, newestHistory(st)), received, replayed,
                        status == null ? "" : status, conninfo == null ? "" : StandbyConfig.conninfoHost(conninfo));
            }
        }
    }

    /**
     * Asks a 12+ standby to promote without waiting ({@code pg_promote(false)}): the caller polls
     * {@link #inRecovery} every few milliseconds, where {@code pg_promote(true)} would poll every 100 ms.
     */
    boolean promoteNoWait(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_promote(false)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    boolean inRecovery(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    String syncStandbyNames(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('synchronous_standby_names')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * {@code ALTER SYSTEM SET synchronous_standby_names} and {@code pg_reload_conf()}. Lowering it to empty
     * releases every backend waiting for a synchronous commit (syncrep.c, SyncRepUpdateSyncStandbysDefined).
     */
    void setSyncStandbyNames(Connection c, String value) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET synchronous_standby_names = " + StandbyConfig.literal(value));
            st.execute("SELECT pg_reload_conf()");
        }
    }

    /**
     * The newest timeline whose history file the standby holds. A standby exposes no replay timeline:
     * the walreceiver's received_tli is gone once the primary is, and pg_control_checkpoint() moves only
     * at restartpoints, so a standby that followed a promotion would still say the old timeline.
     * pg_ls_waldir() needs superuser or pg_monitor; without it this is 0 and the other sources count.
     */
    private static int newestHistory(Statement st) {
        int newest = 0;
        try (ResultSet rs = st.executeQuery("SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{8}[.]history$'")) {
            while (rs.next()) {
                newest = Math.max(newest, Integer.parseUnsignedInt(rs.getString(1).substring(0, 8), 16));
            }
        } catch (SQLException | NumberFormatException e) {
            return 0;
        }
        return newest;
    }

    /** {@code synchronous_standby_names} now. */
    String syncStandbyNames(Endpoint e) throws SQLException, IOException {
        try (Connection c = connect(e)) {
            return syncStandbyNames(c);
        }
    }

    void setSyncStandbyNames(Endpoint e, String value) throws SQLException, IOException {
        try (Connection c = connect(e)) {
            setSyncStandbyNames(c, value);
        }
    }

    /** The walsenders, from {@code pg_stat_replication}. */
    List<SyncStandbyPolicy.Sender> senders(Endpoint e) throws SQLException, IOException {
        List<SyncStandbyPolicy.Sender> out = new ArrayList<>();
        try (Connection c = connect(e); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT application_name, host(client_addr), state FROM pg_stat_replication")) {
            while (rs.next()) {
                out.add(new SyncStandbyPolicy.Sender(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** The standby's replay position, for the planned handover's confirmation. */
    Lsn replayLsn(Endpoint e) throws SQLException, IOException {
        try (Connection c = connect(e); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_last_wal_replay_lsn()")) {
            rs.next();
            return lsn(rs.getString(1));
        }
    }

    /** A CHECKPOINT on the new primary, so its control file carries its timeline before pg_rewind reads it. */
    void checkpoint(Endpoint e, Duration limit) throws SQLException, IOException {
        try (Connection c = connect(e); Statement st = c.createStatement()) {
            st.setQueryTimeout((int) Math.max(1, limit.toSeconds()));
            st.execute("CHECKPOINT");
        }
    }

    private static Lsn lsn(String s) {
        return s == null ? Lsn.ZERO : Lsn.parse(s);
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).strip();
    }
}
