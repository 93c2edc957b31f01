package io.lblab.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Phase;
import io.lblab.azure.ArmErrorClassifier;
import io.lblab.azure.ArmFailure;
import io.lblab.azure.AzureAccess;
import io.lblab.azure.AzureGateway;
import io.lblab.azure.AzureGateways;
import io.lblab.azure.ResourceGroupState;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.Blueprints;
import io.lblab.blueprint.LabNames;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One reconcile of a lab: validate, find credentials and password, make sure the resource group is ours, refresh
 * what is known of Azure when due, run a convergence pass, and project the status.
 */
@ApplicationScoped
public class LabConvergence {

    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final AzureGateways gateways;
    private final LabAccessResolver accessResolver;
    private final AdminPasswords passwords;
    private final LabRuntimes runtimes;
    private final OperationEvents operationEvents;
    private final OperatorConfig config;

    public LabConvergence(AzureGateways gateways, LabAccessResolver accessResolver, AdminPasswords passwords,
                          LabRuntimes runtimes, OperationEvents operationEvents, OperatorConfig config) {
        this.gateways = gateways;
        this.accessResolver = accessResolver;
        this.passwords = passwords;
        this.runtimes = runtimes;
        this.operationEvents = operationEvents;
        this.config = config;
    }

    ReconcileOutcome reconcile(LoadBalancerLab lab) {
        LoadBalancerLabSpec spec = lab.getSpec();
        String namespace = lab.getMetadata().getNamespace();
        String name = lab.getMetadata().getName();
        List<String> problems = SpecValidator.validate(spec);
        String resourceGroup = problems.isEmpty() ? BlueprintInputs.resourceGroupOf(namespace, name, spec) : currentGroup(lab);
        if (problems.isEmpty() && lab.getStatus() != null && lab.getStatus().resourceGroup() != null
                && !lab.getStatus().resourceGroup().equalsIgnoreCase(resourceGroup)) {
            problems = List.of("spec.resourceGroupName is immutable: the lab lives in " + lab.getStatus().resourceGroup());
            resourceGroup = lab.getStatus().resourceGroup();
        }
        if (!problems.isEmpty()) {
            return blocked(lab, resourceGroup, "InvalidSpec", String.join("; ", problems), null);
        }
        LabRuntime runtime = runtimes.of(lab.getMetadata().getUid());
        try {
            AzureAccess access = accessResolver.resolve(lab);
            if (!access.cacheKey().equals(runtime.accessKey)) {
                runtime.forgetObservations();
                runtime.failures.clear();
                runtime.accessKey = access.cacheKey();
            }
            AzureGateway gateway = gateways.gateway(access);
            String password = passwords.passwordFor(lab);
            Blueprint blueprint = Blueprints.of(new BlueprintInputs(namespace, name, lab.getMetadata().getUid(),
                    access.subscriptionId(), spec, password));
            ensureResourceGroup(lab, gateway, blueprint, runtime);
            if (listDue(runtime)) {
                AzureObserver.refresh(gateway, blueprint, runtime);
            }
            ResourceID id = ResourceID.fromResource(lab);
            StepConvergence.Result result = new StepConvergence(blueprint, runtime, gateway,
                    gateways.writeBudget(access.subscriptionId()), fingerprint(lab, access), config,
                    () -> operationEvents.operationFinished(id)).run();
            return new ReconcileOutcome(StatusProjector.converging(lab, blueprint, runtime, result), next(result));
        } catch (LabProblem problem) {
            // status.resourceGroup means "this lab has a group in Azure": only once it has been seen there
            resourceGroup = runtime.resourceGroup == null ? currentGroup(lab) : resourceGroup;
            if (problem.reason().equals("ResourceGroupDeleting") || problem.reason().equals("Throttled")) {
                runtime.resourceGroup = null;
                return new ReconcileOutcome(StatusProjector.blocked(lab, Phase.Provisioning, resourceGroup, problem.reason(),
                        problem.getMessage()), config.busyRecheck());
            }
            Duration retry = problem.reason().equals("ResourceGroupConflict") ? drift() : config.credentialsRetry();
            return blocked(lab, resourceGroup, problem.reason(), problem.getMessage(), retry);
        } catch (RuntimeException error) {
            return azureFailure(lab, runtime.resourceGroup == null ? currentGroup(lab) : resourceGroup, runtime, error);
        }
    }

