package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lblab.api.BackendStatus;
import io.lblab.api.BackendsSpec;
import io.lblab.api.BastionSpec;
import io.lblab.api.Condition;
import io.lblab.api.DeletionPolicy;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;
import io.lblab.api.Phase;
import io.lblab.api.StepState;
import io.lblab.azure.AzureCredentials;
import io.lblab.azure.AzureGateways;
import io.lblab.sim.SimulatorInfo;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator end to end: fabric8's mock Kubernetes API (CRUD mode), the ARM simulator with realistic latencies
 * compressed 200x, and the real Azure SDK in between.
 */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(SimulatorTestResource.class)
class OperatorIntegrationTest {

    private static final String VMS = "Microsoft.Compute/virtualMachines";
    private static final String NICS = "Microsoft.Network/networkInterfaces";
    private static final String DISKS = "Microsoft.Compute/disks";
    private static final String PIPS = "Microsoft.Network/publicIPAddresses";

    @Inject
    KubernetesClient kubernetes;
    @Inject
    LabStates states;
    @Inject
    AzureGateways gateways;
    @Inject
    OperationEvents operationEvents;
    @Inject
    AzureCredentials credentials;

    LabTestSupport labs;
    SimAdmin sim;

    @BeforeEach
    void setUp() {
        labs = new LabTestSupport(kubernetes);
        sim = new SimAdmin(SimulatorTestResource.simulator().info());
        sim.clearFaults();
    }

