package io.lblab.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lblab.api.DeletionPolicy;
import io.lblab.api.LoadBalancerLab;
import io.lblab.azure.ArmErrorClassifier;
import io.lblab.azure.ArmFailure;
import io.lblab.azure.AzureAccess;
import io.lblab.azure.AzureGateway;
import io.lblab.azure.AzureGateways;
import io.lblab.azure.ResourceGroupState;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.LabNames;
import jakarta.enterprise.context.ApplicationScoped;
import reactor.core.Disposables;

import java.time.Duration;
import java.util.Optional;

/**
 * Deleting a lab: with {@code deletionPolicy: Orphan} let go at once; otherwise delete the resource group, but only
 * if its owner tag proves this lab created it, and let go only once Azure answers 404 for it.
 */
@ApplicationScoped
public class LabTeardown {

    private static final String DELETE_GROUP = "delete-resource-group";
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    /** What the finalizer should do now. */
    record Decision(boolean release, String reason, String message, Duration recheck) {
        static Decision release(String reason, String message) {
            return new Decision(true, reason, message, null);
        }

        static Decision waitFor(String reason, String message, Duration recheck) {
            return new Decision(false, reason, message, recheck);
        }
    }

    private final AzureGateways gateways;
    private final LabAccessResolver accessResolver;
    private final LabRuntimes runtimes;
    private final OperationEvents operationEvents;
    private final OperatorConfig config;

    public LabTeardown(AzureGateways gateways, LabAccessResolver accessResolver, LabRuntimes runtimes,
                       OperationEvents operationEvents, OperatorConfig config) {
        this.gateways = gateways;
        this.accessResolver = accessResolver;
        this.runtimes = runtimes;
        this.operationEvents = operationEvents;
        this.config = config;
    }

    Decision teardown(LoadBalancerLab lab) {
        String uid = lab.getMetadata().getUid();
        if (lab.getSpec() == null || lab.getSpec().deletionPolicy() == DeletionPolicy.Orphan) {
            runtimes.forget(uid);
            return Decision.release("Orphaned", "deletionPolicy is Orphan: Azure resources left in place");
        }
        boolean groupRecorded = lab.getStatus() != null && lab.getStatus().resourceGroup() != null;
        String resourceGroup = groupRecorded
                ? lab.getStatus().resourceGroup()
                : BlueprintInputs.resourceGroupOf(lab.getMetadata().getNamespace(), lab.getMetadata().getName(), lab.getSpec());
        LabRuntime runtime = runtimes.of(uid);
        if (runtime.inFlight.containsKey(DELETE_GROUP)) {
            return Decision.waitFor("Deleting", "deleting resource group " + resourceGroup, config.driftInterval());
        }
        AzureAccess access;
        try {
            access = accessResolver.resolve(lab);
        } catch (LabProblem problem) {
            if (!groupRecorded) {
                runtimes.forget(uid);
                return Decision.release("Deleted", "the lab never reached Azure (" + problem.reason() + "); nothing to delete");
            }
            return Decision.waitFor(problem.reason(), problem.getMessage()
                    + "; cannot delete resource group " + resourceGroup + " (set deletionPolicy: Orphan to let go)", config.credentialsRetry());
        }
        AzureGateway gateway = gateways.gateway(access);
        try {
            Optional<ResourceGroupState> group = gateway.getResourceGroup(resourceGroup).block(CALL_TIMEOUT);
            if (group == null || group.isEmpty()) {
                runtimes.forget(uid);
                return Decision.release("Deleted", "resource group " + resourceGroup + " is gone");
            }
            if (!uid.equals(group.get().tags().get(LabNames.OWNER_UID_TAG))) {
                runtimes.forget(uid);
                return Decision.release("ResourceGroupConflict", "resource group " + resourceGroup
                        + " was not created by this lab; left untouched");
            }
            runtime.cancelOperations();
            if (group.get().deleting()) {
                return Decision.waitFor("Deleting", "Azure is deleting resource group " + resourceGroup, config.busyRecheck());
            }
            if (!gateways.writeBudget(access.subscriptionId()).tryAcquire().isZero()) {
                return Decision.waitFor("Throttled", "waiting for the subscription's write budget", config.busyRecheck());
            }
            ResourceID id = ResourceID.fromResource(lab);
            var slot = Disposables.swap();
            runtime.inFlight.put(DELETE_GROUP, slot);
            slot.update(gateway.deleteResourceGroup(resourceGroup).subscribe(
                    ignored -> { },
                    error -> finished(runtime, slot, id, error),
                    () -> finished(runtime, slot, id, null)));
            return Decision.waitFor("Deleting", "deleting resource group " + resourceGroup, config.driftInterval());
        } catch (RuntimeException error) {
            ArmFailure failure = ArmErrorClassifier.classify(error);
            Duration retry = failure.retryable() ? Backoff.delay(1, failure, config.initialBackoff(), config.maxBackoff()) : config.credentialsRetry();
            String reason = failure.category() == ArmFailure.Category.AUTHENTICATION ? "AuthenticationFailed" : "AzureError";
            return Decision.waitFor(reason, "cannot delete resource group " + resourceGroup + ": " + failure.summary(), retry);
        }
    }

    private void finished(LabRuntime runtime, reactor.core.Disposable slot, ResourceID id, Throwable error) {
        if (error != null) {
            ArmFailure failure = ArmErrorClassifier.classify(error);
            runtime.failures.put(DELETE_GROUP, new StepFailure(failure, 1, java.time.Instant.now(), ""));
        }
        runtime.inFlight.remove(DELETE_GROUP, slot);
        operationEvents.operationFinished(id);
    }
}
