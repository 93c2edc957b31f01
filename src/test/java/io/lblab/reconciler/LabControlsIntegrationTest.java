package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lblab.api.BackendsSpec;
import io.lblab.api.BastionSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.lblab.api.Condition;
import io.lblab.api.ExportsSpec;
import io.lblab.api.ServiceExportSpec;
import io.lblab.api.FirewallSpec;
import io.lblab.api.LabAnnotations;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.LoadBalancerSpec;
import io.lblab.api.Mode;
import io.lblab.api.Phase;
import io.lblab.api.PlanAction;
import io.lblab.api.PlannedChange;
import io.lblab.api.StepState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The annotations that steer a lab without changing its spec ({@link LabAnnotations}), end to end on the mock
 * Kubernetes API and the ARM simulator: pause, retry now, plan only. What Azure received is read from the
 * simulator's stats and operations.
 */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(SimulatorTestResource.class)
class LabControlsIntegrationTest {

    private static final String NSG_TYPE = "Microsoft.Network/networkSecurityGroups";
    private static final String VMS = "Microsoft.Compute/virtualMachines";

    @Inject
    KubernetesClient kubernetes;
    @Inject
    io.lblab.azure.AzureGateways gateways;
    @Inject
    io.lblab.azure.AzureCredentials credentials;

    LabTestSupport labs;
    SimAdmin sim;

    @BeforeEach
    void setUp() {
        labs = new LabTestSupport(kubernetes);
        sim = new SimAdmin(SimulatorTestResource.simulator().info());
        sim.clearFaults();
    }

    @Test
    void pauseStopsDriftRepairAndResumingRepairsIt() {
        String ns = "it-pause";
        labs.create(ns, LabTestSupport.lab("paused", quick(1)));
        labs.awaitReady(ns, "paused");
        String group = "lblab-it-pause-paused";

        labs.annotate(ns, "paused", LabAnnotations.PAUSED, "true");
        LoadBalancerLab paused = labs.awaitReason(ns, "paused", "Paused");
        assertThat(paused.getStatus().phase()).isEqualTo(Phase.Paused);
        assertThat(paused.getStatus().condition(Condition.READY).message()).contains("Azure matches the spec");
        long writes = sim.writes();
        int operations = sim.operations().size();

        // drift behind the operator's back: seen at the next look (every 3 s in tests), not repaired
        String nsgId = nsg(group).path("id").asText();
        sim.patchResource(nsgId, "{\"properties\":{\"securityRules\":[{\"name\":\"myNSGRuleHTTP\",\"properties\":{\"protocol\":\"*\","
                + "\"sourceAddressPrefix\":\"*\",\"sourcePortRange\":\"*\",\"destinationAddressPrefix\":\"*\",\"destinationPortRange\":\"3389\","
                + "\"access\":\"Allow\",\"priority\":200,\"direction\":\"Inbound\"}}]}}");
        LoadBalancerLab drifted = labs.awaitStatus(ns, "paused", Duration.ofSeconds(20), lab ->
                lab.getStatus().condition(Condition.READY).message().contains("1 write(s) held back"));
        assertThat(drifted.getStatus().steps()).filteredOn(s -> s.name().equals("network-security-group")).singleElement()
                .satisfies(step -> {
                    assertThat(step.state()).isEqualTo(StepState.Pending);
                    assertThat(step.message()).startsWith("paused: would update properties.securityRules[myNSGRuleHTTP]");
                });
        // another drift period: still nothing written
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> sim.writes() == writes);
        assertThat(sim.operations().size()).isEqualTo(operations);
        assertThat(port(group)).isEqualTo("3389");

        labs.annotate(ns, "paused", LabAnnotations.PAUSED, null);
        labs.awaitReady(ns, "paused");
        assertThat(port(group)).isEqualTo("80");
        assertThat(labs.eventReasons(ns, "paused")).contains("Paused", "Resumed");

