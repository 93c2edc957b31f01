package io.lblab.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lblab.api.DeletionPolicy;
import io.lblab.api.LabAnnotations;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.LoadBalancerLabStatus;
import io.lblab.api.PlanStatus;
import io.lblab.azure.AzureAccess;
import io.lblab.azure.AzureGateway;
import io.lblab.azure.AzureGateways;
import io.lblab.azure.ResourceGroupState;
import io.lblab.azure.WriteBudget;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.Blueprints;
import io.lblab.blueprint.VmImages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One reconcile of a lab, as a chain of named steps: validate the spec → resolve access (credentials, VM password)
 * → ensure the resource group → observe Azure → plan → act → project the status. A step that cannot go on ends the
 * chain with an {@link Outcome}. Every call to Azure runs as an operation whose end reconciles the lab again, so no
 * step waits for Azure on the reconcile thread.
 */
@ApplicationScoped
public class LabReconcile {

    /**
     * The status to write and when to look again (null: only on an event); {@code retryRequested} is the new value of
     * {@code lblab.io/retry} when this pass is the first to see it, {@code adopted} the resource group the lab has
     * adopted since the last pass; else null.
     */
    record Result(LoadBalancerLabStatus status, Duration reschedule, String retryRequested, String adopted) {
        Result(LoadBalancerLabStatus status, Duration reschedule) {
            this(status, reschedule, null, null);
        }

        Result with(String retry, String adoptedGroup) {
            return new Result(status, reschedule, retry, adoptedGroup);
        }
    }

    private final AzureGateways gateways;
    private final LabAccessResolver access;
    private final AdminPasswords passwords;
    private final LabStates states;
    private final LabOperations operations;
    private final OperatorConfig config;
    private final ResourceGroupStep resourceGroup;
    private final PlanExecutor executor;
    @Inject
    LabMetrics metrics;

    public LabReconcile(AzureGateways gateways, LabAccessResolver access, AdminPasswords passwords, LabStates states,
                        LabOperations operations, OperatorConfig config) {
        this.gateways = gateways;
        this.access = access;
        this.passwords = passwords;
        this.states = states;
        this.operations = operations;
        this.config = config;
        this.resourceGroup = new ResourceGroupStep(operations);
        this.executor = new PlanExecutor(operations);
    }

    Result reconcile(LoadBalancerLab lab) {
        LabState state = states.of(lab.getMetadata().getUid());
        // any new value of lblab.io/retry: failures that wait for a person are tried once more (see fingerprint)
        String retry = LabAnnotations.retry(lab).orElse("");
        String retried = state.retryRequested(retry) ? retry : null;
        Result result = reconcile(lab, state);
        return result.with(retried, state.takeAdopted());
    }

    /** Paused beats plan-only: neither writes, and a paused lab also shows no plan. */
    static StepPlanner.Mode mode(LoadBalancerLab lab) {
        return LabAnnotations.paused(lab) ? StepPlanner.Mode.PAUSED
                : LabAnnotations.planOnly(lab) ? StepPlanner.Mode.PLAN_ONLY : StepPlanner.Mode.APPLY;
    }

    /**
     * The generation and credentials a failure that needs a person is tied to, plus the value of {@code lblab.io/retry}:
     * a new value makes such a failure no longer hold its step back, so it is retried once.
     */
    static String fingerprint(LoadBalancerLab lab, AzureAccess azure) {
        String retry = LabAnnotations.retry(lab).map(v -> "/retry=" + v).orElse("");
        return lab.getMetadata().getGeneration() + "/" + azure.cacheKey() + retry;
    }

