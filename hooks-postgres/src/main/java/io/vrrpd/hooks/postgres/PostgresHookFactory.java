package io.vrrpd.hooks.postgres;

import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookConfigException;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookFactory;
import io.vrrpd.hooks.HookSettings;
import java.time.Clock;

/**
 * {@code type: postgres}: reads the keys of issue 7's configuration block (and the added ones in
 * docs/postgres.md) and builds a {@link PostgresHook}. Reads and checks only: no connection, process or
 * file is touched here ({@link HookFactory#create}'s contract).
 */
public final class PostgresHookFactory implements HookFactory {

    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public Hook create(HookSettings settings, HookEnvironment environment) throws HookConfigException {
        PostgresSettings s = PostgresSettings.read(settings);
        settings.finish();
        return new PostgresHook(s, environment, new PgClient(s.connectTimeout(), s.local()), Clock.systemUTC());
    }
}
