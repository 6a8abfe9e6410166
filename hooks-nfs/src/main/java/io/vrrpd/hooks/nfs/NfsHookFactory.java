package io.vrrpd.hooks.nfs;

import io.vrrpd.hooks.Hook;
import io.vrrpd.hooks.HookConfigException;
import io.vrrpd.hooks.HookEnvironment;
import io.vrrpd.hooks.HookFactory;
import io.vrrpd.hooks.HookSettings;

/**
 * {@code type: nfs}: reads the settings (see docs/nfs.md) and builds an {@link NfsHook}. No processes or
 * files here (the factory also runs for {@code --check-config}): the ganesha config is rendered, and the
 * release block read, when the hook runs.
 */
public final class NfsHookFactory implements HookFactory {

    @Override
    public String type() {
        return "nfs";
    }

    @Override
    public Hook create(HookSettings settings, HookEnvironment environment) throws HookConfigException {
        NfsSettings s = NfsSettingsReader.read(settings, environment.instance());
        String instance = environment.instance();
        return new NfsHook(s, instance, new Commands(environment.commands(), instance),
                GaneshaConfig.Files.in(environment.runtimeDirectory(), instance),
                new ReleaseBlock(environment.stateDirectory().resolve("nfs-" + instance + ".release-incomplete")));
    }
}
