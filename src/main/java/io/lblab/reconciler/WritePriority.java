package io.lblab.reconciler;

import io.lblab.azure.WriteBudget;
import io.lblab.blueprint.Blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which of a lab's writes ask the write budget first: creating or updating a step of the critical path (the Bastion and
 * what it needs, which the lab's time to Ready waits on); deletions and the other steps have time to spare.
 */
final class WritePriority {

    private final Set<String> critical;

    WritePriority(Blueprint blueprint) {
        this.critical = blueprint.criticalPath();
    }

    /** A Put, or a Put waiting for the budget, of a critical step: CRITICAL_PATH; anything else: NORMAL. */
    WriteBudget.Priority of(StepDecision decision) {
        boolean put = decision instanceof StepDecision.Put
                || decision instanceof StepDecision.WaitingForBudget waiting && !waiting.deletion();
        return put && critical.contains(decision.step()) ? WriteBudget.Priority.CRITICAL_PATH : WriteBudget.Priority.NORMAL;
    }

    /** The decisions' positions, the critical path's first, each group in the plan's (dependency) order. */
    List<Integer> order(List<StepDecision> decisions) {
        List<Integer> first = new ArrayList<>();
        List<Integer> then = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            (of(decisions.get(i)) == WriteBudget.Priority.CRITICAL_PATH ? first : then).add(i);
        }
        first.addAll(then);
        return first;
    }
}
