package io.lblab.reconciler;

import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.lblab.api.Condition;
import io.lblab.api.LabAnnotations;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabStatus;
import io.lblab.api.Phase;
import io.lblab.api.StepState;
import io.lblab.api.StepStatus;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * JOSDK glue: runs one reconcile of the lab, writes the status only when it changed, reports transitions as Events,
 * and on deletion runs the teardown behind the finalizer. Reconciles come from the lab itself, the Secrets it names,
 * and the end of its Azure operations.
 */
// safety net: even if a reschedule or an operation event were lost, every lab is looked at again within 15 minutes
// annotations (lblab.io/paused, plan-only, retry, adopt-resource-group) reconcile too: LabUpdateFilter decides
@ControllerConfiguration(name = "loadbalancerlab", generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = LabUpdateFilter.class),
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 15, timeUnit = TimeUnit.MINUTES))
public class LoadBalancerLabReconciler implements ConfigurableReconciler<LoadBalancerLab>, Cleaner<LoadBalancerLab> {

    private static final Logger LOG = Logger.getLogger(LoadBalancerLabReconciler.class);

    private final LabReconcile reconcile;
    private final LabTeardown teardown;
    private final OperationEvents operationEvents;
    private final LabSecrets secrets;
    private final LabEvents events;
    private final Shard shard;
    private final LabExports exports;
    @Inject
    LabMetrics metrics;

    public LoadBalancerLabReconciler(LabReconcile reconcile, LabTeardown teardown, OperationEvents operationEvents,
                                     LabSecrets secrets, LabEvents events, LabExports exports, OperatorConfig config) {
        this.reconcile = reconcile;
        this.teardown = teardown;
        this.operationEvents = operationEvents;
        this.secrets = secrets;
        this.events = events;
        this.exports = exports;
        this.shard = new Shard(config.shard());
    }

    @Override
    public void updateConfigurationFrom(ControllerConfigurationOverrider<LoadBalancerLab> configuration) {
        shard.labelSelector().ifPresent(selector -> {
            LOG.infof("shard %s: reconciling only the labs labelled %s", shard.name().orElseThrow(), selector);
            configuration.withLabelSelector(selector);
        });
    }

    @Override
    public List<EventSource<?, LoadBalancerLab>> prepareEventSources(EventSourceContext<LoadBalancerLab> context) {
        List<EventSource<?, LoadBalancerLab>> sources = new ArrayList<>();
        sources.add(operationEvents.eventSource());
        sources.add(secrets.eventSource(context));
        sources.addAll(exports.eventSources(context));
        return sources;
    }

    @Override
    public UpdateControl<LoadBalancerLab> reconcile(LoadBalancerLab lab, Context<LoadBalancerLab> context) {
        LabReconcile.Result result = reconcile.reconcile(lab);
        LoadBalancerLabStatus previous = lab.getStatus();
        if (result.adopted() != null) {
            events.normal(lab, "ResourceGroupAdopted", "resource group " + result.adopted() + " adopted (" + LabAnnotations.ADOPT_RESOURCE_GROUP
                    + "): tagged as this lab's; nothing in it is deleted unless deletionPolicy is DeleteAdopted");
        }
        if (result.retryRequested() != null) {
            events.normal(lab, "RetryRequested", LabAnnotations.RETRY + " is now \"" + result.retryRequested()
                    + "\": failures that waited for a person are tried once more");
        }
        if (!sameStatus(previous, result.status())) {
            reportTransitions(lab, previous, result.status());
            writeStatus(lab, result.status(), context);
        }
        metrics.reconciled(lab, previous, result.status(), context);
        exports.apply(lab, result.status());
        UpdateControl<LoadBalancerLab> control = UpdateControl.noUpdate();
        return result.reschedule() == null ? control : control.rescheduleAfter(result.reschedule());
    }

    @Override
    public DeleteControl cleanup(LoadBalancerLab lab, Context<LoadBalancerLab> context) {
        LabTeardown.Decision decision = teardown.teardown(lab);
        if (decision.release()) {
            metrics.forget(lab);
            events.normal(lab, decision.event(), decision.outcome().message());
            return DeleteControl.defaultDelete();
        }
        LoadBalancerLabStatus current = lab.getStatus();
        Outcome waiting = decision.outcome();
        if (LabAnnotations.paused(lab)) {
            waiting = new Outcome(waiting.reason(), waiting.message() + " (" + LabAnnotations.PAUSED
                    + " does not stop a deletion; the finalizer waits for Azure)", waiting.retryAfter());
        }
        LoadBalancerLabStatus deleting = StatusProjector.deleting(lab, waiting);
        if (current == null || current.phase() != Phase.Deleting) {
            events.normal(lab, ReadyReason.Deleting.name(), waiting.message());
        }
        if (!sameStatus(current, deleting)) {
            try {
                writeStatus(lab, deleting, context);
            } catch (RuntimeException e) {
                // informational while the finalizer works; the deletion goes on regardless
                LOG.debugf("%s/%s: status update during deletion failed: %s", lab.getMetadata().getNamespace(),
                        lab.getMetadata().getName(), e.getMessage());
            }
        }
        DeleteControl wait = DeleteControl.noFinalizerRemoval();
        return decision.outcome().retryAfter() == null ? wait : wait.rescheduleAfter(decision.outcome().retryAfter());
    }

    /**
     * Writes the status subresource with optimistic locking, retrying a conflict on the latest copy, and caches the
     * result so the next reconcile sees it even before the informer does (JOSDK's PrimaryUpdateAndCacheUtils).
     */
    private static void writeStatus(LoadBalancerLab lab, LoadBalancerLabStatus status, Context<LoadBalancerLab> context) {
        PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(lab, context, fresh -> {
            fresh.setStatus(status);
            return fresh;
        });
        lab.setStatus(status);
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
            } else if (ReadyReason.Paused.name().equals(now.reason())) {
                events.normal(lab, "Paused", now.message());
            }
            if (was != null && ReadyReason.Paused.name().equals(was.reason()) && !ReadyReason.Paused.name().equals(now.reason())) {
                events.normal(lab, "Resumed", LabAnnotations.PAUSED + " lifted: the operator writes to Azure again");
            }
            if (was != null && ReadyReason.PlanReady.name().equals(was.reason()) && !ReadyReason.PlanReady.name().equals(now.reason())) {
                events.normal(lab, "PlanApplying", LabAnnotations.PLAN_ONLY + " lifted: the operator applies the spec");
            }
        }
        if (next.plan() != null && (previous == null || previous.plan() == null
                || !Objects.equals(previous.plan().resources(), next.plan().resources()))) {
            events.normal(lab, "PlanReady", "plan for generation " + next.plan().generation() + ": " + next.plan().summary());
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
                && a.backends().equals(b.backends())
                && Objects.equals(a.plan(), b.plan());
    }
}
