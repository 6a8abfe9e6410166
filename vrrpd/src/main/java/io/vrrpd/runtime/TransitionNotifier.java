package io.vrrpd.runtime;

import io.vrrpd.election.Action;
import io.vrrpd.net.SystemdNotifier;

/** Tells systemd (STATUS=) about each transition, so {@code systemctl status vrrpd} shows the roles. */
final class TransitionNotifier implements InstanceRuntime.TransitionListener {
    private final SystemdNotifier systemd;

    TransitionNotifier(SystemdNotifier systemd) {
        this.systemd = systemd;
    }

    @Override
    public void onTransition(InstanceRuntime instance, Action.Transition t) {
        systemd.status("(" + instance.name() + ") " + t.to() + ": " + t.reason());
    }
}
