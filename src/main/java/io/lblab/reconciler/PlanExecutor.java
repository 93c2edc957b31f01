package io.lblab.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lblab.azure.ArmWriter;
import io.lblab.azure.WriteBudget;
import io.lblab.blueprint.Blueprint;

import java.util.ArrayList;
import java.util.List;

/**
 * Carries out a plan's writes: each PUT and DELETE takes a token from the subscription's write budget and runs as a
 * tracked operation. A write the budget refuses after all (another lab took the token) is reported as waiting for it.
 */
final class PlanExecutor {

    private final LabOperations operations;

    PlanExecutor(LabOperations operations) {
        this.operations = operations;
    }

    /** @return the plan as carried out */
    Plan execute(Plan plan, ArmWriter arm, WriteBudget budget, LabState state, ResourceID lab, String fingerprint) {
        Blueprint blueprint = plan.blueprint();
        WritePriority priorities = new WritePriority(blueprint);
        List<StepDecision> done = new ArrayList<>(plan.decisions());
        // the critical path asks first: another lab may take the tokens between two of this pass's writes
        for (int i : priorities.order(done)) {
            done.set(i, carryOut(done.get(i), priorities.of(done.get(i)), blueprint, arm, budget, state, lab, fingerprint));
        }
        return plan.with(done);
    }

    private StepDecision carryOut(StepDecision decision, WriteBudget.Priority priority, Blueprint blueprint, ArmWriter arm,
                                  WriteBudget budget, LabState state, ResourceID lab, String fingerprint) {
        String requester = lab + "/" + decision.step();
        if (decision instanceof StepDecision.WaitingForBudget && priority == WriteBudget.Priority.CRITICAL_PATH) {
            // the plan had no token for it: the other labs' normal writes leave it one from now on
            budget.awaitCritical(requester);
            return decision;
        }
        if (!(decision instanceof StepDecision.Put) && !(decision instanceof StepDecision.Delete)) {
            return decision;
        }
        if (!budget.tryAcquire(priority, requester).isZero()) {
            return StepDecision.WaitingForBudget.instead(decision);
        }
        if (decision instanceof StepDecision.Put put) {
            operations.start(state, new LabOperations.Operation(lab, put.step(), "ARM PUT " + put.resourceId(), true, fingerprint)
                            .arm("PUT", put.resource().kind().armType()),
                    arm.put(put.resource().kind(), blueprint.resourceGroup(), put.resource().name(), put.body()),
                    state::written);
            return decision;
        }
        StepDecision.Delete delete = (StepDecision.Delete) decision;
        String id = delete.resourceId();
        operations.start(state, new LabOperations.Operation(lab, StepPlanner.deleteOperation(id), "ARM DELETE " + id, true,
                        fingerprint).arm("DELETE", delete.kind() == null ? delete.resource().type() : delete.kind().armType()),
                arm.delete(delete.kind(), blueprint.resourceGroup(), delete.resource().name())
                        .doOnSuccess(ignored -> state.deleted(id)),
                ignored -> { });
        return decision;
    }
}
