package io.lblab.reconciler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.api.BackendsSpec;
import io.lblab.api.BastionSpec;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.LoadBalancerSpec;
import io.lblab.api.Mode;
import io.lblab.api.PlanAction;
import io.lblab.api.PlanStatus;
import io.lblab.api.PlannedChange;
import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;
import io.lblab.azure.ResourceGroupState;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.Blueprints;
import io.lblab.blueprint.DesiredResource;
import io.lblab.blueprint.ResourceKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code status.plan} from hand-made observations: creation order, diffs with values, deletions, masked secrets. */
class PlanPreviewTest {

    private static final String PASSWORD = "Pa55w0rd!Pa55w0rd";

    @Test
    void aNewLabPlansTheWholeCreationInDependencyWaves() {
        Blueprint blueprint = blueprint(quick(1));
        PlanStatus plan = PlanPreview.of(blueprint, Observation.none(), Optional.empty(), 1L);

        assertThat(plan.resources()).extracting(PlannedChange::order, PlannedChange::action, PlannedChange::name).containsExactly(
                tuple(1, PlanAction.Create, "lblab-labs-demo"),
                tuple(2, PlanAction.Create, "myVNet"),
                tuple(2, PlanAction.Create, "myNSG"),
                tuple(2, PlanAction.Create, "myPublicIP"),
                tuple(2, PlanAction.Create, "myPublicIPOutbound"),
                tuple(3, PlanAction.Create, "myLoadBalancer"),
                tuple(4, PlanAction.Create, "myNicVM1"),
                tuple(5, PlanAction.Create, "myVM1"));
        assertThat(plan.summary()).isEqualTo("8 to create, 0 to update, 0 to delete, 0 unchanged");
        assertThat(plan.generation()).isEqualTo(1L);
        assertThat(plan.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aSpecEditPlansExactlyTheDifferenceWithValues() {
        Blueprint before = blueprint(quick(2));
        Blueprint after = blueprint(new LoadBalancerLabSpec(Mode.Public, null, null, null, null, new BastionSpec(false),
                new BackendsSpec(1, null, null, null, null),
                new LoadBalancerSpec(8080, null, null, null, null, null), null, null, null, null));
        PlanStatus plan = PlanPreview.of(after, observedAsBuilt(before), Optional.of(group(before)), 2L);

        assertThat(plan.resources()).filteredOn(c -> c.action() != PlanAction.NoChange)
                .extracting(PlannedChange::order, PlannedChange::action, PlannedChange::name).containsExactly(
                        tuple(1, PlanAction.Update, "myLoadBalancer"),
                        tuple(1, PlanAction.Delete, "myVM2"),
                        tuple(2, PlanAction.Delete, "myNicVM2"));
        PlannedChange lb = plan.resources().stream().filter(c -> c.name().equals("myLoadBalancer")).findFirst().orElseThrow();
        assertThat(lb.changes()).containsExactly("properties.loadBalancingRules[myHTTPRule].properties.frontendPort: 80 -> 8080");
        assertThat(plan.resources()).filteredOn(c -> c.action() == PlanAction.NoChange)
                .extracting(PlannedChange::name).containsExactly("lblab-labs-demo", "myVNet", "myNSG", "myPublicIP",
                        "myPublicIPOutbound", "myNicVM1", "myVM1");
        assertThat(plan.resources()).filteredOn(c -> c.action() == PlanAction.NoChange).allSatisfy(c -> assertThat(c.order()).isNull());
        assertThat(plan.summary()).isEqualTo("0 to create, 1 to update, 2 to delete, 7 unchanged");
    }

    @Test
    void nothingToDoIsAllNoChangeAndSecretsAreMasked() {
        Blueprint blueprint = blueprint(quick(1));
        PlanStatus plan = PlanPreview.of(blueprint, observedAsBuilt(blueprint), Optional.of(group(blueprint)), 1L);
        assertThat(plan.resources()).allSatisfy(c -> assertThat(c.action()).isEqualTo(PlanAction.NoChange));

        assertThat(PlanPreview.describe("properties.osProfile.adminPassword",
                json("{\"properties\":{\"osProfile\":{\"adminPassword\":\"new\"}}}"),
                json("{\"properties\":{\"osProfile\":{\"adminPassword\":\"old\"}}}")))
                .isEqualTo("properties.osProfile.adminPassword: (secret)");
        assertThat(PlanPreview.describe("tags.team", json("{\"tags\":{\"team\":\"net\"}}"), json("{\"tags\":{}}")))
                .isEqualTo("tags.team: (none) -> net");
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static LoadBalancerLabSpec quick(int count) {
        return new LoadBalancerLabSpec(Mode.Public, null, null, null, null, new BastionSpec(false),
                new BackendsSpec(count, null, null, null, null), null, null, null, null, null);
    }

    static Blueprint blueprint(LoadBalancerLabSpec spec) {
        return Blueprints.of(new BlueprintInputs("labs", "demo", "uid-1", "00000000-0000-0000-0000-000000000001", spec, PASSWORD));
    }

    static ResourceGroupState group(Blueprint blueprint) {
        return new ResourceGroupState(blueprint.resourceGroup(), blueprint.location(), blueprint.resourceGroupTags(), "Succeeded");
    }

    /** Azure holding every resource of the blueprint exactly as desired (the password as Azure never shows it). */
    static Observation observedAsBuilt(Blueprint blueprint) {
        Map<String, ObservedResource> observed = new HashMap<>();
        List<ListedResource> listed = new ArrayList<>();
        for (DesiredResource r : blueprint.resources()) {
            ObjectNode body = r.body().deepCopy();
            if (r.kind() == ResourceKind.VIRTUAL_MACHINE) {
                ((ObjectNode) body.path("properties").path("osProfile")).remove("adminPassword");
            }
            observed.put(LabState.key(r.id()), new ObservedResource(r.kind(), r.id(), body, "Succeeded"));
            listed.add(new ListedResource(r.id(), r.kind().armType(), r.name(), null, "Succeeded"));
        }
        return new Observation(observed, listed, Instant.now());
    }
}
