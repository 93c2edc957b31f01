package io.lblab.reconciler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;
import io.lblab.azure.ArmFailure;
import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.Blueprints;
import io.lblab.blueprint.DesiredResource;
import io.lblab.blueprint.ResourceKind;
import io.lblab.blueprint.Steps;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner's every decision and its ordering rules, from hand-made observations: no server, no clock. */
class StepPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final String FINGERPRINT = "1/operator";
    private static final Blueprint PUBLIC = blueprint(LoadBalancerLabSpec.of(Mode.Public));

    @Test
    void aNewLabPutsEveryStepWithoutDependenciesAndWaitsWithTheRest() {
        Plan plan = plan(PUBLIC, Map.of(), List.of(), Set.of(), Map.of(), 100);

        assertThat(decisionOf(plan, Steps.VIRTUAL_NETWORK)).isInstanceOf(StepDecision.Put.class);
        assertThat(decisionOf(plan, Steps.NETWORK_SECURITY_GROUP)).isInstanceOf(StepDecision.Put.class);
        assertThat(decisionOf(plan, Steps.BASTION_PUBLIC_IP)).isInstanceOf(StepDecision.Put.class);
        assertThat(decisionOf(plan, Steps.BASTION_HOST)).isEqualTo(new StepDecision.WaitingForDependencies(
                resource(PUBLIC, Steps.BASTION_HOST), List.of(Steps.BASTION_PUBLIC_IP, Steps.VIRTUAL_NETWORK)));
        assertThat(((StepDecision.Put) decisionOf(plan, Steps.VIRTUAL_NETWORK)).message()).isEqualTo("creating");
        assertThat(plan.complete()).isFalse();
        assertThat(plan.operationsPending()).isTrue();
    }

    @Test
    void whatAzureShowsAsDesiredIsDoneAndTheLabComplete() {
        Plan plan = plan(PUBLIC, allSucceeded(PUBLIC), listing(PUBLIC), Set.of(), Map.of(), 100);
        assertThat(plan.decisions()).allMatch(d -> d instanceof StepDecision.Done);
        assertThat(plan.complete()).isTrue();
        assertThat(plan.writes()).isEmpty();
    }

    @Test
    void ourRunningOperationIsWaitedOnNotRepeated() {
        Plan plan = plan(PUBLIC, Map.of(), List.of(), Set.of(Steps.VIRTUAL_NETWORK), Map.of(), 100);
        assertThat(decisionOf(plan, Steps.VIRTUAL_NETWORK)).isEqualTo(new StepDecision.Running(Steps.VIRTUAL_NETWORK,
                resource(PUBLIC, Steps.VIRTUAL_NETWORK).id(), false));
    }

    @Test
    void aResourceAzureShowsBusyIsWaitedOnNotRewritten() {
        Map<String, ObservedResource> observed = allSucceeded(PUBLIC);
        put(observed, observe(resource(PUBLIC, Steps.LOAD_BALANCER), "Updating"));
        Plan plan = plan(PUBLIC, observed, listing(PUBLIC), Set.of(), Map.of(), 100);
        assertThat(decisionOf(plan, Steps.LOAD_BALANCER)).isEqualTo(new StepDecision.WaitingOnAzure(resource(PUBLIC, Steps.LOAD_BALANCER), "Updating"));
        assertThat(plan.waitingOnAzure()).isTrue();
        assertThat(plan.writes()).isEmpty();
    }

    @Test
    void aFailedResourceIsPutAgain() {
        Map<String, ObservedResource> observed = allSucceeded(PUBLIC);
        put(observed, observe(resource(PUBLIC, Steps.NETWORK_SECURITY_GROUP), "Failed"));
        StepDecision decision = decisionOf(plan(PUBLIC, observed, listing(PUBLIC), Set.of(), Map.of(), 100), Steps.NETWORK_SECURITY_GROUP);
        assertThat(decision).isInstanceOf(StepDecision.Put.class);
        assertThat(((StepDecision.Put) decision).why()).isEqualTo("provisioningState Failed");
    }

    @Test
    void aDriftedFieldIsPutBackKeepingWhatAzureOnlyTakesOnCreate() {
        Map<String, ObservedResource> observed = allSucceeded(PUBLIC);
        DesiredResource vm = resource(PUBLIC, Steps.backendVm(1));
        ObjectNode drifted = vm.body().deepCopy();
        ((ObjectNode) drifted.path("properties").path("hardwareProfile")).put("vmSize", "Standard_B1s");
        ((ObjectNode) drifted.path("properties").path("osProfile")).put("adminPassword", "what-azure-holds");
        put(observed, new ObservedResource(vm.kind(), vm.id(), drifted, "Succeeded"));

        StepDecision decision = decisionOf(plan(PUBLIC, observed, listing(PUBLIC), Set.of(), Map.of(), 100), Steps.backendVm(1));
        StepDecision.Put put = (StepDecision.Put) decision;
        assertThat(put.why()).contains("vmSize");
        assertThat(put.body().at("/properties/hardwareProfile/vmSize").asText()).isEqualTo("Standard_D2_v2");
        assertThat(put.body().at("/properties/osProfile/adminPassword").asText()).as("create-only: sent back as Azure holds it")
                .isEqualTo("what-azure-holds");
    }

    @Test
    void aFailureOnlyAPersonCanFixBlocksUntilTheSpecOrCredentialsChange() {
        StepFailure quota = failure("QuotaExceeded", ArmFailure.Category.NEEDS_USER, Outcome.waitForChange(ReadyReason.AzureError, "q"), NOW);
        Plan same = plan(PUBLIC, Map.of(), List.of(), Set.of(), Map.of(Steps.VIRTUAL_NETWORK, quota), 100);
        assertThat(decisionOf(same, Steps.VIRTUAL_NETWORK)).isInstanceOfSatisfying(StepDecision.BlockedByFailure.class,
                b -> assertThat(b.needsUser()).isTrue());
        assertThat(same.needsUser()).isTrue();

        StepFailure older = new StepFailure(quota.failure(), quota.outcome(), 1, NOW, "0/operator");
        Plan edited = plan(PUBLIC, Map.of(), List.of(), Set.of(), Map.of(Steps.VIRTUAL_NETWORK, older), 100);
        assertThat(decisionOf(edited, Steps.VIRTUAL_NETWORK)).isInstanceOf(StepDecision.Put.class);
    }

    @Test
    void aRetryableFailureWaitsForItsBackoffThenIsPutAgain() {
        Outcome retry = Outcome.retryIn(ReadyReason.AzureError, "busy", Duration.ofSeconds(5));
        StepFailure later = failure("InternalServerError", ArmFailure.Category.TRANSIENT, retry, NOW.plusSeconds(5));
        Plan waiting = plan(PUBLIC, Map.of(), List.of(), Set.of(), Map.of(Steps.VIRTUAL_NETWORK, later), 100);
        assertThat(decisionOf(waiting, Steps.VIRTUAL_NETWORK)).isInstanceOfSatisfying(StepDecision.BlockedByFailure.class,
                b -> assertThat(b.retryAt()).isEqualTo(NOW.plusSeconds(5)));
        assertThat(waiting.earliestRetry()).contains(NOW.plusSeconds(5));
        assertThat(waiting.needsUser()).isFalse();

        StepFailure due = failure("InternalServerError", ArmFailure.Category.TRANSIENT, retry, NOW.minusMillis(1));
        assertThat(decisionOf(plan(PUBLIC, Map.of(), List.of(), Set.of(), Map.of(Steps.VIRTUAL_NETWORK, due), 100), Steps.VIRTUAL_NETWORK))
                .isInstanceOf(StepDecision.Put.class);
    }

    @Test
    void theWriteBudgetCapsThePassAndTheRestWaitForIt() {
        Plan plan = plan(PUBLIC, Map.of(), List.of(), Set.of(), Map.of(), 2);
        assertThat(plan.writes()).hasSize(2);
        assertThat(plan.decisions()).filteredOn(d -> d instanceof StepDecision.WaitingForBudget).isNotEmpty();
        assertThat(plan.waitingForBudget()).isTrue();
    }

    @Test
    void scarceTokensGoToTheCriticalPathFirst() {
        // a new lab: VNet, NSG and three public IPs can start; of them only the VNet and the Bastion's IP lead to the Bastion
        Plan plan = plan(PUBLIC, Map.of(), List.of(), Set.of(), Map.of(), 2);
        assertThat(plan.writes()).extracting(StepDecision::step)
                .containsExactlyInAnyOrder(Steps.VIRTUAL_NETWORK, Steps.BASTION_PUBLIC_IP);
        assertThat(decisionOf(plan, Steps.NETWORK_SECURITY_GROUP)).isInstanceOf(StepDecision.WaitingForBudget.class);
        assertThat(plan.decisions()).extracting(StepDecision::step).as("the status keeps the blueprint's order")
                .isEqualTo(PUBLIC.resources().stream().map(DesiredResource::step).toList());
    }

    @Test
    void aLowerBackendCountDeletesTheVmBeforeItsNicAndDisk() {
        Blueprint two = blueprint(new LoadBalancerLabSpec(Mode.Public, null, null, null, null, null,
                new io.lblab.api.BackendsSpec(2, null, null, null, null), null, null, null, null, null));
        Map<String, ObservedResource> observed = allSucceeded(two);
        List<ListedResource> listed = new ArrayList<>(listing(two));
        listed.add(line(two, ResourceKind.VIRTUAL_MACHINE, "myVM3"));
        listed.add(line(two, ResourceKind.NETWORK_INTERFACE, "myNicVM3"));
        listed.add(line(two, ResourceKind.DISK, "myVMosdisk3"));

        Plan plan = plan(two, observed, listed, Set.of(), Map.of(), 100);
        assertThat(decisionOf(plan, "myVM3")).isInstanceOf(StepDecision.Delete.class);
        assertThat(decisionOf(plan, "myNicVM3")).isInstanceOf(StepDecision.WaitingForRemoval.class);
        assertThat(decisionOf(plan, "myVMosdisk3")).isInstanceOf(StepDecision.WaitingForRemoval.class);
        assertThat(plan.complete()).isFalse();

        Plan afterVm = plan(two, observed, listed.stream().filter(l -> !l.name().equals("myVM3")).toList(), Set.of(), Map.of(), 100);
        assertThat(decisionOf(afterVm, "myNicVM3")).isInstanceOf(StepDecision.Delete.class);
    }

    @Test
    void theVnetWaitsForABastionBeingRemoved() {
        Blueprint noBastion = blueprint(new LoadBalancerLabSpec(Mode.Public, null, null, null,
                new io.lblab.api.NetworkSpec("10.1.0.0/16", "10.1.0.0/24", "10.1.1.0/24"), new io.lblab.api.BastionSpec(false),
                null, null, null, null, null, null));
        Map<String, ObservedResource> observed = allSucceeded(noBastion);
        // Azure still has the Bastion subnet in the VNet: the VNet PUT that removes it must wait for the Bastion
        DesiredResource vnet = resource(noBastion, Steps.VIRTUAL_NETWORK);
        ObjectNode withBastionSubnet = resource(PUBLIC, Steps.VIRTUAL_NETWORK).body().deepCopy();
        put(observed, new ObservedResource(vnet.kind(), vnet.id(), withBastionSubnet, "Succeeded"));
        List<ListedResource> listed = new ArrayList<>(listing(noBastion));
        listed.add(line(noBastion, ResourceKind.BASTION_HOST, "myBastionHost"));
        listed.add(line(noBastion, ResourceKind.PUBLIC_IP_ADDRESS, "myBastionIP"));

        Plan plan = plan(noBastion, observed, listed, Set.of(), Map.of(), 100);
        assertThat(decisionOf(plan, "myBastionHost")).isInstanceOf(StepDecision.Delete.class);
        assertThat(decisionOf(plan, "myBastionIP")).isInstanceOf(StepDecision.WaitingForRemoval.class);
        assertThat(decisionOf(plan, Steps.VIRTUAL_NETWORK)).isInstanceOfSatisfying(StepDecision.WaitingForRemoval.class,
                w -> assertThat(w.message()).isEqualTo("waiting for the Bastion host to be removed"));
    }

    @Test
    void aRunningDeletionIsShownAndNotRepeated() {
        Blueprint two = blueprint(new LoadBalancerLabSpec(Mode.Public, null, null, null, null, null,
                new io.lblab.api.BackendsSpec(2, null, null, null, null), null, null, null, null, null));
        List<ListedResource> listed = new ArrayList<>(listing(two));
        ListedResource vm3 = line(two, ResourceKind.VIRTUAL_MACHINE, "myVM3");
        listed.add(vm3);
        Plan plan = plan(two, allSucceeded(two), listed, Set.of(StepPlanner.deleteOperation(vm3.id())), Map.of(), 100);
        assertThat(decisionOf(plan, "myVM3")).isEqualTo(new StepDecision.Running("myVM3", vm3.id(), true));
        assertThat(plan.writes()).isEmpty();
    }

    // ---------------------------------------------------------------- support

    @Test
    void pausedAndPlanOnlyHoldEveryWriteAndSayWhatItWouldBe() {
        Map<String, ObservedResource> observed = allSucceeded(PUBLIC);
        DesiredResource nsg = resource(PUBLIC, Steps.NETWORK_SECURITY_GROUP);
        observed.remove(LabState.key(nsg.id()));
        List<ListedResource> listed = new ArrayList<>(listing(PUBLIC));
        listed.add(line(PUBLIC, ResourceKind.VIRTUAL_MACHINE, "myVM7"));
        for (StepPlanner.Mode mode : List.of(StepPlanner.Mode.PAUSED, StepPlanner.Mode.PLAN_ONLY)) {
            Plan plan = StepPlanner.plan(new StepPlanner.Inputs(PUBLIC, new Observation(observed, listed, NOW), Set.of(), Map.of(),
                    FINGERPRINT, NOW, 100, mode, true));
            assertThat(plan.writes()).as(mode.name()).isEmpty();
            assertThat(decisionOf(plan, Steps.NETWORK_SECURITY_GROUP)).isEqualTo(
                    new StepDecision.Held(Steps.NETWORK_SECURITY_GROUP, nsg.id(), false, mode, "create"));
            assertThat(decisionOf(plan, "myVM7")).isInstanceOf(StepDecision.Held.class);
            assertThat(((StepDecision.Held) decisionOf(plan, "myVM7")).deletion()).isTrue();
            assertThat(plan.complete()).isFalse();
            assertThat(plan.held()).isEqualTo(2);
        }
        assertThat(decisionOf(StepPlanner.plan(new StepPlanner.Inputs(PUBLIC, new Observation(observed, listed, NOW), Set.of(), Map.of(),
                FINGERPRINT, NOW, 100, StepPlanner.Mode.PAUSED, true)), Steps.NETWORK_SECURITY_GROUP).message())
                .isEqualTo("paused: would create");
    }

    @Test
    void inAnAdoptedGroupWhatTheSpecNoLongerWantsIsKeptUnlessDeletionIsAllowed() {
        List<ListedResource> listed = new ArrayList<>(listing(PUBLIC));
        listed.add(line(PUBLIC, ResourceKind.VIRTUAL_MACHINE, "myVM7"));
        Plan kept = StepPlanner.plan(new StepPlanner.Inputs(PUBLIC, new Observation(allSucceeded(PUBLIC), listed, NOW), Set.of(), Map.of(),
                FINGERPRINT, NOW, 100, StepPlanner.Mode.APPLY, true, false));
        assertThat(decisionOf(kept, "myVM7")).isInstanceOf(StepDecision.Kept.class);
        assertThat(kept.writes()).isEmpty();
        assertThat(kept.complete()).isTrue();
        Plan deleted = StepPlanner.plan(new StepPlanner.Inputs(PUBLIC, new Observation(allSucceeded(PUBLIC), listed, NOW), Set.of(), Map.of(),
                FINGERPRINT, NOW, 100, StepPlanner.Mode.APPLY, true, true));
        assertThat(decisionOf(deleted, "myVM7")).isInstanceOf(StepDecision.Delete.class);
    }

    @Test
    void aPausedLabWithoutItsGroupHoldsTheGroupToo() {
        Plan plan = StepPlanner.plan(new StepPlanner.Inputs(PUBLIC, Observation.none(), Set.of(), Map.of(), FINGERPRINT, NOW, 100,
                StepPlanner.Mode.PAUSED, false));
        assertThat(plan.writes()).isEmpty();
        assertThat(plan.steps().get(0).state()).isEqualTo(io.lblab.api.StepState.Pending);
        assertThat(plan.steps().get(0).message()).isEqualTo("paused: would create");
        assertThat(decisionOf(plan, Steps.VIRTUAL_NETWORK)).isInstanceOf(StepDecision.WaitingForDependencies.class);
    }

    @Test
    void aNewRetryValueLetsAFailureThatNeedsAPersonBeTriedOnceMore() {
        StepFailure quota = new StepFailure(new ArmFailure("QuotaExceeded", "message", 409, ArmFailure.Category.NEEDS_USER, null),
                Outcome.waitForChange(ReadyReason.AzureError, "QuotaExceeded"), 1, NOW, FINGERPRINT);
        Map<String, StepFailure> failures = Map.of(Steps.VIRTUAL_NETWORK, quota);
        Plan held = StepPlanner.plan(new StepPlanner.Inputs(PUBLIC, new Observation(Map.of(), List.of(), NOW), Set.of(), failures,
                FINGERPRINT, NOW, 100));
        assertThat(decisionOf(held, Steps.VIRTUAL_NETWORK)).isInstanceOf(StepDecision.BlockedByFailure.class);
        Plan retried = StepPlanner.plan(new StepPlanner.Inputs(PUBLIC, new Observation(Map.of(), List.of(), NOW), Set.of(), failures,
                FINGERPRINT + "/retry=1", NOW, 100));
        assertThat(decisionOf(retried, Steps.VIRTUAL_NETWORK)).isInstanceOf(StepDecision.Put.class);
    }

    private static Blueprint blueprint(LoadBalancerLabSpec spec) {
        return Blueprints.of(new BlueprintInputs("labs", "demo", "uid-1", "00000000-0000-0000-0000-000000000001", spec, "Pa55w0rd!Pa55w0rd"));
    }

    private static Plan plan(Blueprint blueprint, Map<String, ObservedResource> observed, List<ListedResource> listed,
                             Set<String> running, Map<String, StepFailure> failures, int tokens) {
        return StepPlanner.plan(new StepPlanner.Inputs(blueprint, new Observation(observed, listed, NOW), running, failures,
                FINGERPRINT, NOW, tokens));
    }

    private static StepDecision decisionOf(Plan plan, String step) {
        return plan.decisions().stream().filter(d -> d.step().equals(step)).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + step + " in " + plan.decisions()));
    }

    private static DesiredResource resource(Blueprint blueprint, String step) {
        return blueprint.step(step).orElseThrow();
    }

    private static ObservedResource observe(DesiredResource desired, String state) {
        return new ObservedResource(desired.kind(), desired.id(), desired.body().deepCopy(), state);
    }

    private static Map<String, ObservedResource> allSucceeded(Blueprint blueprint) {
        Map<String, ObservedResource> observed = new HashMap<>();
        blueprint.resources().forEach(r -> put(observed, observe(r, "Succeeded")));
        return observed;
    }

    private static void put(Map<String, ObservedResource> observed, ObservedResource resource) {
        observed.put(LabState.key(resource.id()), resource);
    }

    private static List<ListedResource> listing(Blueprint blueprint) {
        return blueprint.resources().stream()
                .map(r -> new ListedResource(r.id(), r.kind().armType(), r.name(), null, "Succeeded")).toList();
    }

    private static ListedResource line(Blueprint blueprint, ResourceKind kind, String name) {
        return new ListedResource(kind.resourceId(blueprint.subscriptionId(), blueprint.resourceGroup(), name), kind.armType(), name,
                null, "Succeeded");
    }

    private static StepFailure failure(String code, ArmFailure.Category category, Outcome outcome, Instant notBefore) {
        return new StepFailure(new ArmFailure(code, "message", 400, category, null), outcome, 1, notBefore, FINGERPRINT);
    }
}
