package io.lblab.reconciler;

import io.lblab.api.StepState;
import io.lblab.api.StepStatus;
import io.lblab.blueprint.Blueprint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The planner's decisions for one pass, and what follows from them for the status and the next look. */
record Plan(Blueprint blueprint, List<StepDecision> decisions, StepPlanner.Mode mode, boolean groupExists) {

    Plan {
        decisions = List.copyOf(decisions);
    }

    Plan(Blueprint blueprint, List<StepDecision> decisions) {
        this(blueprint, decisions, StepPlanner.Mode.APPLY, true);
    }

    /** The same plan with other decisions (as carried out). */
    Plan with(List<StepDecision> carriedOut) {
        return new Plan(blueprint, carriedOut, mode, groupExists);
    }

    /** {@code status.steps}: the resource group first, then one entry per decision. */
    List<StepStatus> steps() {
        List<StepStatus> steps = new ArrayList<>();
        steps.add(groupExists ? new StepStatus(Blueprint.RESOURCE_GROUP_STEP, StepState.Succeeded, blueprint.resourceGroupId(), null)
                : new StepStatus(Blueprint.RESOURCE_GROUP_STEP, StepState.Pending, blueprint.resourceGroupId(),
                        (mode == StepPlanner.Mode.PAUSED ? "paused: would " : "planned: ") + "create"));
        decisions.forEach(d -> steps.add(d.status()));
        return steps;
    }

    boolean complete() {
        return groupExists && decisions.stream().allMatch(d -> d instanceof StepDecision.Done || d instanceof StepDecision.Kept);
    }

    /** Writes held back because the lab is paused or only planned (the resource group's creation included). */
    long held() {
        return decisions.stream().filter(d -> d instanceof StepDecision.Held).count() + (groupExists ? 0 : 1);
    }

    List<StepDecision> writes() {
        return decisions.stream().filter(d -> d instanceof StepDecision.Put || d instanceof StepDecision.Delete).toList();
    }

    /** Our operations are running or about to start: their ends will trigger the next reconcile. */
    boolean operationsPending() {
        return decisions.stream().anyMatch(d -> d instanceof StepDecision.Running || d instanceof StepDecision.Put
                || d instanceof StepDecision.Delete);
    }

    boolean waitingOnAzure() {
        return decisions.stream().anyMatch(d -> d instanceof StepDecision.WaitingOnAzure);
    }

    boolean waitingForBudget() {
        return decisions.stream().anyMatch(d -> d instanceof StepDecision.WaitingForBudget);
    }

    /** A failure only a person can fix holds a step back. */
    boolean needsUser() {
        return failures().anyMatch(StepDecision.BlockedByFailure::needsUser);
    }

    Optional<Instant> earliestRetry() {
        return failures().map(StepDecision.BlockedByFailure::retryAt).filter(Objects::nonNull).min(Instant::compareTo);
    }

    Optional<StepDecision.BlockedByFailure> firstFailure() {
        return failures().findFirst();
    }

    private java.util.stream.Stream<StepDecision.BlockedByFailure> failures() {
        return decisions.stream().filter(d -> d instanceof StepDecision.BlockedByFailure)
                .map(StepDecision.BlockedByFailure.class::cast);
    }
}
