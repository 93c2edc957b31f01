package io.lblab.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.lblab.api.Condition;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabStatus;
import io.lblab.api.Phase;
import io.lblab.api.StepState;
import io.lblab.api.StepStatus;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * JOSDK glue: runs a convergence pass, writes the status only when it changed, reports transitions as Events, and
 * on deletion runs the teardown behind the finalizer.
 */
// safety net: even if a reschedule or an operation event were lost, every lab is looked at again within 15 minutes
@ControllerConfiguration(name = "loadbalancerlab",
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 15, timeUnit = TimeUnit.MINUTES))
public class LoadBalancerLabReconciler implements Reconciler<LoadBalancerLab>, Cleaner<LoadBalancerLab> {

    private static final Logger LOG = Logger.getLogger(LoadBalancerLabReconciler.class);

    private final LabConvergence convergence;
    private final LabTeardown teardown;
    private final OperationEvents operationEvents;
    private final LabEvents events;
    /** The status last written per lab uid: the informer cache may not show it yet at the next reconcile. */
    private final Map<String, LoadBalancerLabStatus> written = new ConcurrentHashMap<>();

    public LoadBalancerLabReconciler(LabConvergence convergence, LabTeardown teardown, OperationEvents operationEvents, LabEvents events) {
        this.convergence = convergence;
        this.teardown = teardown;
        this.operationEvents = operationEvents;
        this.events = events;
    }

    @Override
    public List<EventSource<?, LoadBalancerLab>> prepareEventSources(EventSourceContext<LoadBalancerLab> context) {
        return List.of(operationEvents.eventSource());
    }

    @Override
    public UpdateControl<LoadBalancerLab> reconcile(LoadBalancerLab lab, Context<LoadBalancerLab> context) {
        LoadBalancerLabStatus last = written.get(lab.getMetadata().getUid());
        if (last != null) {
            lab.setStatus(last);
        }
        ReconcileOutcome outcome = convergence.reconcile(lab);
        LoadBalancerLabStatus previous = lab.getStatus();
        UpdateControl<LoadBalancerLab> control = UpdateControl.noUpdate();
        if (!sameStatus(previous, outcome.status())) {
            reportTransitions(lab, previous, outcome.status());
            writeStatus(lab, outcome.status(), context);
            written.put(lab.getMetadata().getUid(), outcome.status());
        }
        if (outcome.reschedule() != null) {
            control.rescheduleAfter(outcome.reschedule());
        }
        return control;
    }

    @Override
    public DeleteControl cleanup(LoadBalancerLab lab, Context<LoadBalancerLab> context) {
        LabTeardown.Decision decision = teardown.teardown(lab);
        if (decision.release()) {
            written.remove(lab.getMetadata().getUid());
            events.normal(lab, decision.reason(), decision.message());
            return DeleteControl.defaultDelete();
        }
        LoadBalancerLabStatus current = lab.getStatus();
        Condition ready = current == null ? null : current.condition(Condition.READY);
        if (current == null || current.phase() != Phase.Deleting || ready == null || !decision.reason().equals(ready.reason())
                || !decision.message().equals(ready.message())) {
            if (current == null || current.phase() != Phase.Deleting) {
                events.normal(lab, "Deleting", decision.message());
            }
            try {
                writeStatus(lab, StatusProjector.deleting(lab, decision.reason(), decision.message()), context);
            } catch (RuntimeException e) {
                // the status is informational here; the finalizer's work goes on regardless
            }
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(decision.recheck());
    }

    /**
     * Drops the statuses remembered between reconciles, as a restart of the operator would (with
     * {@link LabRuntimes#forgetAll()}): the next reconcile of each lab starts from the status the informer shows.
     */
    void forgetAll() {
        written.clear();
    }

    /**
     * Replaces the status subresource whole (no resourceVersion: unconditional). A patch computed against the
     * informer's copy goes wrong when that copy lags behind the status last written.
     */
    private static void writeStatus(LoadBalancerLab lab, LoadBalancerLabStatus status, Context<LoadBalancerLab> context) {
        LoadBalancerLab update = new LoadBalancerLab();
        update.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(lab.getMetadata().getName())
                .withNamespace(lab.getMetadata().getNamespace())
                .build());
        update.setSpec(lab.getSpec());
        update.setStatus(status);
        lab.setStatus(status);
        try {
            context.getClient().resource(update).updateStatus();
        } catch (RuntimeException e) {
            LOG.debugf("status update of lab %s failed: %s", lab.getMetadata().getName(), e.getMessage());
            throw e;
        }
    }

    private void reportTransitions(LoadBalancerLab lab, LoadBalancerLabStatus previous, LoadBalancerLabStatus next) {
        Map<String, StepStatus> before = previous == null ? Map.of()
                : previous.steps().stream().collect(Collectors.toMap(StepStatus::name, Function.identity(), (a, b) -> a));
        for (StepStatus step : next.steps()) {
            StepStatus old = before.get(step.name());
            if (old != null && old.state() == step.state()) {
                continue;
            }
            if (step.state() == StepState.Succeeded) {
                events.normal(lab, "StepSucceeded", step.name() + " is provisioned");
            } else if (step.state() == StepState.Failed) {
                events.warning(lab, "StepFailed", step.name() + ": " + step.message());
            }
        }
        Condition was = previous == null ? null : previous.condition(Condition.READY);
        Condition now = next.condition(Condition.READY);
        if (now != null && (was == null || !Objects.equals(was.reason(), now.reason()))) {
            if (Condition.TRUE.equals(now.status())) {
                events.normal(lab, "Ready", "frontend " + next.frontendIP() + "; " + now.message());
            } else if (next.phase() == Phase.Failed) {
                events.warning(lab, now.reason(), now.message());
            }
        }
    }

    /** Equal but for condition timestamps: writing would change nothing a user could act on. */
    static boolean sameStatus(LoadBalancerLabStatus a, LoadBalancerLabStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.conditions().size() != b.conditions().size()) {
            return false;
        }
        for (int i = 0; i < a.conditions().size(); i++) {
            if (!a.conditions().get(i).sameStateAs(b.conditions().get(i))) {
                return false;
            }
        }
        return a.phase() == b.phase()
                && Objects.equals(a.frontendIP(), b.frontendIP())
                && Objects.equals(a.outboundIP(), b.outboundIP())
                && Objects.equals(a.resourceGroup(), b.resourceGroup())
                && Objects.equals(a.observedGeneration(), b.observedGeneration())
                && a.steps().equals(b.steps())
                && a.backends().equals(b.backends());
    }
}
