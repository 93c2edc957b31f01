package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.api.StepState;
import io.lblab.api.StepStatus;
import io.lblab.azure.ListedResource;
import io.lblab.blueprint.DesiredResource;
import io.lblab.blueprint.ResourceKind;

import java.time.Instant;
import java.util.List;

/** What the planner decided for one step (a desired resource) or one resource the spec no longer wants. */
sealed interface StepDecision {

    /** The step's name in {@code status.steps} (a resource's name for deletions). */
    String step();

    String resourceId();

    StepState state();

    String message();

    default StepStatus status() {
        return new StepStatus(step(), state(), resourceId(), message());
    }

    /** Exists in Azure as the spec asks. */
    record Done(DesiredResource resource) implements StepDecision {
        public String step() { return resource.step(); }
        public String resourceId() { return resource.id(); }
        public StepState state() { return StepState.Succeeded; }
        public String message() { return null; }
    }

    /** Our own operation on it is running. */
    record Running(String step, String resourceId, boolean deletion) implements StepDecision {
        public StepState state() { return deletion ? StepState.Deleting : StepState.InProgress; }
        public String message() { return deletion ? "deleting" : "operation running"; }
    }

    /** Azure shows it Creating/Updating/Deleting through someone else's operation: wait, do not write. */
    record WaitingOnAzure(DesiredResource resource, String provisioningState) implements StepDecision {
        public String step() { return resource.step(); }
        public String resourceId() { return resource.id(); }
        public StepState state() { return StepState.InProgress; }
        public String message() { return "Azure reports " + provisioningState; }
    }

    /** Needs a write, but the steps it depends on are not Succeeded yet. */
    record WaitingForDependencies(DesiredResource resource, List<String> steps) implements StepDecision {
        public String step() { return resource.step(); }
        public String resourceId() { return resource.id(); }
        public StepState state() { return StepState.Pending; }
        public String message() { return "waiting for " + String.join(", ", steps); }
    }

    /** Must wait until another resource is deleted (the VNet for a Bastion being removed, a NIC for its VM). */
    record WaitingForRemoval(String step, String resourceId, boolean deletion, String reason) implements StepDecision {
        public StepState state() { return deletion ? StepState.Deleting : StepState.Pending; }
        public String message() { return reason; }
    }

    /** Its last write failed: retried at {@code retryAt}, or (needsUser) not before the spec or credentials change. */
    record BlockedByFailure(String step, String resourceId, boolean deletion, StepFailure failure, boolean needsUser,
                            Instant retryAt) implements StepDecision {
        public StepState state() { return deletion ? StepState.Deleting : StepState.Failed; }
        public String message() {
            return failure.failure().summary() + (needsUser ? "" : " (attempt " + failure.attempts() + ", retrying)");
        }
    }

    /** Would write, but the subscription's write budget is spent for now. */
    record WaitingForBudget(String step, String resourceId, boolean deletion) implements StepDecision {
        /** A Put or Delete that got no token. */
        static WaitingForBudget instead(StepDecision write) {
            return new WaitingForBudget(write.step(), write.resourceId(), write instanceof Delete);
        }

        public StepState state() { return deletion ? StepState.Deleting : StepState.Pending; }
        public String message() { return "waiting for the subscription's write budget"; }
    }

    /** PUT this body: the resource is absent, Failed, or differs on a field the operator owns ({@code why}). */
    record Put(DesiredResource resource, JsonNode body, String why) implements StepDecision {
        public String step() { return resource.step(); }
        public String resourceId() { return resource.id(); }
        public StepState state() { return StepState.InProgress; }
        public String message() { return why.equals("absent") ? "creating" : "updating " + why; }
    }

    /** DELETE a resource of the lab that the spec no longer wants. */
    record Delete(ListedResource resource, ResourceKind kind) implements StepDecision {
        public String step() { return resource.name(); }
        public String resourceId() { return resource.id(); }
        public StepState state() { return StepState.Deleting; }
        public String message() { return "no longer in the spec"; }
    }

    /** Would write ({@code what}: create, update ..., delete), but the lab is paused or only planned: nothing is sent. */
    record Held(String step, String resourceId, boolean deletion, StepPlanner.Mode mode, String what) implements StepDecision {
        public StepState state() { return StepState.Pending; }
        public String message() { return (mode == StepPlanner.Mode.PAUSED ? "paused: would " : "planned: ") + what; }
    }

    /** No longer in the spec, but in an adopted resource group: never deleted (deletionPolicy DeleteAdopted would). */
    record Kept(String step, String resourceId) implements StepDecision {
        public StepState state() { return StepState.Succeeded; }
        public String message() { return "kept: not in the spec, but the resource group was adopted (deletionPolicy DeleteAdopted deletes it)"; }
    }
}