    /** Creates the group with the ownership tags, or checks that the existing one is this lab's. */
    private void ensureResourceGroup(LoadBalancerLab lab, AzureGateway gateway, Blueprint blueprint, LabRuntime runtime)
            throws LabProblem {
        // read once; afterwards the group's resource list (404 ResourceGroupNotFound when it is gone) tells us it exists
        if (runtime.resourceGroup == null) {
            runtime.resourceGroup = gateway.getResourceGroup(blueprint.resourceGroup()).block(CALL_TIMEOUT).orElse(null);
        }
        ResourceGroupState group = runtime.resourceGroup;
        if (group == null) {
            if (!gateways.writeBudget(blueprint.subscriptionId()).tryAcquire().isZero()) {
                throw new LabProblem("Throttled", "waiting for the subscription's write budget to create resource group "
                        + blueprint.resourceGroup());
            }
            runtime.resourceGroup = gateway.putResourceGroup(blueprint.resourceGroup(), blueprint.location(),
                    blueprint.resourceGroupTags()).block(CALL_TIMEOUT);
            runtime.forgetObservationsExceptGroup();
            return;
        }
        String owner = group.tags().get(LabNames.OWNER_UID_TAG);
        if (!lab.getMetadata().getUid().equals(owner)) {
            throw new LabProblem("ResourceGroupConflict", "resource group " + group.name() + " already exists and was not created by this lab ("
                    + (owner == null ? "no " + LabNames.OWNER_UID_TAG + " tag" : "owned by another lab") + "); the operator will not touch it");
        }
        if (group.deleting()) {
            throw new LabProblem("ResourceGroupDeleting", "resource group " + group.name() + " is being deleted; waiting for Azure to finish");
        }
        if (!group.location().equalsIgnoreCase(blueprint.location())) {
            throw new LabProblem("InvalidSpec", "spec.location is immutable: the lab was created in " + group.location());
        }
        String mode = group.tags().get(LabNames.MODE_TAG);
        if (mode != null && !mode.equalsIgnoreCase(lab.getSpec().mode().name())) {
            throw new LabProblem("InvalidSpec", "spec.mode is immutable: the lab was created in " + mode + " mode");
        }
        boolean tagsDiffer = blueprint.resourceGroupTags().entrySet().stream()
                .anyMatch(e -> !e.getValue().equals(group.tags().get(e.getKey())));
        if (tagsDiffer && gateways.writeBudget(blueprint.subscriptionId()).tryAcquire().isZero()) {
            Map<String, String> tags = new java.util.TreeMap<>(group.tags());
            tags.putAll(blueprint.resourceGroupTags());
            runtime.resourceGroup = gateway.putResourceGroup(blueprint.resourceGroup(), blueprint.location(), tags).block(CALL_TIMEOUT);
        }
    }

    private boolean listDue(LabRuntime runtime) {
        return runtime.lastListed == null || runtime.needsRefresh
                || Duration.between(runtime.lastListed, Instant.now()).compareTo(config.driftInterval()) >= 0;
    }

    private Duration next(StepConvergence.Result result) {
        if (result.complete() || result.needsUser()) {
            return drift();
        }
        Duration next = result.anyRunning() ? drift() : config.busyRecheck();
        if (result.waitingOnAzure()) {
            next = min(next, config.busyRecheck());
        }
        if (result.earliestRetry() != null) {
            next = min(next, Duration.between(Instant.now(), result.earliestRetry()).plusMillis(10));
        }
        return next.isNegative() ? Duration.ofMillis(10) : next;
    }

    private Duration drift() {
        long base = config.driftInterval().toMillis();
        return Duration.ofMillis(base + (long) (base * config.driftJitter() * ThreadLocalRandom.current().nextDouble()));
    }

    private ReconcileOutcome azureFailure(LoadBalancerLab lab, String resourceGroup, LabRuntime runtime, RuntimeException error) {
        ArmFailure failure = ArmErrorClassifier.classify(error);
        runtime.needsRefresh = true;
        if (ArmFailure.Category.AUTHENTICATION == failure.category()) {
            return blocked(lab, resourceGroup, "AuthenticationFailed", failure.summary(), config.credentialsRetry());
        }
        if ("ResourceGroupNotFound".equals(failure.code())) {
            runtime.forgetObservations();
        }
        String reason = failure.category() == ArmFailure.Category.THROTTLED ? "Throttled" : "AzureError";
        Phase phase = failure.retryable() ? Phase.Provisioning : Phase.Failed;
        Duration retry = failure.retryable()
                ? Backoff.delay(1, failure, config.initialBackoff(), config.maxBackoff())
                : config.credentialsRetry();
        return new ReconcileOutcome(StatusProjector.blocked(lab, phase, resourceGroup, reason, failure.summary()), retry);
    }

    private ReconcileOutcome blocked(LoadBalancerLab lab, String resourceGroup, String reason, String message, Duration retry) {
        return new ReconcileOutcome(StatusProjector.blocked(lab, Phase.Failed, resourceGroup, reason, message), retry);
    }

    private static String currentGroup(LoadBalancerLab lab) {
        return lab.getStatus() == null ? null : lab.getStatus().resourceGroup();
    }

    private static String fingerprint(LoadBalancerLab lab, AzureAccess access) {
        return lab.getMetadata().getGeneration() + "/" + access.cacheKey();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
