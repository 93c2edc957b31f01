package io.lblab.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lblab.api.DeletionPolicy;
import io.lblab.api.LoadBalancerLab;
import io.lblab.azure.AzureAccess;
import io.lblab.azure.AzureGateway;
import io.lblab.azure.AzureGateways;
import io.lblab.azure.WriteBudget;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.LabNames;
import jakarta.enterprise.context.ApplicationScoped;
import reactor.core.publisher.Mono;

import java.time.Instant;

/**
 * Deleting a lab: with {@code deletionPolicy: Orphan} let go at once; otherwise delete the resource group, but only
 * if its owner tag proves this lab created it, and let go only once Azure answers 404 for it. The check and the
 * deletion run as one operation; the finalizer is released by the reconcile its end triggers.
 */
@ApplicationScoped
public class LabTeardown {

    static final String DELETE_GROUP = "delete-resource-group";

    /** What the finalizer should do now; {@code event} is the Event's reason when the lab is released. */
    record Decision(boolean release, String event, Outcome outcome) {
        static Decision release(String event, String message) {
            return new Decision(true, event, Outcome.waitForChange(ReadyReason.Deleting, message));
        }

        static Decision waitFor(Outcome outcome) {
            return new Decision(false, null, outcome);
        }
    }

    private final AzureGateways gateways;
    private final LabAccessResolver accessResolver;
    private final LabStates states;
    private final LabOperations operations;
    private final OperatorConfig config;

    public LabTeardown(AzureGateways gateways, LabAccessResolver accessResolver, LabStates states, LabOperations operations,
                       OperatorConfig config) {
        this.gateways = gateways;
        this.accessResolver = accessResolver;
        this.states = states;
        this.operations = operations;
        this.config = config;
    }

    Decision teardown(LoadBalancerLab lab) {
        String uid = lab.getMetadata().getUid();
        if (lab.getSpec() == null || lab.getSpec().deletionPolicy() == DeletionPolicy.Orphan) {
            states.forget(uid);
            return Decision.release("Orphaned", "deletionPolicy is Orphan: Azure resources left in place");
        }
        boolean groupRecorded = lab.getStatus() != null && lab.getStatus().resourceGroup() != null;
        String group = groupRecorded ? lab.getStatus().resourceGroup()
                : BlueprintInputs.resourceGroupOf(lab.getMetadata().getNamespace(), lab.getMetadata().getName(), lab.getSpec());
        LabState state = states.of(uid);
        Outcome deleting = Outcome.waitForChange(ReadyReason.Deleting, "deleting resource group " + group);
        if (state.running(DELETE_GROUP)) {
            return Decision.waitFor(deleting);
        }
        if (state.teardown() == LabState.TeardownProbe.GONE) {
            states.forget(uid);
            return Decision.release("Deleted", "resource group " + group + " is gone");
        }
        if (state.teardown() == LabState.TeardownProbe.ADOPTED) {
            states.forget(uid);
            return Decision.release("ResourceGroupKept", "resource group " + group + " was adopted, not created by this lab: left in place"
                    + " with everything in it (deletionPolicy DeleteAdopted deletes it)");
        }
        if (state.teardown() == LabState.TeardownProbe.NOT_OURS) {
            states.forget(uid);
            return Decision.release("ResourceGroupConflict", "resource group " + group + " was not created by this lab; left untouched");
        }
        AzureAccess access;
        try {
            access = accessResolver.resolve(lab);
        } catch (LabProblem problem) {
            if (!groupRecorded) {
                states.forget(uid);
                return Decision.release("Deleted", "the lab never reached Azure (" + problem.outcome().reason() + "); nothing to delete");
            }
            Outcome cause = problem.outcome();
            return Decision.waitFor(new Outcome(cause.reason(), cause.message() + "; cannot delete resource group " + group
                    + " (set deletionPolicy: Orphan to let go)", cause.retryAfter()));
        }
        String fingerprint = "teardown/" + access.cacheKey();
        StepFailure failure = state.failure(DELETE_GROUP);
        Instant now = Instant.now();
        if (failure != null && failure.holdsBack(fingerprint, now)) {
            Outcome left = failure.remaining(now);
            return Decision.waitFor(new Outcome(left.reason(), "cannot delete resource group " + group + ": " + left.message(),
                    left.retrying() ? left.retryAfter() : config.driftInterval()));
        }
        var budget = gateways.writeBudget(access.subscriptionId());
        if (!budget.tryAcquire().isZero()) {
            return Decision.waitFor(Outcome.retryIn(ReadyReason.Throttled, "waiting for the subscription's write budget", budget.nextTurn(WriteBudget.Priority.NORMAL)));
        }
        state.cancelOperations(DELETE_GROUP);
        AzureGateway gateway = gateways.gateway(access);
        operations.start(state, new LabOperations.Operation(ResourceID.fromResource(lab), DELETE_GROUP,
                        "ARM DELETE resource group " + group, true, fingerprint).arm("DELETE", LabMetrics.RESOURCE_GROUPS),
                deleteIfOurs(gateway, group, uid, lab.getSpec().deletionPolicy() == DeletionPolicy.DeleteAdopted), state::teardownFound);
        return Decision.waitFor(deleting);
    }

    /**
     * Reads the group; deletes it (and waits for Azure to finish) only if its owner tag is this lab's uid and, for a
     * group the lab adopted, only with deletionPolicy DeleteAdopted.
     */
    private static Mono<LabState.TeardownProbe> deleteIfOurs(AzureGateway gateway, String group, String uid, boolean deleteAdopted) {
        return gateway.getResourceGroup(group).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.just(LabState.TeardownProbe.GONE);
            }
            if (!uid.equals(found.get().tags().get(LabNames.OWNER_UID_TAG))) {
                return Mono.just(LabState.TeardownProbe.NOT_OURS);
            }
            if (ResourceGroupStep.adopted(found.get()) && !deleteAdopted) {
                return Mono.just(LabState.TeardownProbe.ADOPTED);
            }
            return gateway.deleteResourceGroup(group).thenReturn(LabState.TeardownProbe.GONE);
        });
    }
}