    private Result reconcile(LoadBalancerLab lab, LabState state) {
        ResourceID id = ResourceID.fromResource(lab);
        try {
            validate(lab);
            AzureAccess azure = access.resolve(lab);
            state.useAccess(azure.cacheKey());
            Blueprint blueprint = Blueprints.of(new BlueprintInputs(lab.getMetadata().getNamespace(), lab.getMetadata().getName(),
                    lab.getMetadata().getUid(), azure.subscriptionId(), lab.getSpec(), passwords.passwordFor(lab)));
            LabContext context = new LabContext(id, state, blueprint, fingerprint(lab, azure), config);
            StepPlanner.Mode mode = mode(lab);
            AzureGateway gateway = gateways.gateway(azure);
            WriteBudget budget = gateways.writeBudget(azure.subscriptionId());

            boolean specChanged = state.specChanged(lab.getMetadata().getGeneration());
            if (state.modeChanged(mode) || specChanged) {
                // a spec edit (or a pause or plan-only lifted) is acted on against a fresh look at Azure
                state.markStale();
            }
            boolean writes = mode == StepPlanner.Mode.APPLY;
            Optional<Outcome> stop = resourceGroup.ensure(lab, context, gateway, budget, writes);
            // a paused or plan-only lab whose group does not exist: nothing to look at, everything would be created
            boolean groupAbsent = stop.isEmpty() && !writes && state.group() != null && state.group().isEmpty();
            if (stop.isEmpty() && !groupAbsent) {
                stop = observe(context, gateway);
            }
            state.reconcileSucceeded();
            if (stop.isPresent()) {
                return blocked(lab, state, stop.get());
            }
            // running operations before what Azure holds: an operation records its result before it counts as ended, so
            // one this pass sees ended has its result in the observation read next (the other order could see neither,
            // and write the resource again)
            Set<String> running = state.runningOperations();
            Observation observation = groupAbsent ? Observation.none() : state.observation();
            refuseImageChange(blueprint, observation);
            ResourceGroupState group = groupAbsent ? null : state.group().orElse(null);
            boolean adopting = group != null && ResourceGroupStep.adopting(lab, group);
            // in a group the lab did not create, nothing is deleted unless the spec says so
            boolean mayDelete = !(adopting || ResourceGroupStep.adopted(group)) || lab.getSpec().deletionPolicy() == DeletionPolicy.DeleteAdopted;
            // every token counts for the plan; the executor keeps the critical path's reserve from the other writes
            Plan plan = StepPlanner.plan(new StepPlanner.Inputs(blueprint, observation, running,
                    state.failures(), context.fingerprint(), Instant.now(), budget.tokens(), mode, !groupAbsent, mayDelete));
            // one answer for this pass: the look may end on another thread while it runs
            boolean refreshing = state.running(AzureObserver.OPERATION);
            if (!writes) {
                if (refreshing) {
                    // the plan or the pause is reported on the look under way, which reconciles the lab when it ends
                    return new Result(lab.getStatus(), null);
                }
                PlanStatus preview = mode == StepPlanner.Mode.PLAN_ONLY
                        ? PlanPreview.of(blueprint, observation, state.group(), adopting, mayDelete, lab.getMetadata().getGeneration()) : null;
                return new Result(StatusProjector.converging(lab, observation, plan, preview), drift());
            }
            if (plan.complete() && (refreshing || state.writesUnconfirmed())) {
                // Ready only on a look at Azure taken after the last write: the one under way, or one started now
                state.markStale();
                return new Result(lab.getStatus(), refreshing ? null : Duration.ofMillis(10));
            }
            // while a new look at Azure is under way, the status shows the plan but nothing is written on the old look
            Plan carriedOut = refreshing ? plan
                    : executor.execute(plan, gateway, budget, state, id, context.fingerprint());
            metrics.writesStarted(lab, refreshing ? null : carriedOut);
            if (carriedOut.waitingOnAzure()) {
                // someone else's operation is changing a resource: look again at the next recheck
                state.markStale();
            }
            return new Result(StatusProjector.converging(lab, state.observation(), carriedOut), next(carriedOut, budget));
        } catch (LabProblem problem) {
            return blocked(lab, state, metrics.error(problem.outcome()));
        } catch (RuntimeException error) {
            return blocked(lab, state, metrics.error(Failures.outcome(error, state.reconcileFailed(), LabOperations.label(id), config)));
        }
    }

    private static void validate(LoadBalancerLab lab) throws LabProblem {
        LoadBalancerLabSpec spec = lab.getSpec();
        List<String> problems = new java.util.ArrayList<>(SpecValidator.validate(spec));
        problems.addAll(LabAnnotations.problems(lab));
        if (!problems.isEmpty()) {
            throw new LabProblem(ReadyReason.InvalidSpec, String.join("; ", problems));
        }
        String recorded = lab.getStatus() == null ? null : lab.getStatus().resourceGroup();
        String wanted = BlueprintInputs.resourceGroupOf(lab.getMetadata().getNamespace(), lab.getMetadata().getName(), spec);
        java.util.Optional<String> adopt = LabAnnotations.adoptResourceGroup(lab);
        if (adopt.isPresent() && !adopt.get().equalsIgnoreCase(wanted)) {
            throw new LabProblem(ReadyReason.InvalidSpec, "annotation " + LabAnnotations.ADOPT_RESOURCE_GROUP + " names " + adopt.get()
                    + ", but the lab's resource group is " + wanted + " (spec.resourceGroupName)");
        }
        if (recorded != null && !recorded.equalsIgnoreCase(wanted)) {
            throw new LabProblem(ReadyReason.InvalidSpec, "spec.resourceGroupName is immutable: the lab lives in " + recorded);
        }
    }

