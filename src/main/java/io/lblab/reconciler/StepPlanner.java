package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.api.StepState;
import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.DesiredResource;
import io.lblab.blueprint.OwnedTags;
import io.lblab.blueprint.ResourceKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, without touching anything, what one convergence pass should do for every step of a lab: a pure function
 * of the blueprint, what Azure showed, the operations running, the failures being backed off from, the time and the
 * write budget left. Steps are decided in dependency order; resources the spec no longer wants come last, VMs before
 * what they hold on to.
 */
final class StepPlanner {

    /**
     * Whether the pass may write: {@code APPLY} converges; {@code PAUSED} ({@code lblab.io/paused}) and
     * {@code PLAN_ONLY} ({@code lblab.io/plan-only}) hold every write back and only say what it would be.
     */
    enum Mode { APPLY, PAUSED, PLAN_ONLY }

    /**
     * Everything the planner looks at.
     *
     * @param groupExists false when the resource group is known to be absent (a paused or plan-only lab never created it)
     * @param mayDelete   false in a group the lab adopted (unless deletionPolicy is DeleteAdopted): resources the spec
     *                    no longer wants are kept, since the operator may not have created them
     */
    record Inputs(Blueprint blueprint, Observation observation, Set<String> running, Map<String, StepFailure> failures,
                  String fingerprint, Instant now, int writeTokens, Mode mode, boolean groupExists, boolean mayDelete) {

        Inputs(Blueprint blueprint, Observation observation, Set<String> running, Map<String, StepFailure> failures,
               String fingerprint, Instant now, int writeTokens, Mode mode, boolean groupExists) {
            this(blueprint, observation, running, failures, fingerprint, now, writeTokens, mode, groupExists, true);
        }

        Inputs(Blueprint blueprint, Observation observation, Set<String> running, Map<String, StepFailure> failures,
               String fingerprint, Instant now, int writeTokens) {
            this(blueprint, observation, running, failures, fingerprint, now, writeTokens, Mode.APPLY, true, true);
        }
    }

    private final Inputs in;
    private final Map<String, StepState> states = new HashMap<>();
    private int tokens;

    private StepPlanner(Inputs in) {
        this.in = in;
        this.tokens = in.writeTokens();
    }

    static Plan plan(Inputs inputs) {
        return new StepPlanner(inputs).decideAll();
    }

    static String deleteOperation(String id) {
        return "delete:" + LabState.key(id);
    }

    private Plan decideAll() {
        states.put(Blueprint.RESOURCE_GROUP_STEP, in.groupExists() ? StepState.Succeeded : StepState.Pending);
        List<ListedResource> obsolete = ObsoleteResources.find(in.blueprint(), in.observation().listed());
        List<StepDecision> decisions = new ArrayList<>();
        for (DesiredResource desired : in.blueprint().resources()) {
            StepDecision decision = decide(desired, obsolete);
            states.put(desired.step(), decision.state());
            decisions.add(decision);
        }
        for (ListedResource resource : obsolete) {
            decisions.add(remove(resource, obsolete));
        }
        return new Plan(in.blueprint(), withTokens(decisions), in.mode(), in.groupExists());
    }

    /**
     * Gives the write tokens out, the critical path's writes first (the lab's time to Ready waits on them; the others
     * have time to spare), then in dependency order; a write left without one waits for the budget.
     */
    private List<StepDecision> withTokens(List<StepDecision> decisions) {
        List<StepDecision> result = new ArrayList<>(decisions);
        for (int i : new WritePriority(in.blueprint()).order(decisions)) {
            StepDecision decision = result.get(i);
            if (!(decision instanceof StepDecision.Put) && !(decision instanceof StepDecision.Delete)) {
                continue;
            }
            if (tokens > 0) {
                tokens--;
            } else {
                result.set(i, StepDecision.WaitingForBudget.instead(decision));
            }
        }
        return result;
    }