    @Test
    void publicLabBuildsTheSamplesInventoryAndThenMakesNoWrites() {
        labs.create("it-public", LabTestSupport.sample("public.yaml"));
        LoadBalancerLab lab = labs.awaitReady("it-public", "public-lab");
        String group = "lblab-it-public-public-lab";

        assertThat(lab.getStatus().resourceGroup()).isEqualTo(group);
        assertThat(names(group, "Microsoft.Network/virtualNetworks")).containsExactly("myVNet");
        assertThat(names(group, PIPS)).containsExactlyInAnyOrder("myBastionIP", "myPublicIP", "myPublicIPOutbound");
        assertThat(names(group, "Microsoft.Network/bastionHosts")).containsExactly("myBastionHost");
        assertThat(names(group, "Microsoft.Network/networkSecurityGroups")).containsExactly("myNSG");
        assertThat(names(group, NICS)).containsExactlyInAnyOrder("myNicVM1", "myNicVM2", "myNicVM3");
        assertThat(names(group, VMS)).containsExactlyInAnyOrder("myVM1", "myVM2", "myVM3");
        assertThat(names(group, "Microsoft.Network/loadBalancers")).containsExactly("myLoadBalancer");

        JsonNode lb = resource(group, "Microsoft.Network/loadBalancers", "myLoadBalancer").path("properties");
        assertThat(childNames(lb.path("frontendIPConfigurations"))).containsExactlyInAnyOrder("myFrontEnd", "myFrontEndOutbound");
        assertThat(childNames(lb.path("backendAddressPools"))).containsExactlyInAnyOrder("myBackEndPool", "myBackendPoolOutbound");
        JsonNode rule = lb.path("loadBalancingRules").path(0).path("properties");
        assertThat(rule.path("frontendPort").asInt()).isEqualTo(80);
        assertThat(rule.path("idleTimeoutInMinutes").asInt()).isEqualTo(15);
        assertThat(rule.path("enableFloatingIP").asBoolean()).isTrue();
        assertThat(rule.path("disableOutboundSnat").asBoolean()).isTrue();
        JsonNode outbound = lb.path("outboundRules").path(0).path("properties");
        assertThat(outbound.path("allocatedOutboundPorts").asInt()).isEqualTo(10000);
        assertThat(outbound.path("protocol").asText()).isEqualTo("All");
        assertThat(lb.path("probes").path(0).path("properties").path("protocol").asText()).isEqualTo("Tcp");
        assertThat(lb.path("backendAddressPools").findValues("backendIPConfigurations")).allSatisfy(pool -> assertThat(pool).hasSize(3));

        assertThat(lab.getStatus().frontendIP()).isNotBlank()
                .isEqualTo(resource(group, PIPS, "myPublicIP").path("properties").path("ipAddress").asText());
        assertThat(lab.getStatus().outboundIP()).isNotBlank()
                .isEqualTo(resource(group, PIPS, "myPublicIPOutbound").path("properties").path("ipAddress").asText());
        assertThat(lab.getStatus().backends()).extracting(BackendStatus::name).containsExactly("myVM1", "myVM2", "myVM3");
        for (BackendStatus backend : lab.getStatus().backends()) {
            String nic = backend.name().replace("myVM", "myNicVM");
            assertThat(backend.privateIP()).startsWith("10.1.0.")
                    .isEqualTo(resource(group, NICS, nic).path("properties").path("ipConfigurations").path(0)
                            .path("properties").path("privateIPAddress").asText());
        }
        assertThat(lab.getStatus().steps()).allSatisfy(step -> assertThat(step.state()).isEqualTo(StepState.Succeeded));
        assertThat(lab.getStatus().condition(Condition.READY).status()).isEqualTo(Condition.TRUE);

        Secret password = kubernetes.secrets().inNamespace("it-public").withName("public-lab-vm-admin").get();
        assertThat(password).isNotNull();
        assertThat(password.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(lab.getMetadata().getUid()));
        String generated = LabAccessResolver.decode(password).get("password");
        assertThat(generated).hasSizeGreaterThanOrEqualTo(12);
        assertThat(kubernetes.resources(LoadBalancerLab.class).inNamespace("it-public").withName("public-lab").get().toString())
                .doesNotContain(generated);
        assertThat(sim.resources().toString()).doesNotContain(generated);

        long writes = sim.writes();
        // three drift checks (every 3 s in tests) and an unrelated metadata change: reads only
        kubernetes.resources(LoadBalancerLab.class).inNamespace("it-public").withName("public-lab")
                .edit(l -> { l.getMetadata().getLabels().put("touched", "yes"); return l; });
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12)).until(() -> sim.writes() == writes);

        labs.deleteAndAwaitGone("it-public", "public-lab");
        assertThat(sim.groupExists(group)).isFalse();
    }

    @Test
    void internalLabHasAPrivateFrontendAndATestVm() {
        labs.create("it-internal", LabTestSupport.sample("internal.yaml"));
        LoadBalancerLab lab = labs.awaitReady("it-internal", "internal-lab");
        String group = "lblab-it-internal-internal-lab";

        assertThat(names(group, PIPS)).containsExactly("myBastionIP");
        assertThat(names(group, VMS)).containsExactlyInAnyOrder("myVM1", "myVM2", "myVM3", "myTestVM");
        assertThat(names(group, NICS)).containsExactlyInAnyOrder("myNicVM1", "myNicVM2", "myNicVM3", "myNicTestVM");
        JsonNode lb = resource(group, "Microsoft.Network/loadBalancers", "myLoadBalancer").path("properties");
        JsonNode frontend = lb.path("frontendIPConfigurations").path(0).path("properties");
        assertThat(frontend.path("subnet").path("id").asText()).endsWith("/virtualNetworks/myVNet/subnets/myBackendSubnet");
        assertThat(lb.path("outboundRules").size()).isZero();
        assertThat(lab.getStatus().frontendIP()).startsWith("10.1.0.").isEqualTo(frontend.path("privateIPAddress").asText());
        assertThat(lab.getStatus().outboundIP()).isNull();
        JsonNode testNic = resource(group, NICS, "myNicTestVM").path("properties").path("ipConfigurations").path(0).path("properties");
        assertThat(testNic.path("loadBalancerBackendAddressPools").size()).isZero();

        labs.deleteAndAwaitGone("it-internal", "internal-lab");
        assertThat(sim.groupExists(group)).isFalse();
    }

    @Test
    void driftBehindTheOperatorsBackIsRepaired() {
        labs.create("it-drift", LabTestSupport.lab("drift", quickSpec(Mode.Public, 1)));
        labs.awaitReady("it-drift", "drift");
        String group = "lblab-it-drift-drift";
        JsonNode nsg = resource(group, "Microsoft.Network/networkSecurityGroups", "myNSG");
        sim.patchResource(nsg.path("id").asText(),
                "{\"properties\":{\"securityRules\":[{\"name\":\"myNSGRuleHTTP\",\"properties\":{\"protocol\":\"*\",\"sourceAddressPrefix\":\"*\","
                        + "\"sourcePortRange\":\"*\",\"destinationAddressPrefix\":\"*\",\"destinationPortRange\":\"3389\",\"access\":\"Allow\","
                        + "\"priority\":200,\"direction\":\"Inbound\"}}]}}");
        String outboundIpId = resource(group, PIPS, "myPublicIPOutbound").path("id").asText();
        sim.deleteResource(outboundIpId);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(resource(group, "Microsoft.Network/networkSecurityGroups", "myNSG")
                    .path("properties").path("securityRules").path(0).path("properties").path("destinationPortRange").asText())
                    .isEqualTo("80");
            assertThat(names(group, PIPS)).contains("myPublicIPOutbound");
        });
        LoadBalancerLab lab = labs.awaitReady("it-drift", "drift");
        assertThat(lab.getStatus().outboundIP())
                .isEqualTo(resource(group, PIPS, "myPublicIPOutbound").path("properties").path("ipAddress").asText());

        // the whole group deleted behind the operator's back: built again
        String groupId = sim.resources().stream().filter(r -> group.equalsIgnoreCase(r.path("name").asText()))
                .findFirst().orElseThrow().path("id").asText();
        sim.deleteResource(groupId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(sim.groupExists(group)).isTrue();
            assertThat(names(group, VMS)).containsExactly("myVM1");
        });
        labs.awaitReady("it-drift", "drift");
        labs.deleteAndAwaitGone("it-drift", "drift");
    }

    @Test
    void scalingBackendsLeavesNothingBehind() {
        labs.create("it-scale", LabTestSupport.lab("scale", quickSpec(Mode.Public, 3)));
        labs.awaitReady("it-scale", "scale");
        String group = "lblab-it-scale-scale";
        for (int count : new int[] {2, 4}) {
            labs.updateSpec("it-scale", "scale", spec -> withCount(spec, count));
            LoadBalancerLab lab = labs.awaitReady("it-scale", "scale");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(names(group, VMS)).hasSize(count);
                assertThat(names(group, NICS)).hasSize(count);
                assertThat(names(group, DISKS)).hasSize(2 * count);
            });
            assertThat(lab.getStatus().backends()).hasSize(count);
            JsonNode pool = resource(group, "Microsoft.Network/loadBalancers", "myLoadBalancer")
                    .path("properties").path("backendAddressPools");
            assertThat(pool.findValues("backendIPConfigurations")).allSatisfy(members -> assertThat(members).hasSize(count));
        }
        labs.deleteAndAwaitGone("it-scale", "scale");
    }

    @Test
    void portsProbeTimeoutsFirewallAndTagsAreUpdatedInPlace() {
        labs.create("it-update", LabTestSupport.lab("update", quickSpec(Mode.Public, 1)));
        labs.awaitReady("it-update", "update");
        String group = "lblab-it-update-update";
        String lbId = resource(group, "Microsoft.Network/loadBalancers", "myLoadBalancer").path("id").asText();
        labs.updateSpec("it-update", "update", spec -> new LoadBalancerLabSpec(spec.mode(), spec.location(), spec.resourceGroupName(),
                spec.credentialsSecretRef(), spec.network(), spec.bastion(), spec.backends(),
                new io.lblab.api.LoadBalancerSpec(8080, 8081, new io.lblab.api.ProbeSpec(io.lblab.api.ProbeProtocol.Http, 8081, "/healthz"),
                        20, false, null),
                new io.lblab.api.FirewallSpec(8081, "Internet"), spec.testVm(), Map.of("team", "networking"), spec.deletionPolicy()));
        LoadBalancerLab lab = labs.awaitReady("it-update", "update");
        assertThat(lab.getStatus().observedGeneration()).isEqualTo(lab.getMetadata().getGeneration());

        JsonNode lb = resource(group, "Microsoft.Network/loadBalancers", "myLoadBalancer");
        assertThat(lb.path("id").asText()).isEqualTo(lbId);
        JsonNode rule = lb.path("properties").path("loadBalancingRules").path(0).path("properties");
        assertThat(rule.path("frontendPort").asInt()).isEqualTo(8080);
        assertThat(rule.path("backendPort").asInt()).isEqualTo(8081);
        assertThat(rule.path("idleTimeoutInMinutes").asInt()).isEqualTo(20);
        assertThat(rule.path("enableFloatingIP").asBoolean()).isFalse();
        JsonNode probe = lb.path("properties").path("probes").path(0).path("properties");
        assertThat(probe.path("protocol").asText()).isEqualTo("Http");
        assertThat(probe.path("requestPath").asText()).isEqualTo("/healthz");
        JsonNode nsgRule = resource(group, "Microsoft.Network/networkSecurityGroups", "myNSG")
                .path("properties").path("securityRules").path(0).path("properties");
        assertThat(nsgRule.path("destinationPortRange").asText()).isEqualTo("8081");
        assertThat(nsgRule.path("sourceAddressPrefix").asText()).isEqualTo("Internet");
        assertThat(resource(group, VMS, "myVM1").path("tags").path("team").asText()).isEqualTo("networking");
        assertThat(sim.resources().stream().filter(r -> r.path("name").asText().equals(group)).findFirst().orElseThrow()
                .path("tags").path("team").asText()).isEqualTo("networking");

        // a tag someone adds in Azure is theirs; a tag dropped from the spec goes from Azure
        String vmId = resource(group, VMS, "myVM1").path("id").asText();
        sim.patchResource(vmId, "{\"tags\":{\"costCenter\":\"42\"}}");
        labs.updateSpec("it-update", "update", spec -> new LoadBalancerLabSpec(spec.mode(), spec.location(), spec.resourceGroupName(),
                spec.credentialsSecretRef(), spec.network(), spec.bastion(), spec.backends(), spec.loadBalancer(), spec.firewall(),
                spec.testVm(), Map.of(), spec.deletionPolicy()));
        await().atMost(LabTestSupport.READY_TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(resource(group, VMS, "myVM1").path("tags").has("team")).as("myVM1 tags").isFalse();
            assertThat(resource(group, "Microsoft.Network/loadBalancers", "myLoadBalancer").path("tags").has("team")).isFalse();
            assertThat(sim.resources().stream().filter(r -> r.path("name").asText().equals(group)).findFirst().orElseThrow()
                    .path("tags").has("team")).as("resource group tags").isFalse();
        });
        assertThat(resource(group, VMS, "myVM1").path("tags").path("costCenter").asText()).isEqualTo("42");
        labs.deleteAndAwaitGone("it-update", "update");
    }

    @Test
    void orphanPolicyLeavesTheGroupAndForeignGroupsAreNeverTouched() {
        labs.create("it-orphan", LabTestSupport.lab("orphan", withPolicy(quickSpec(Mode.Internal, 1), DeletionPolicy.Orphan)));
        labs.awaitReady("it-orphan", "orphan");
        labs.deleteAndAwaitGone("it-orphan", "orphan");
        assertThat(sim.groupExists("lblab-it-orphan-orphan")).isTrue();

        String foreign = "someone-elses-group";
        gateways.gateway(credentials.operatorAccess().orElseThrow()).putResourceGroup(foreign, "eastus", Map.of("team", "other")).block();
        long before = sim.writes();
        labs.create("it-orphan", LabTestSupport.lab("intruder", withGroup(quickSpec(Mode.Public, 1), foreign)));
        LoadBalancerLab lab = labs.awaitReason("it-orphan", "intruder", "ResourceGroupConflict");
        assertThat(lab.getStatus().phase()).isEqualTo(Phase.Failed);
        assertThat(lab.getStatus().condition(Condition.READY).message()).contains(foreign);
        labs.deleteAndAwaitGone("it-orphan", "intruder");
        assertThat(sim.writes()).isEqualTo(before);
        assertThat(sim.groupExists(foreign)).isTrue();
        assertThat(sim.resourcesIn(foreign, null)).isEmpty();
    }

    @Test
    void aLabDeletedWhileProvisioningLeavesNothingBehind() {
        labs.create("it-early", LabTestSupport.sample("public.yaml"));
        labs.awaitStatus("it-early", "public-lab", Duration.ofSeconds(30),
                lab -> lab.getStatus().steps().stream().anyMatch(s -> s.name().equals("bastion-host") && s.state() == StepState.InProgress));
        labs.deleteAndAwaitGone("it-early", "public-lab");
        assertThat(sim.groupExists("lblab-it-early-public-lab")).isFalse();
        assertThat(sim.resources().toString()).doesNotContain("lblab-it-early-public-lab");
    }

    @Test
    void invalidSpecIsReportedWithoutTouchingAzure() {
        LoadBalancerLabSpec spec = withCount(LoadBalancerLabSpec.of(Mode.Public), 11);
        labs.create("it-invalid", LabTestSupport.lab("invalid", spec));
        LoadBalancerLab lab = labs.awaitReason("it-invalid", "invalid", "InvalidSpec");
        assertThat(lab.getStatus().phase()).isEqualTo(Phase.Failed);
        assertThat(lab.getStatus().condition(Condition.READY).message()).contains("spec.backends.count");
        assertThat(sim.groupExists("lblab-it-invalid-invalid")).isFalse();
        assertThat(sim.resources().toString()).doesNotContain("lblab-it-invalid-invalid");
        labs.deleteAndAwaitGone("it-invalid", "invalid");
    }

    @Test
    void wrongCredentialsAreReportedAndFixingTheSecretResumes() {
        SimulatorInfo info = SimulatorTestResource.simulator().info();
        LoadBalancerLabSpec spec = withCredentials(quickSpec(Mode.Internal, 1), "azure-creds");
        labs.create("it-creds", LabTestSupport.lab("creds", spec));
        labs.awaitReason("it-creds", "creds", "CredentialsNotFound");

        // no timer retries a missing Secret: the Secret watch reconciles the lab that names it
        kubernetes.secrets().inNamespace("it-creds").resource(credentialsSecret(info, "not-the-secret")).create();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).alias("the lab uses the Secret created after it")
                .until(() -> !"CredentialsNotFound".equals(labs.get("it-creds", "creds").getStatus().condition(Condition.READY).reason()));
        LoadBalancerLab refused = labs.awaitReason("it-creds", "creds", "AuthenticationFailed");
        assertThat(refused.getStatus().phase()).isEqualTo(Phase.Failed);
        assertThat(refused.getStatus().toString()).doesNotContain("not-the-secret");

        kubernetes.secrets().inNamespace("it-creds").resource(credentialsSecret(info, info.clientSecret())).update();
        labs.awaitReady("it-creds", "creds");
        labs.deleteAndAwaitGone("it-creds", "creds");
    }

    /**
     * An operator restart in the middle of provisioning creates nothing twice, as Azure sees it: exactly one PUT per
     * resource is answered 201 Created. A PUT in flight at the restart has an outcome the new process cannot know,
     * so repeating it (an update, 200) is legitimate; those repeats are counted and printed.
     */
    @Test
    void stepsRunConcurrentlyAndARestartCreatesNothingTwice() {
        labs.create("it-restart", LabTestSupport.sample("public.yaml"));
        LoadBalancerLab inFlight = labs.awaitStatus("it-restart", "public-lab", Duration.ofSeconds(30),
                lab -> lab.getStatus().steps().stream().anyMatch(s -> s.name().equals("bastion-host") && s.state() == StepState.InProgress));
        // an operator restart: every in-memory state and running poller is gone, Azure keeps going, and the new
        // process reconciles every lab once at start
        restartOperatorInProcess();
        operationEvents.operationFinished(new io.javaoperatorsdk.operator.processing.event.ResourceID("public-lab", "it-restart"));
        labs.awaitReady("it-restart", "public-lab");
        String group = "lblab-it-restart-public-lab";

        Map<String, Integer> puts = new TreeMap<>();
        Map<String, Integer> creations = new TreeMap<>();
        List<long[]> bastionCreations = new ArrayList<>();
        List<long[]> vms = new ArrayList<>();
        for (JsonNode operation : sim.operations()) {
            String id = operation.path("resourceId").asText().toLowerCase();
            if (!id.contains("/resourcegroups/" + group + "/") || !"PUT".equals(operation.path("method").asText())) {
                continue;
            }
            boolean created = operation.path("created").asBoolean();
            puts.merge(id, 1, Integer::sum);
            creations.merge(id, created ? 1 : 0, Integer::sum);
            long[] span = {java.time.Instant.parse(operation.path("startedAt").asText()).toEpochMilli(),
                    operation.path("endedAt").isNull() || operation.path("endedAt").isMissingNode() ? Long.MAX_VALUE
                            : java.time.Instant.parse(operation.path("endedAt").asText()).toEpochMilli()};
            if (id.contains("/bastionhosts/") && created) {
                bastionCreations.add(span);
            } else if (id.contains("/virtualmachines/")) {
                vms.add(span);
            }
        }
        Map<String, Integer> repeated = new TreeMap<>();
        puts.forEach((id, count) -> {
            if (count > 1) {
                repeated.put(id.substring(id.lastIndexOf('/') + 1), count);
            }
        });
        int repeatedPuts = repeated.values().stream().mapToInt(count -> count - 1).sum();
        System.out.printf("restart test: %d PUT operations on %d resources, %d repeated PUT(s) (updates after the restart)%s%n",
                puts.values().stream().mapToInt(Integer::intValue).sum(), puts.size(), repeatedPuts,
                repeated.isEmpty() ? "" : ": PUTs per resource " + repeated);

        assertThat(inFlight).isNotNull();
        assertThat(creations).as("the public lab's 13 resources (group aside)").hasSize(13)
                .allSatisfy((id, count) -> assertThat(count).as("creations (PUT answered 201) of %s", id).isEqualTo(1));
        assertThat(bastionCreations).hasSize(1);
        // concurrency, not order: a VM's PUT may start a little before the Bastion's (its public IP can take longer
        // than the NICs), so what must hold is that some VM was provisioning while the Bastion was
        long[] bastion = bastionCreations.get(0);
        assertThat(vms).as("a VM ran while Bastion was provisioning %s", java.util.Arrays.toString(bastion))
                .anySatisfy(vm -> assertThat(vm[0] < bastion[1] && vm[1] > bastion[0])
                        .as("VM span %s overlaps the Bastion's", java.util.Arrays.toString(vm)).isTrue());
        labs.deleteAndAwaitGone("it-restart", "public-lab");
    }

    /** Drops what the operator holds in memory and a new process would not have; the informers and Azure stay. */
    private void restartOperatorInProcess() {
        states.forgetAll();
    }

    @Test
    void labsReachReadyThroughThrottlingServerErrorsAndAFailedBastion() {
        // 10% of requests answered 429 or 5xx, and the first Bastion PUT fails asynchronously
        sim.faults("{\"seed\":7,\"rules\":[{\"type\":\"*\",\"method\":\"*\",\"throttle429\":0.05,\"error500\":0.025,"
                + "\"error503\":0.025,\"connectionReset\":0,\"asyncFailure\":0}],"
                + "\"oneShots\":[{\"type\":\"Microsoft.Network/bastionHosts\",\"method\":\"PUT\",\"fault\":\"asyncFailure\",\"count\":1}]}");
        try (StatusRecorder statuses = StatusRecorder.watch(kubernetes, "it-faults")) {
            labs.create("it-faults", LabTestSupport.sample("public.yaml"));
            await().atMost(LabTestSupport.READY_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                LoadBalancerLab lab = labs.get("it-faults", "public-lab");
                return lab != null && lab.getStatus() != null && lab.getStatus().phase() == Phase.Ready;
            });
            sim.clearFaults();
            assertThat(statuses.failedSteps()).as("the Bastion failure was visible in status while it lasted")
                    .containsKey("public-lab/bastion-host");
            assertThat(statuses.readyReasons()).contains("AzureError");
        }
        labs.deleteAndAwaitGone("it-faults", "public-lab");
    }

    private static LoadBalancerLabSpec quickSpec(Mode mode, int count) {
        return new LoadBalancerLabSpec(mode, null, null, null, null, new BastionSpec(false),
                new BackendsSpec(count, null, null, null, null), null, null, null, null, null);
    }

    private static LoadBalancerLabSpec withCount(LoadBalancerLabSpec spec, int count) {
        BackendsSpec b = spec.backends();
        return new LoadBalancerLabSpec(spec.mode(), spec.location(), spec.resourceGroupName(), spec.credentialsSecretRef(),
                spec.network(), spec.bastion(), new BackendsSpec(count, b.vmSize(), b.image(), b.adminUsername(), b.adminPasswordSecretRef()),
                spec.loadBalancer(), spec.firewall(), spec.testVm(), spec.tags(), spec.deletionPolicy());
    }

    private static LoadBalancerLabSpec withPolicy(LoadBalancerLabSpec spec, DeletionPolicy policy) {
        return new LoadBalancerLabSpec(spec.mode(), spec.location(), spec.resourceGroupName(), spec.credentialsSecretRef(),
                spec.network(), spec.bastion(), spec.backends(), spec.loadBalancer(), spec.firewall(), spec.testVm(), spec.tags(), policy);
    }

    private static LoadBalancerLabSpec withGroup(LoadBalancerLabSpec spec, String group) {
        return new LoadBalancerLabSpec(spec.mode(), spec.location(), group, spec.credentialsSecretRef(),
                spec.network(), spec.bastion(), spec.backends(), spec.loadBalancer(), spec.firewall(), spec.testVm(), spec.tags(),
                spec.deletionPolicy());
    }

    private static LoadBalancerLabSpec withCredentials(LoadBalancerLabSpec spec, String secret) {
        return new LoadBalancerLabSpec(spec.mode(), spec.location(), spec.resourceGroupName(), new io.lblab.api.SecretReference(secret),
                spec.network(), spec.bastion(), spec.backends(), spec.loadBalancer(), spec.firewall(), spec.testVm(), spec.tags(),
                spec.deletionPolicy());
    }

    private static Secret credentialsSecret(SimulatorInfo info, String clientSecret) {
        return new SecretBuilder().withNewMetadata().withName("azure-creds").withNamespace("it-creds").endMetadata()
                .addToStringData("AZURE_TENANT_ID", info.tenantId())
                .addToStringData("AZURE_CLIENT_ID", info.clientId())
                .addToStringData("AZURE_CLIENT_SECRET", clientSecret)
                .addToStringData("AZURE_SUBSCRIPTION_ID", info.subscriptionId())
                .build();
    }

    private List<String> names(String group, String type) {
        return sim.resourcesIn(group, type).stream().map(r -> r.path("name").asText()).toList();
    }

    private JsonNode resource(String group, String type, String name) {
        return sim.resourcesIn(group, type).stream().filter(r -> name.equalsIgnoreCase(r.path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(type + " " + name + " not in " + group));
    }

    private static List<String> childNames(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(child -> names.add(child.path("name").asText()));
        return names;
    }
}
