package io.vrrpd.hooks.nfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The steps of one backend in takeover order; release runs them in reverse. Built per run (cheap, no I/O)
 * because the served check needs the transition's VIPs.
 */
final class StepPlan {
    private StepPlan() {
    }

    static List<Step> steps(NfsSettings s, Commands commands, GaneshaConfig.Files files, String instance,
                            Set<String> virtualIps) {
        List<Step> steps = new ArrayList<>();
        if (s.drbdResource() != null) {
            steps.add(new DrbdRole(s.drbdResource(), s.drbdForce(), commands, s.tools()));
        }
        if (s.mount() != null) {
            steps.add(ReplicatedMount.volume(s.mount(), s.unmount(), commands, s.tools()));
        }
        steps.add(new RecoveryState(s.stateDir()));
        switch (s.backend()) {
            case GANESHA -> {
                steps.add(new GaneshaServer(s, files, commands, instance));
                steps.add(new GaneshaServed(s, commands, virtualIps));
            }
            case KERNEL -> {
                steps.add(ReplicatedMount.bind(s.stateDir(), s.recoveryMount(), s.unmount(), commands, s.tools()));
                steps.add(new KernelServer(s.unit(), commands, s.tools()));
                steps.add(new KernelExports(s.exports(), commands, s.tools()));
            }
        }
        return steps;
    }
}
