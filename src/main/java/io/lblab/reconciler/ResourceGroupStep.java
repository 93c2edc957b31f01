package io.lblab.reconciler;

import io.lblab.api.LabAnnotations;
import io.lblab.api.LoadBalancerLab;
import io.lblab.azure.AzureGateway;
import io.lblab.azure.ResourceGroupState;
import io.lblab.azure.WriteBudget;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.LabNames;
import io.lblab.blueprint.OwnedTags;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure the lab's resource group exists and is the lab's: reads it once, creates it with the ownership tags when
 * absent, refuses a group someone else created, and restores the operator's tags on it. Reads and writes run as
 * operations; until one has finished the pipeline stops here.
 */
final class ResourceGroupStep {

    static final String READ = "read-resource-group";
    static final String WRITE = "write-resource-group";

    private final LabOperations operations;

    ResourceGroupStep(LabOperations operations) {
        this.operations = operations;
    }

    /**
     * @param writes false for a paused or plan-only lab: the group is read, never created or tagged (an absent group
     *               then also returns empty, and {@link LabState#group()} says it is absent)
     * @return empty when the group is there and the lab's; else why the pipeline stops
     */
    Optional<Outcome> ensure(LoadBalancerLab lab, LabContext context, AzureGateway gateway, WriteBudget budget, boolean writes)
            throws LabProblem {
        LabState state = context.state();
        Blueprint blueprint = context.blueprint();
        String name = blueprint.resourceGroup();
        if (state.running(READ) || state.running(WRITE)) {
            return Optional.of(Outcome.waitForChange(ReadyReason.Provisioning, "reading or writing resource group " + name));
        }
        Optional<Outcome> backingOff = backingOff(state, READ, context.fingerprint())
                .or(() -> backingOff(state, WRITE, context.fingerprint()));
        if (backingOff.isPresent()) {
            return backingOff;
        }
        Optional<ResourceGroupState> group = state.group();
        if (group == null) {
            operations.start(state, context.operation(READ, "ARM GET resource group " + name, false),
                    gateway.getResourceGroup(name), state::groupRead);
            return Optional.of(Outcome.waitForChange(ReadyReason.Provisioning, "reading resource group " + name));
        }
        if (group.isEmpty()) {
            if (!writes) {
                return Optional.empty();
            }
            return write(context, gateway, budget, blueprint.resourceGroupTags(), "creating", false);
        }
        ResourceGroupState existing = group.get();
        String owner = existing.tags().get(LabNames.OWNER_UID_TAG);
        boolean adopting = adopting(lab, existing);
        if (!lab.getMetadata().getUid().equals(owner) && !adopting) {
            throw new LabProblem(ReadyReason.ResourceGroupConflict, "resource group " + existing.name()
                    + " already exists and was not created by this lab ("
                    + (owner == null ? "no " + LabNames.OWNER_UID_TAG + " tag; annotate the lab " + LabAnnotations.ADOPT_RESOURCE_GROUP
                    + "=" + existing.name() + " to adopt it" : "owned by another lab") + "); the operator will not touch it");
        }
        if (existing.deleting()) {
            state.groupRead(null);
            return Optional.of(Outcome.retryIn(ReadyReason.ResourceGroupDeleting, "resource group " + existing.name()
                    + " is being deleted; waiting for Azure to finish", context.config().busyRecheck()));
        }
        if (!existing.location().equalsIgnoreCase(blueprint.location())) {
            throw new LabProblem(ReadyReason.InvalidSpec, "spec.location is immutable: the lab was created in " + existing.location());
        }
        String mode = existing.tags().get(LabNames.MODE_TAG);
        if (mode != null && !mode.equalsIgnoreCase(lab.getSpec().mode().name())) {
            throw new LabProblem(ReadyReason.InvalidSpec, "spec.mode is immutable: the lab was created in " + mode + " mode");
        }
        Map<String, String> desired = desiredTags(blueprint, existing, adopting);
        if (writes && OwnedTags.differ(desired, existing.tags())) {
            return write(context, gateway, budget, OwnedTags.toWrite(desired, existing.tags()), adopting ? "adopting" : "tagging", adopting);
        }
        return Optional.empty();
    }

    /**
     * The group's tags: the blueprint's, plus {@code lblab.io/adopted: "true"} on a group the lab adopted (or adopts
     * now), which it keeps for the group's life so the operator never deletes what it did not create.
     */
    static Map<String, String> desiredTags(Blueprint blueprint, ResourceGroupState existing, boolean adopting) {
        if (!adopting && !adopted(existing)) {
            return blueprint.resourceGroupTags();
        }
        Map<String, String> tags = new java.util.HashMap<>(blueprint.resourceGroupTags());
        tags.put(LabNames.ADOPTED_TAG, "true");
        return tags;
    }

    /** The lab may adopt this group now: it carries no lab's owner tag and the lab's annotation names it. */
    static boolean adopting(LoadBalancerLab lab, ResourceGroupState group) {
        return group.tags().get(LabNames.OWNER_UID_TAG) == null
                && LabAnnotations.adoptResourceGroup(lab).filter(group.name()::equalsIgnoreCase).isPresent();
    }

    /** The group carries the adoption tag (the lab did not create it). */
    static boolean adopted(ResourceGroupState group) {
        return group != null && "true".equalsIgnoreCase(group.tags().get(LabNames.ADOPTED_TAG));
    }

    private Optional<Outcome> write(LabContext context, AzureGateway gateway, WriteBudget budget, Map<String, String> tags, String verb,
                                    boolean adopting) {
        Blueprint blueprint = context.blueprint();
        LabState state = context.state();
        boolean creating = state.group() != null && state.group().isEmpty();
        // every step of the lab waits for its group: creating it is on the critical path
        WriteBudget.Priority priority = creating ? WriteBudget.Priority.CRITICAL_PATH : WriteBudget.Priority.NORMAL;
        if (!budget.tryAcquire(priority, context.lab() + "/" + Blueprint.RESOURCE_GROUP_STEP).isZero()) {
            return Optional.of(Outcome.retryIn(ReadyReason.Throttled, "waiting for the subscription's write budget to write resource group "
                    + blueprint.resourceGroup(), budget.nextTurn(priority)));
        }
        operations.start(state, context.operation(WRITE, "ARM PUT resource group " + blueprint.resourceGroup(), true)
                        .arm("PUT", LabMetrics.RESOURCE_GROUPS),
                gateway.putResourceGroup(blueprint.resourceGroup(), blueprint.location(), tags),
                written -> {
                    if (creating) {
                        state.groupCreated(written);
                    } else {
                        if (adopting) {
                            state.adopted(written.name());
                        }
                        state.groupRead(Optional.of(written));
                    }
                });
        return Optional.of(Outcome.waitForChange(ReadyReason.Provisioning, verb + " resource group " + blueprint.resourceGroup()));
    }

    /** A failed read or write of the group, while it holds the group back. */
    private static Optional<Outcome> backingOff(LabState state, String operation, String fingerprint) {
        StepFailure failure = state.failure(operation);
        Instant now = Instant.now();
        return failure != null && failure.holdsBack(fingerprint, now) ? Optional.of(failure.remaining(now)) : Optional.empty();
    }
}
