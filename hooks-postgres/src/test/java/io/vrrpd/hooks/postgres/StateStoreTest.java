package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path tmp;

    @Test
    void survivesARestart() throws IOException {
        StateStore a = new StateStore(tmp, "VI_1");
        assertEquals(HookState.EMPTY, a.get());
        a.update(s -> s.seenPrimary(-2L, Lsn.parse("1/2"), 3, 1234).fence("left MASTER at t (link down)"));
        HookState back = new StateStore(tmp, "VI_1").get();
        assertEquals(a.get(), back);
        assertEquals("18446744073709551614", Long.toUnsignedString(back.systemId()));
        assertTrue(Files.exists(tmp.resolve("postgres-VI_1.state")));
    }

    @Test
    void theLastPrimaryPositionIsWrittenAtMostEveryTenSecondsUnlessTheTimelineChanges() throws IOException {
        StateStore a = new StateStore(tmp, "VI_1");
        a.seen(1, Lsn.parse("0/100"), 1, 100_000);
        a.seen(1, Lsn.parse("0/200"), 1, 101_000);
        assertEquals(Lsn.parse("0/200"), a.get().lastPrimaryLsn(), "kept in memory");
        assertEquals(Lsn.parse("0/100"), new StateStore(tmp, "VI_1").get().lastPrimaryLsn());
        a.seen(1, Lsn.parse("0/300"), 2, 101_500);
        assertEquals(Lsn.parse("0/300"), new StateStore(tmp, "VI_1").get().lastPrimaryLsn());
        a.seen(1, Lsn.parse("0/400"), 2, 111_500);
        assertEquals(Lsn.parse("0/400"), new StateStore(tmp, "VI_1").get().lastPrimaryLsn());
    }

    @Test
    void aDamagedFileIsAnErrorNotAnEmptyState() throws IOException {
        Files.writeString(tmp.resolve("postgres-VI_1.state"), "last_primary_lsn=garbage\n");
        IOException e = assertThrows(IOException.class, () -> new StateStore(tmp, "VI_1").get());
        assertTrue(e.getMessage().contains("damaged state file"), e.getMessage());
    }
}
