package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vrrpd.hooks.postgres.SyncStandbyPolicy.Sender;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncStandbyPolicyTest {
    static final Set<String> PEER = Set.of("192.0.2.12");
    static final List<Sender> STREAMING = List.of(new Sender("pg_basebackup", "192.0.2.99", "backup"),
            new Sender("db2", "192.0.2.12", "streaming"));

    @Test
    void requiresTheStreamingPeer() {
        assertEquals(Optional.of("\"db2\""), SyncStandbyPolicy.wanted("", STREAMING, PEER, true));
        assertEquals(Optional.empty(), SyncStandbyPolicy.wanted("\"db2\"", STREAMING, PEER, true));
    }

    @Test
    void relaxesWhenThePeerIsGoneEvenIfItsWalsenderLingers() {
        assertEquals(Optional.of(""), SyncStandbyPolicy.wanted("\"db2\"", STREAMING, PEER, false));
        assertEquals(Optional.of(""), SyncStandbyPolicy.wanted("\"db2\"", List.of(), PEER, true));
        assertEquals(Optional.of(""), SyncStandbyPolicy.wanted("\"db2\"",
                List.of(new Sender("db2", "192.0.2.12", "catchup")), PEER, true));
        assertEquals(Optional.empty(), SyncStandbyPolicy.wanted("", List.of(), PEER, false));
    }

    @Test
    void clearsAnInheritedSettingNamingSomeoneElse() {
        assertEquals(Optional.of(""), SyncStandbyPolicy.wanted("\"db1\"", List.of(), PEER, true));
    }

    @Test
    void quotesNames() {
        assertEquals("\"a\"\"b\"", SyncStandbyPolicy.quoteName("a\"b"));
    }
}