        // a paused lab is still deleted, group and all
        labs.annotate(ns, "paused", LabAnnotations.PAUSED, "true");
        labs.awaitReason(ns, "paused", "Paused");
        labs.deleteAndAwaitGone(ns, "paused");
        assertThat(sim.groupExists(group)).isFalse();
    }

    @Test
    void retryNowRetriesAFailureThatNeedsAPersonOnce() {
        String ns = "it-retry";
        String group = "lblab-it-retry-retry";
        // the VM's creation fails twice with an error only a person can fix
        sim.faults("{\"rules\":[],\"oneShots\":[{\"type\":\"" + VMS + "\",\"method\":\"PUT\",\"fault\":\"asyncFailure\",\"count\":2,"
                + "\"errorCode\":\"QuotaExceeded\",\"errorMessage\":\"Operation could not be completed as it results in exceeding approved quota\"}]}");
        labs.create(ns, LabTestSupport.lab("retry", quick(1)));
        LoadBalancerLab failed = labs.awaitStatus(ns, "retry", LabTestSupport.READY_TIMEOUT, lab -> lab.getStatus().phase() == Phase.Failed);
        assertThat(failed.getStatus().condition(Condition.READY).message()).contains("QuotaExceeded");
        assertThat(vmPuts(group)).isEqualTo(1);
        // not retried by itself (two drift periods)
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> vmPuts(group) == 1);

        labs.annotate(ns, "retry", LabAnnotations.RETRY, "1");
        await().atMost(Duration.ofSeconds(20)).until(() -> vmPuts(group) == 2);
        labs.awaitStatus(ns, "retry", Duration.ofSeconds(20), lab -> lab.getStatus().phase() == Phase.Failed);
        // once: the second failure waits for a person again
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> vmPuts(group) == 2);

        labs.annotate(ns, "retry", LabAnnotations.RETRY, "2");
        labs.awaitReady(ns, "retry");
        assertThat(vmPuts(group)).isEqualTo(3);
        assertThat(labs.eventReasons(ns, "retry")).contains("RetryRequested");
        labs.deleteAndAwaitGone(ns, "retry");
    }

    @Test
    void planOnlyShowsTheCreationThenTheDiffOfAnEditAndWritesNothingUntilLifted() {
        String ns = "it-plan";
        String group = "lblab-it-plan-plan";
        long writes = sim.writes();
        LoadBalancerLab lab = LabTestSupport.lab("plan", quick(1));
        lab.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(LabAnnotations.PLAN_ONLY, "true")));
        labs.create(ns, lab);
        LoadBalancerLab planned = labs.awaitReason(ns, "plan", "PlanReady");
        assertThat(planned.getStatus().phase()).isEqualTo(Phase.Pending);
        assertThat(planned.getStatus().plan().resources())
                .extracting(PlannedChange::order, PlannedChange::action, PlannedChange::name).containsExactly(
                        tuple(1, PlanAction.Create, group),
                        tuple(2, PlanAction.Create, "myVNet"),
                        tuple(2, PlanAction.Create, "myNSG"),
                        tuple(2, PlanAction.Create, "myPublicIP"),
                        tuple(2, PlanAction.Create, "myPublicIPOutbound"),
                        tuple(3, PlanAction.Create, "myLoadBalancer"),
                        tuple(4, PlanAction.Create, "myNicVM1"),
                        tuple(5, PlanAction.Create, "myVM1"));
        assertThat(planned.getStatus().plan().summary()).isEqualTo("8 to create, 0 to update, 0 to delete, 0 unchanged");
        assertThat(sim.writes()).as("nothing written while planning").isEqualTo(writes);
        assertThat(sim.groupExists(group)).isFalse();

        labs.annotate(ns, "plan", LabAnnotations.PLAN_ONLY, null);
        LoadBalancerLab ready = labs.awaitReady(ns, "plan");
        assertThat(ready.getStatus().plan()).isNull();

        // a spec edit under plan-only: the diff, exactly
        labs.annotate(ns, "plan", LabAnnotations.PLAN_ONLY, "true");
        labs.awaitReason(ns, "plan", "PlanReady");
        long beforeEdit = sim.writes();
        labs.updateSpec(ns, "plan", spec -> new LoadBalancerLabSpec(spec.mode(), spec.location(), spec.resourceGroupName(),
                spec.credentialsSecretRef(), spec.network(), spec.bastion(), new BackendsSpec(2, null, null, null, null),
                new LoadBalancerSpec(8080, null, null, null, null, null), new FirewallSpec(8081, null), spec.testVm(), spec.tags(),
                spec.deletionPolicy()));
        LoadBalancerLab diff = labs.awaitStatus(ns, "plan", LabTestSupport.READY_TIMEOUT, l -> l.getStatus().plan() != null
                && l.getStatus().plan().generation().equals(l.getMetadata().getGeneration()));
        List<PlannedChange> changes = diff.getStatus().plan().resources().stream().filter(c -> c.action() != PlanAction.NoChange).toList();
        assertThat(changes).extracting(PlannedChange::order, PlannedChange::action, PlannedChange::name).containsExactly(
                tuple(1, PlanAction.Update, "myNSG"),
                tuple(1, PlanAction.Update, "myLoadBalancer"),
                tuple(2, PlanAction.Create, "myNicVM2"),
                tuple(3, PlanAction.Create, "myVM2"));
        assertThat(changes.get(0).changes()).containsExactly("properties.securityRules[myNSGRuleHTTP].properties.destinationPortRange: 80 -> 8081");
        assertThat(changes.get(1).changes()).containsExactly("properties.loadBalancingRules[myHTTPRule].properties.frontendPort: 80 -> 8080");
        assertThat(diff.getStatus().plan().summary()).isEqualTo("2 to create, 2 to update, 0 to delete, 6 unchanged");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> sim.writes() == beforeEdit);
        assertThat(port(group)).isEqualTo("80");

        labs.annotate(ns, "plan", LabAnnotations.PLAN_ONLY, null);
        labs.awaitReady(ns, "plan");
        assertThat(port(group)).isEqualTo("8081");
        assertThat(sim.resourcesIn(group, VMS)).hasSize(2);
        assertThat(labs.eventReasons(ns, "plan")).contains("PlanReady", "PlanApplying");
        labs.deleteAndAwaitGone(ns, "plan");
    }

    @Test
    void anAnnotationValueTheOperatorCannotActOnIsReported() {
        String ns = "it-badannotation";
        LoadBalancerLab lab = LabTestSupport.lab("bad", quick(1));
        lab.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(LabAnnotations.PAUSED, "yes")));
        labs.create(ns, lab);
        LoadBalancerLab reported = labs.awaitReason(ns, "bad", "InvalidSpec");
        assertThat(reported.getStatus().condition(Condition.READY).message())
                .isEqualTo("annotation lblab.io/paused must be \"true\" or \"false\", not \"yes\"");
        assertThat(sim.groupExists("lblab-it-badannotation-bad")).isFalse();
        labs.deleteAndAwaitGone(ns, "bad");
    }

    @Test
    void exportsFollowTheLabsAddressesAndAreWrittenAgainWhenDeleted() {
        String ns = "it-exports";
        String group = "lblab-it-exports-exports";
        LoadBalancerLabSpec spec = quick(2).withExports(new ExportsSpec("lab-outputs", new ServiceExportSpec("lab", null)));
        LoadBalancerLab created = labs.create(ns, LabTestSupport.lab("exports", spec));
        LoadBalancerLab ready = labs.awaitReady(ns, "exports");

        ConfigMap outputs = await().atMost(Duration.ofSeconds(10)).until(() -> kubernetes.configMaps().inNamespace(ns).withName("lab-outputs").get(),
                cm -> cm != null && ready.getStatus().frontendIP().equals(cm.getData().get("frontendIP")));
        assertThat(outputs.getData()).containsEntry("outboundIP", ready.getStatus().outboundIP())
                .containsEntry("resourceGroup", group)
                .containsEntry("backendIPs", ready.getStatus().backends().get(0).privateIP() + "," + ready.getStatus().backends().get(1).privateIP())
                .containsEntry("backend.myVM1", ready.getStatus().backends().get(0).privateIP());
        assertThat(outputs.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
        Service service = kubernetes.services().inNamespace(ns).withName("lab").get();
        assertThat(service.getSpec().getSelector()).isNullOrEmpty();
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
        assertThat(service.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
        EndpointSlice slice = kubernetes.discovery().v1().endpointSlices().inNamespace(ns).withName("lab").get();
        assertThat(slice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "lab");
        assertThat(slice.getEndpoints()).singleElement().satisfies(e -> assertThat(e.getAddresses()).containsExactly(ready.getStatus().frontendIP()));
        assertThat(slice.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));

        // the frontend IP changes in Azure: seen at the next look (every 3 s in tests)
        String oldIp = ready.getStatus().frontendIP();
        String pipId = sim.resourcesIn(group, "Microsoft.Network/publicIPAddresses").stream()
                .filter(r -> r.path("name").asText().equals("myPublicIP")).findFirst().orElseThrow().path("id").asText();
        sim.patchResource(pipId, "{\"properties\":{\"ipAddress\":\"198.51.100.77\"}}");
        LoadBalancerLab moved = labs.awaitStatus(ns, "exports", LabTestSupport.READY_TIMEOUT, l -> l.getStatus().phase() == Phase.Ready
                && l.getStatus().frontendIP() != null && !l.getStatus().frontendIP().equals(oldIp));
        String newIp = moved.getStatus().frontendIP();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(kubernetes.configMaps().inNamespace(ns).withName("lab-outputs").get().getData()).containsEntry("frontendIP", newIp);
            assertThat(kubernetes.discovery().v1().endpointSlices().inNamespace(ns).withName("lab").get().getEndpoints())
                    .singleElement().satisfies(e -> assertThat(e.getAddresses()).containsExactly(newIp));
        });

        // deleted by someone: written again at once (the informer reconciles the owner)
        kubernetes.configMaps().inNamespace(ns).withName("lab-outputs").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> kubernetes.configMaps().inNamespace(ns).withName("lab-outputs").get(),
                cm -> cm != null && newIp.equals(cm.getData().get("frontendIP")));
        assertThat(labs.eventReasons(ns, "exports")).contains("Exported");
        labs.deleteAndAwaitGone(ns, "exports");
    }

    /**
     * A group that exists and is no lab's is touched only with the annotation; once adopted, the operator builds the
     * lab in it and deletes nothing it may not have created (a resource with a sample name the spec does not want, the
     * group on deletion) unless deletionPolicy is DeleteAdopted.
     */
    @Test
    void anUnownedGroupIsAdoptedOnlyWithTheAnnotationAndNothingInItIsDeletedUnlessTheSpecSaysSo() {
        String ns = "it-adopt";
        var azure = gateways.gateway(credentials.operatorAccess().orElseThrow());
        for (String group : List.of("adopt-keep", "adopt-delete")) {
            azure.putResourceGroup(group, "eastus", java.util.Map.of("team", "other")).block();
            azure.put(io.lblab.blueprint.ResourceKind.PUBLIC_IP_ADDRESS, group, "myBastionIP", json(
                    "{\"location\":\"eastus\",\"sku\":{\"name\":\"Standard\"},\"properties\":{\"publicIPAllocationMethod\":\"Static\"}}")).block();
        }
        long writes = sim.writes();
        labs.create(ns, LabTestSupport.lab("keep", withGroup(quick(1), "adopt-keep", null)));
        LoadBalancerLab refused = labs.awaitReason(ns, "keep", "ResourceGroupConflict");
        assertThat(refused.getStatus().condition(Condition.READY).message()).contains("lblab.io/adopt-resource-group=adopt-keep");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> sim.writes() == writes);

        labs.annotate(ns, "keep", LabAnnotations.ADOPT_RESOURCE_GROUP, "adopt-keep");
        LoadBalancerLab adopted = labs.awaitReady(ns, "keep");
        JsonNode tags = groupTags("adopt-keep");
        assertThat(tags.path("lblab.io/owner-uid").asText()).isEqualTo(adopted.getMetadata().getUid());
        assertThat(tags.path("lblab.io/adopted").asText()).isEqualTo("true");
        assertThat(tags.path("team").asText()).as("the owner's tags are kept").isEqualTo("other");
        assertThat(names("adopt-keep", "Microsoft.Network/publicIPAddresses")).contains("myBastionIP", "myPublicIP");
        assertThat(adopted.getStatus().steps()).filteredOn(s -> s.name().equals("myBastionIP")).singleElement()
                .satisfies(s -> assertThat(s.message()).startsWith("kept:"));
        assertThat(labs.eventReasons(ns, "keep")).contains("ResourceGroupAdopted");
        labs.deleteAndAwaitGone(ns, "keep");
        assertThat(sim.groupExists("adopt-keep")).as("an adopted group is not deleted with the lab").isTrue();
        assertThat(labs.eventReasons(ns, "keep")).contains("ResourceGroupKept");
        assertThat(names("adopt-keep", "Microsoft.Network/publicIPAddresses")).contains("myBastionIP", "myPublicIP");

        LoadBalancerLab allowed = LabTestSupport.lab("delete", withGroup(quick(1), "adopt-delete", io.lblab.api.DeletionPolicy.DeleteAdopted));
        allowed.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(LabAnnotations.ADOPT_RESOURCE_GROUP, "adopt-delete")));
        labs.create(ns, allowed);
        labs.awaitReady(ns, "delete");
        await().atMost(Duration.ofSeconds(20)).until(() -> !names("adopt-delete", "Microsoft.Network/publicIPAddresses").contains("myBastionIP"));
        labs.deleteAndAwaitGone(ns, "delete");
        assertThat(sim.groupExists("adopt-delete")).isFalse();
    }

    private JsonNode groupTags(String group) {
        return sim.resources().stream().filter(r -> group.equalsIgnoreCase(r.path("name").asText())
                && "Microsoft.Resources/resourceGroups".equalsIgnoreCase(r.path("type").asText())).findFirst().orElseThrow().path("tags");
    }

    private List<String> names(String group, String type) {
        return sim.resourcesIn(group, type).stream().map(r -> r.path("name").asText()).toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static LoadBalancerLabSpec withGroup(LoadBalancerLabSpec spec, String group, io.lblab.api.DeletionPolicy policy) {
        return new LoadBalancerLabSpec(spec.mode(), spec.location(), group, spec.credentialsSecretRef(), spec.network(), spec.bastion(),
                spec.backends(), spec.loadBalancer(), spec.firewall(), spec.testVm(), spec.tags(), policy);
    }

    private long vmPuts(String group) {
        int count = 0;
        for (JsonNode operation : sim.operations()) {
            String id = operation.path("resourceId").asText().toLowerCase();
            if (id.contains("/resourcegroups/" + group + "/") && id.contains("/virtualmachines/")
                    && "PUT".equals(operation.path("method").asText())) {
                count++;
            }
        }
        return count;
    }

    private JsonNode nsg(String group) {
        return sim.resourcesIn(group, NSG_TYPE).get(0);
    }

    private String port(String group) {
        return nsg(group).path("properties").path("securityRules").path(0).path("properties").path("destinationPortRange").asText();
    }

    static LoadBalancerLabSpec quick(int count) {
        return new LoadBalancerLabSpec(Mode.Public, null, null, null, null, new BastionSpec(false),
                new BackendsSpec(count, null, null, null, null), null, null, null, null, null);
    }
}