    private StepDecision decide(DesiredResource desired, List<ListedResource> obsolete) {
        if (in.running().contains(desired.step())) {
            return new StepDecision.Running(desired.step(), desired.id(), false);
        }
        ObservedResource observed = in.observation().get(desired.id());
        if (observed != null && observed.busy()) {
            return new StepDecision.WaitingOnAzure(desired, observed.provisioningState());
        }
        String difference = observed == null ? "absent"
                : observed.failed() ? "provisioningState " + observed.provisioningState()
                : JsonSubset.firstDifference(desired.body(), observed.body(), desired.createOnlyPaths());
        if (difference == null) {
            return new StepDecision.Done(desired);
        }
        List<String> waitingFor = desired.dependsOn().stream()
                .filter(d -> states.getOrDefault(d, StepState.Pending) != StepState.Succeeded)
                .sorted().toList();
        if (!waitingFor.isEmpty()) {
            return new StepDecision.WaitingForDependencies(desired, waitingFor);
        }
        if (desired.kind() == ResourceKind.VIRTUAL_NETWORK
                && obsolete.stream().anyMatch(o -> ResourceKind.fromArmType(o.type()) == ResourceKind.BASTION_HOST)) {
            return new StepDecision.WaitingForRemoval(desired.step(), desired.id(), false, "waiting for the Bastion host to be removed");
        }
        StepDecision blocked = blockedByFailure(desired.step(), desired.step(), desired.id(), false);
        if (blocked != null) {
            return blocked;
        }
        if (in.mode() != Mode.APPLY) {
            return new StepDecision.Held(desired.step(), desired.id(), false, in.mode(),
                    observed == null ? "create" : "update " + difference);
        }
        return new StepDecision.Put(desired, observed == null ? desired.body() : forUpdate(desired, observed), difference);
    }

    private StepDecision remove(ListedResource resource, List<ListedResource> obsolete) {
        if (!in.mayDelete()) {
            return new StepDecision.Kept(resource.name(), resource.id());
        }
        String operation = deleteOperation(resource.id());
        if (in.running().contains(operation)) {
            return new StepDecision.Running(resource.name(), resource.id(), true);
        }
        if (ObsoleteResources.waitsFor(resource, obsolete)) {
            return new StepDecision.WaitingForRemoval(resource.name(), resource.id(), true,
                    "waiting for the resource using it to be removed");
        }
        StepDecision blocked = blockedByFailure(operation, resource.name(), resource.id(), true);
        if (blocked != null) {
            return blocked;
        }
        if (in.mode() != Mode.APPLY) {
            return new StepDecision.Held(resource.name(), resource.id(), true, in.mode(), "delete (no longer in the spec)");
        }
        return new StepDecision.Delete(resource, ResourceKind.fromArmType(resource.type()));
    }

    /** The step's last failure if it still holds the step back, else null (it may be retried now). */
    private StepDecision blockedByFailure(String operation, String step, String id, boolean deletion) {
        StepFailure failure = in.failures().get(operation);
        if (failure == null || !failure.holdsBack(in.fingerprint(), in.now())) {
            return null;
        }
        boolean needsUser = failure.needsUser(in.fingerprint());
        return new StepDecision.BlockedByFailure(step, id, deletion, failure, needsUser, needsUser ? null : failure.notBefore());
    }

    /**
     * The body for an update: other people's tags kept; properties Azure only takes on create (the VM's OS profile with its password, its
     * storage profile) are sent back as Azure holds them.
     */
    private static JsonNode forUpdate(DesiredResource desired, ObservedResource observed) {
        // tags others added in Azure go back with the PUT, which replaces the whole tag set
        ObjectNode body = OwnedTags.bodyToWrite(desired.body(), observed.body());
        for (String path : desired.createOnlyPaths()) {
            String[] parts = path.split("\\.");
            JsonNode source = observed.body();
            ObjectNode target = body;
            for (int i = 0; i < parts.length - 1 && target != null; i++) {
                source = source.path(parts[i]);
                target = target.get(parts[i]) instanceof ObjectNode next ? next : null;
            }
            if (target == null) {
                continue;
            }
            JsonNode current = source.path(parts[parts.length - 1]);
            if (current.isMissingNode()) {
                target.remove(parts[parts.length - 1]);
            } else {
                target.set(parts[parts.length - 1], current.deepCopy());
            }
        }
        return body;
    }
}
