package io.vrrpd.runtime;

import io.vrrpd.config.Globals;
import io.vrrpd.config.InstanceConfig;
import io.vrrpd.election.Action;
import io.vrrpd.hooks.HealthCheck;
import io.vrrpd.hooks.HookContext;
import io.vrrpd.hooks.HookResult;
import io.vrrpd.mail.MailCounters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Passes everything to real hooks and also tells a recorder of each transition, when the hooks hear it. */
final class RecordingHooks implements InstanceHooks {
    private final InstanceHooks inner;
    private final InstanceRuntime.TransitionListener recorder;
    private final java.util.function.Consumer<String> groupRecorder;

    RecordingHooks(InstanceHooks inner, InstanceRuntime.TransitionListener recorder) {
        this(inner, recorder, g -> { });
    }

    /** Also tells {@code groupRecorder} of each sync-group state change, as {@code "G BACKUP -> MASTER"}. */
    RecordingHooks(InstanceHooks inner, InstanceRuntime.TransitionListener recorder,
                   java.util.function.Consumer<String> groupRecorder) {
        this.inner = inner;
        this.recorder = recorder;
        this.groupRecorder = groupRecorder;
    }

    @Override
    public void onTransition(InstanceRuntime instance, Action.Transition transition) {
        onTransition(instance, transition, instance.transitionSequence(), false);
    }

    @Override
    public void onTransition(InstanceRuntime instance, Action.Transition transition, long sequence,
                             boolean releaseDone) {
        recorder.onTransition(instance, transition);
        inner.onTransition(instance, transition, sequence, releaseDone);
    }

    @Override
    public void configure(InstanceConfig instance) {
        inner.configure(instance);
    }

    @Override
    public void forget(String instance) {
        inner.forget(instance);
    }

    @Override
    public List<HookResult> recent(String instance) {
        return inner.recent(instance);
    }

    @Override
    public boolean gates(String instance) {
        return inner.gates(instance);
    }

    @Override
    public boolean releases(String instance) {
        return inner.releases(instance);
    }

    @Override
    public CompletableFuture<List<HookResult>> takeover(HookContext context) {
        return inner.takeover(context);
    }

    @Override
    public CompletableFuture<List<HookResult>> plannedRelease(HookContext context) {
        return inner.plannedRelease(context);
    }

    @Override
    public Map<String, HealthCheck> healthChecks(String instance) {
        return inner.healthChecks(instance);
    }

    @Override
    public Set<String> actions(String instance) {
        return inner.actions(instance);
    }

    @Override
    public CompletableFuture<List<HookResult>> action(String action, HookContext context) {
        return inner.action(action, context);
    }

    @Override
    public void onGroupTransition(io.vrrpd.config.SyncGroup group, io.vrrpd.election.State from,
                                  io.vrrpd.election.State to, String reason) {
        groupRecorder.accept(group.name() + " " + from + " -> " + to);
        inner.onGroupTransition(group, from, to, reason);
    }

    @Override
    public void reconfigure(Globals globals) {
        inner.reconfigure(globals);
    }

    @Override
    public Optional<MailCounters> mailCounters() {
        return inner.mailCounters();
    }

    @Override
    public void close() {
        inner.close();
    }
}
