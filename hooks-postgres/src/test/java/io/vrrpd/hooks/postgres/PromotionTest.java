package io.vrrpd.hooks.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vrrpd.hooks.postgres.Promotion.Method;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionTest {
    static final String SEED_RECOVERY_CONF = "standby_mode = 'on'\n"
            + "primary_conninfo = 'host=192.0.2.11 port=5432 user=replicator'\n"
            + "trigger_file = '/tmp/postgresql.trigger'\n";

    @Test
    void twelveAndLaterUsePgPromote() {
        assertEquals(Method.PG_PROMOTE, Promotion.choose(12, Optional.empty()).method());
        assertEquals(Method.PG_PROMOTE, Promotion.choose(15, Optional.of(SEED_RECOVERY_CONF)).method());
    }

    @Test
    void tenAndElevenTouchTheTriggerFileTheirRecoveryConfNames() {
        for (int major : new int[] {10, 11}) {
            Promotion p = Promotion.choose(major, Optional.of(SEED_RECOVERY_CONF));
            assertEquals(Method.TRIGGER_FILE, p.method());
            assertEquals(Path.of("/tmp/postgresql.trigger"), p.triggerFile());
        }
    }

    @Test
    void tenAndElevenWithoutATriggerFileUsePgCtlPromote() {
        Promotion p = Promotion.choose(10, Optional.of("standby_mode = 'on'\ntrigger_file = ''\n"));
        assertEquals(Method.PG_CTL_PROMOTE, p.method());
        assertNull(p.triggerFile());
        assertEquals(Method.PG_CTL_PROMOTE, Promotion.choose(11, Optional.empty()).method());
    }
}
