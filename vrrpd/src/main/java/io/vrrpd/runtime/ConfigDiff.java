package io.vrrpd.runtime;

import io.vrrpd.config.InstanceConfig;

/** What a reload may change in place, without restarting an instance. */
final class ConfigDiff {
    private ConfigDiff() {
    }

    /**
     * True when the two configurations differ in priority only: the instance keeps its state and VIPs
     * and advertises the new priority (a restart would make a master resign for nothing).
     */
    static boolean onlyPriorityDiffers(InstanceConfig a, InstanceConfig b) {
        if (a.priority() == b.priority() || a.priority() == 255 || b.priority() == 255) {
            return false; // becoming or ceasing to be the address owner changes the election itself
        }
        return withPriority(a, b.priority()).equals(b);
    }

    static InstanceConfig withPriority(InstanceConfig c, int priority) {
        return new InstanceConfig(c.name(), c.initialState(), c.interfaceName(), c.vrid(), priority,
                c.advertInterval(), c.version(), c.preempt(), c.preemptDelay(), c.auth(), c.virtualIps(),
                c.excludedVirtualIps(), c.trackInterfaces(), c.trackScripts(), c.trackFiles(), c.notifications(),
                c.smtpAlert(), c.garp(), c.unicastSrcIp(), c.unicastPeers(), c.hooks());
    }
}