    /** The VMs' image cannot change in place: an edit that got past admission is an invalid spec, not a rebuild. */
    private static void refuseImageChange(Blueprint blueprint, Observation observation) throws LabProblem {
        for (var desired : blueprint.resources()) {
            var observed = observation.get(desired.id());
            if (observed != null) {
                Optional<String> change = VmImages.change(desired, observed.body());
                if (change.isPresent()) {
                    throw new LabProblem(ReadyReason.InvalidSpec, change.get());
                }
            }
        }
    }

    /**
     * Starts a look at Azure when one is due. The chain stops only until the lab has been seen once; after that it
     * plans on the last look while the next one runs (and writes nothing until it has finished).
     */
    private Optional<Outcome> observe(LabContext context, AzureGateway gateway) {
        LabState state = context.state();
        Optional<Outcome> reading = state.observedOnce() ? Optional.empty()
                : Optional.of(Outcome.waitForChange(ReadyReason.Provisioning, "reading the resource group's contents"));
        if (state.running(AzureObserver.OPERATION)) {
            return reading;
        }
        StepFailure failure = state.failure(AzureObserver.OPERATION);
        Instant now = Instant.now();
        if (failure != null && failure.holdsBack(context.fingerprint(), now)) {
            if ("ResourceGroupNotFound".equals(failure.failure().code())) {
                state.forgetAzure();
            }
            return Optional.of(failure.remaining(now));
        }
        if (!state.observationDue(config.driftInterval(), now)) {
            return Optional.empty();
        }
        operations.start(state, context.operation(AzureObserver.OPERATION, "ARM list of resource group "
                        + context.blueprint().resourceGroup(), false),
                AzureObserver.observe(gateway, context.blueprint(), state), ignored -> { });
        return reading;
    }

    private Result blocked(LoadBalancerLab lab, LabState state, Outcome outcome) {
        // status.resourceGroup means "this lab has a group in Azure": only once it has been seen there
        String group = state.group() != null && state.group().isPresent() ? state.group().get().name()
                : lab.getStatus() == null ? null : lab.getStatus().resourceGroup();
        Duration reschedule = outcome.retryAfter();
        if (reschedule == null && outcome.reason() == ReadyReason.ResourceGroupConflict) {
            // the user may delete or rename the group in Azure, which sends no event
            reschedule = drift();
        }
        return new Result(StatusProjector.blocked(lab, group, outcome), reschedule);
    }

    private Duration next(Plan plan, WriteBudget budget) {
        if (plan.complete() || plan.needsUser()) {
            return drift();
        }
        Duration next = plan.operationsPending() ? drift() : config.busyRecheck();
        if (plan.waitingOnAzure()) {
            next = min(next, config.busyRecheck());
        }
        if (plan.waitingForBudget()) {
            // a critical-path write may take a token sooner than the others
            WritePriority priorities = new WritePriority(plan.blueprint());
            WriteBudget.Priority first = plan.decisions().stream()
                    .filter(d -> d instanceof StepDecision.WaitingForBudget)
                    .map(priorities::of)
                    .min(Enum::compareTo).orElse(WriteBudget.Priority.NORMAL);
            next = min(next, budget.nextTurn(first).plusMillis(10));
        }
        Instant now = Instant.now();
        next = plan.earliestRetry().map(at -> Duration.between(now, at).plusMillis(10)).map(min(next)).orElse(next);
        return next.isNegative() || next.isZero() ? Duration.ofMillis(10) : next;
    }

    private Duration drift() {
        long base = config.driftInterval().toMillis();
        return Duration.ofMillis(base + (long) (base * config.driftJitter() * ThreadLocalRandom.current().nextDouble()));
    }

    private static java.util.function.UnaryOperator<Duration> min(Duration other) {
        return d -> min(d, other);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
