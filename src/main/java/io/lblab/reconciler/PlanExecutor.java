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
        List<StepDecision> done = new ArrayList<>();
        for (StepDecision decision : plan.decisions()) {
            if (!(decision instanceof StepDecision.Put) && !(decision instanceof StepDecision.Delete)) {
                done.add(decision);
            } else if (!budget.tryAcquire(priority(blueprint, decision)).isZero()) {
                done.add(new StepDecision.WaitingForBudget(decision.step(), decision.resourceId(), decision instanceof StepDecision.Delete));
            } else if (decision instanceof StepDecision.Put put) {
                operations.start(state, new LabOperations.Operation(lab, put.step(), "ARM PUT " + put.resourceId(), true, fingerprint)
                                .arm("PUT", put.resource().kind().armType()),
                        arm.put(put.resource().kind(), blueprint.resourceGroup(), put.resource().name(), put.body()),
                        state::written);
                done.add(decision);
            } else if (decision instanceof StepDecision.Delete delete) {
                String id = delete.resourceId();
                operations.start(state, new LabOperations.Operation(lab, StepPlanner.deleteOperation(id), "ARM DELETE " + id, true,
                                fingerprint).arm("DELETE", delete.kind() == null ? delete.resource().type() : delete.kind().armType()),
                        arm.delete(delete.kind(), blueprint.resourceGroup(), delete.resource().name())
                                .doOnSuccess(ignored -> state.deleted(id)),
                        ignored -> { });
                done.add(decision);
            }
        }
        return plan.with(done);
    }

    private static WriteBudget.Priority priority(Blueprint blueprint, StepDecision decision) {
        return decision instanceof StepDecision.Put && blueprint.criticalPath().contains(decision.step())
                ? WriteBudget.Priority.CRITICAL_PATH : WriteBudget.Priority.NORMAL;
    }
}
