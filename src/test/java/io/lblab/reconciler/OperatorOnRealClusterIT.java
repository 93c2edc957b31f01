package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lblab.localkube.Kubectl;
import io.lblab.localkube.LocalKubernetes;
import io.lblab.localkube.ManagedProcess;
import io.lblab.localkube.PackagedJar;
import io.lblab.localkube.RealCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The product as users run it, on a real kube-apiserver: the packaged operator in its own process (production
 * profile) authenticating as the ServiceAccount of {@code deploy/} with only the rights {@code deploy/} grants, the
 * standalone simulator in another, and kubectl exactly as the README tells a user to type it.
 */
class OperatorOnRealClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY = Duration.ofMinutes(4);
    /** Realistic latencies 50x compressed: Bastion's 600 s take 12 s, a VM 1.8 s. */
    private static final double TIME_SCALE = 0.02;

    private static LocalKubernetes cluster;
    private static Kubectl kubectl;
    private static Path operatorKubeconfig;

    private final List<ManagedProcess> operators = new ArrayList<>();
    private PackagedJar.Simulator simulator;
    private SimAdmin sim;
    private Path dir;

    @BeforeAll
    static void installAsTheReadmeSays() throws IOException {
        cluster = RealCluster.get();
        RealCluster.install();
        kubectl = RealCluster.kubectl();
        String token = cluster.serviceAccountToken("lblab-system", "lblab-operator", Duration.ofHours(2));
        operatorKubeconfig = cluster.writeKubeconfig(Path.of("target", "real-cluster-it", "operator.kubeconfig"),
                "lblab-operator", token);
    }

    private void start(TestInfo test) throws IOException {
        dir = Path.of("target", "real-cluster-it", test.getTestMethod().orElseThrow().getName());
        simulator = PackagedJar.simulator(dir, TIME_SCALE);
        sim = new SimAdmin(simulator.url(), simulator.certificate());
    }

    private ManagedProcess operator(String podName) throws IOException {
        ManagedProcess operator = PackagedJar.operator(podName, operatorKubeconfig, simulator, dir.resolve(podName + ".log"));
        operators.add(operator);
        return operator;
    }

    /** Whatever a failed test left: its labs lose their finalizers and their namespace goes, so no later test sees them. */
    @AfterEach
    void stopEverything() {
        try (KubernetesClient admin = cluster.adminClient()) {
            for (String namespace : List.of("flow", "crash", "failover", "edit", "controls")) {
                admin.genericKubernetesResources("lblab.io/v1alpha1", "LoadBalancerLab").inNamespace(namespace).list().getItems()
                        .forEach(lab -> {
                            lab.getMetadata().setFinalizers(List.of());
                            admin.resource(lab).patch();
                        });
                admin.namespaces().withName(namespace).delete();
            }
        }
        operators.forEach(ManagedProcess::close);
        if (simulator != null) {
            simulator.close();
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains(PackagedJar.JAR.toString())))
                .as("operator or simulator processes left running").isEmpty();
    }

    @Test
    void aUsersWholeFlowWithKubectl(TestInfo test) throws Exception {
        start(test);
        ManagedProcess operator = operator("lblab-operator-0");
        kubectl.ok("create", "namespace", "flow");

        assertThat(kubectl.ok("apply", "-n", "flow", "-f", "deploy/samples/"))
                .contains("loadbalancerlab.lblab.io/internal-lab created").contains("loadbalancerlab.lblab.io/public-lab created");
        assertThat(kubectl.ok("wait", "-n", "flow", "--for=condition=Ready", "lblab", "--all", "--timeout=" + READY.toSeconds() + "s"))
                .contains("internal-lab condition met").contains("public-lab condition met");

        String table = kubectl.ok("get", "-n", "flow", "lblab");
        assertThat(table).containsPattern("NAME\\s+MODE\\s+PHASE\\s+FRONTEND-IP\\s+AGE")
                .containsPattern("internal-lab\\s+Internal\\s+Ready\\s+10\\.1\\.0\\.\\d+")
                .containsPattern("public-lab\\s+Public\\s+Ready\\s+\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(kubectl.ok("get", "-n", "flow", "lblab", "-o", "wide"))
                .containsPattern("NAME\\s+MODE\\s+PHASE\\s+FRONTEND-IP\\s+AGE\\s+REASON\\s+OUTBOUND-IP\\s+RESOURCE-GROUP")
                .containsPattern("public-lab\\s+Public\\s+Ready\\s+\\S+\\s+\\S+\\s+Provisioned\\s+\\d+\\.\\d+\\.\\d+\\.\\d+\\s+lblab-flow-public-lab");
        assertThat(kubectl.ok("get", "-n", "flow", "azure")).as("the azure category")
                .containsPattern("public-lab\\s+Public\\s+Ready").containsPattern("internal-lab\\s+Internal\\s+Ready");
        String described = kubectl.ok("describe", "-n", "flow", "lblab", "public-lab");
        assertThat(described).contains("Events:").contains("Provisioned").containsPattern("Normal\\s+Ready");

        for (String lab : List.of("public-lab", "internal-lab")) {
            JsonNode secret = json(kubectl.ok("get", "-n", "flow", "secret", lab + "-vm-admin", "-o", "json"));
            JsonNode owner = secret.at("/metadata/ownerReferences/0");
            assertThat(owner.path("kind").asText()).isEqualTo("LoadBalancerLab");
            assertThat(owner.path("name").asText()).isEqualTo(lab);
            assertThat(owner.path("uid").asText()).isEqualTo(json(kubectl.ok("get", "-n", "flow", "lblab", lab, "-o", "json"))
                    .at("/metadata/uid").asText());
        }

        assertPrometheusMetricsServed(operator);

        // kubectl delete waits for the finalizers: it returns once the operator has seen the groups gone
        assertThat(kubectl.ok("delete", "-n", "flow", "lblab", "--all", "--timeout=" + READY.toSeconds() + "s"))
                .contains("\"internal-lab\" deleted").contains("\"public-lab\" deleted");
        assertThat(sim.resources()).as("what the simulated subscription still holds").isEmpty();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kubectl.ok("get", "-n", "flow", "secrets", "-o", "name")).doesNotContain("vm-admin"));

        assertCleanLog(operator);
    }

    @Test
    void aKilledOperatorResumesAndCreatesNothingTwice(TestInfo test) throws Exception {
        start(test);
        ManagedProcess first = operator("lblab-operator-0");
        kubectl.ok("create", "namespace", "crash");
        kubectl.ok("apply", "-n", "crash", "-f", "deploy/samples/");
        awaitInFlight("Microsoft.Network/bastionHosts", "Microsoft.Compute/virtualMachines");
        first.kill();

        ManagedProcess second = operator("lblab-operator-1");
        kubectl.ok("wait", "-n", "crash", "--for=condition=Ready", "lblab", "--all", "--timeout=" + READY.toSeconds() + "s");

        Map<String, Integer> creations = new HashMap<>();
        Map<String, Integer> puts = new HashMap<>();
        for (JsonNode operation : sim.operations()) {
            if (!"PUT".equals(operation.path("method").asText())) {
                continue;
            }
            String id = operation.path("resourceId").asText().toLowerCase();
            puts.merge(id, 1, Integer::sum);
            if (operation.path("created").asBoolean()) {
                creations.merge(id, 1, Integer::sum);
            }
        }
        long repeated = puts.values().stream().filter(n -> n > 1).count();
        System.out.printf("crash test: %d resources PUT, %d of them more than once (in flight at the kill), %d creations%n",
                puts.size(), repeated, creations.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(creations).as("creations (PUT answered 201) per resource").isNotEmpty()
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        assertThat(creations.keySet()).containsExactlyInAnyOrderElementsOf(puts.keySet());

        kubectl.ok("delete", "-n", "crash", "lblab", "--all", "--timeout=" + READY.toSeconds() + "s");
        assertThat(sim.resources()).isEmpty();
        assertCleanLog(second);
    }

    @Test
    void theStandbyTakesOverWhenTheLeaderIsKilled(TestInfo test) throws Exception {
        start(test);
        ManagedProcess leader = operator("lblab-operator-a");
        try (KubernetesClient admin = cluster.adminClient()) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "lblab-operator-a".equals(holder(admin)));
            ManagedProcess standby = operator("lblab-operator-b");
            kubectl.ok("create", "namespace", "failover");
            kubectl.ok("apply", "-n", "failover", "-f", "deploy/samples/public.yaml");
            awaitInFlight("Microsoft.Network/bastionHosts");
            assertThat(Files.readString(leader.log())).contains("ARM PUT");
            assertThat(Files.readString(standby.log())).as("the standby writes nothing to ARM").doesNotContain("ARM PUT");

            leader.kill();
            // JOSDK's default lease: 15 s duration, renewed every 2 s
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "lblab-operator-b".equals(holder(admin)));
            kubectl.ok("wait", "-n", "failover", "--for=condition=Ready", "lblab", "--all", "--timeout=" + READY.toSeconds() + "s");
            kubectl.ok("delete", "-n", "failover", "lblab", "--all", "--timeout=" + READY.toSeconds() + "s");
            assertThat(sim.resources()).isEmpty();
            assertCleanLog(standby);
        }
    }

    @Test
    void aSpecEditWhileTheOperatorWritesStatusIsNeitherLostNorLooping(TestInfo test) throws Exception {
        start(test);
        ManagedProcess operator = operator("lblab-operator-0");
        kubectl.ok("create", "namespace", "edit");
        kubectl.ok("apply", "-n", "edit", "-f", "deploy/samples/public.yaml");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> "Provisioning".equals(lab("edit", "public-lab").at("/status/phase").asText()));
        kubectl.ok("patch", "-n", "edit", "lblab", "public-lab", "--type=merge", "-p", "{\"spec\":{\"backends\":{\"count\":2}}}");
        kubectl.ok("wait", "-n", "edit", "--for=condition=Ready", "lblab/public-lab", "--timeout=" + READY.toSeconds() + "s");

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode lab = lab("edit", "public-lab");
            assertThat(lab.at("/spec/backends/count").asInt()).as("the user's edit is kept").isEqualTo(2);
            assertThat(lab.at("/status/observedGeneration").asLong()).isEqualTo(lab.at("/metadata/generation").asLong());
            assertThat(lab.at("/status/phase").asText()).isEqualTo("Ready");
            assertThat(lab.at("/status/backends").size()).isEqualTo(2);
            assertThat(sim.resourcesIn("lblab-edit-public-lab", "Microsoft.Compute/virtualMachines")).hasSize(2);
        });
        kubectl.ok("delete", "-n", "edit", "lblab", "--all", "--timeout=" + READY.toSeconds() + "s");
        assertCleanLog(operator);
    }

    /**
     * The annotations and exports with kubectl, under deploy/'s RBAC: the exported ConfigMap, Service and EndpointSlice
     * follow the lab; a paused lab holds a spec edit back until resumed; plan-only shows the diff of an edit in
     * status.plan and kubectl describe; the garbage collector removes the exports with the lab.
     */
    @Test
    void pausePlanOnlyAndExportsWithKubectl(TestInfo test) throws Exception {
        start(test);
        ManagedProcess operator = operator("lblab-operator-0");
        kubectl.ok("create", "namespace", "controls");
        Path manifest = dir.resolve("controls.yaml");
        Files.writeString(manifest, """
                apiVersion: lblab.io/v1alpha1
                kind: LoadBalancerLab
                metadata: {name: controls}
                spec:
                  mode: Public
                  bastion: {enabled: false}
                  backends: {count: 1}
                  exports: {configMapName: lab-outputs, service: {name: lab}}
                """);
        kubectl.ok("apply", "-n", "controls", "-f", manifest.toString());
        kubectl.ok("wait", "-n", "controls", "--for=condition=Ready", "lblab/controls", "--timeout=" + READY.toSeconds() + "s");
        JsonNode ready = lab("controls", "controls");
        String frontend = ready.at("/status/frontendIP").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode cm = json(kubectl.ok("get", "-n", "controls", "configmap", "lab-outputs", "-o", "json"));
            assertThat(cm.at("/data/frontendIP").asText()).isEqualTo(frontend);
            assertThat(cm.at("/data/resourceGroup").asText()).isEqualTo("lblab-controls-controls");
            assertThat(cm.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(ready.at("/metadata/uid").asText());
            JsonNode slice = json(kubectl.ok("get", "-n", "controls", "endpointslice", "lab", "-o", "json"));
            assertThat(slice.at("/endpoints/0/addresses/0").asText()).isEqualTo(frontend);
            assertThat(slice.at("/ports/0/port").asInt()).isEqualTo(80);
        });
        assertThat(json(kubectl.ok("get", "-n", "controls", "service", "lab", "-o", "json")).at("/spec/ports/0/port").asInt()).isEqualTo(80);

        // paused: a spec edit is held back, nothing is written to Azure
        kubectl.ok("annotate", "-n", "controls", "lblab", "controls", "lblab.io/paused=true");
        kubectl.ok("wait", "-n", "controls", "--for=jsonpath={.status.phase}=Paused", "lblab/controls", "--timeout=60s");
        long writes = sim.writes();
        kubectl.ok("patch", "-n", "controls", "lblab", "controls", "--type=merge", "-p", "{\"spec\":{\"backends\":{\"count\":2}}}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                lab("controls", "controls").at("/status/conditions/0/message").asText().contains("write(s) held back"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> sim.writes() == writes);
        assertThat(kubectl.ok("describe", "-n", "controls", "lblab", "controls")).contains("Paused").containsPattern("Normal\\s+Paused");

        kubectl.ok("annotate", "-n", "controls", "lblab", "controls", "lblab.io/paused-");
        kubectl.ok("wait", "-n", "controls", "--for=jsonpath={.status.phase}=Ready", "lblab/controls", "--timeout=" + READY.toSeconds() + "s");
        assertThat(sim.resourcesIn("lblab-controls-controls", "Microsoft.Compute/virtualMachines")).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                json(kubectl.ok("get", "-n", "controls", "configmap", "lab-outputs", "-o", "json")).at("/data/backendIPs").asText().contains(","));

        // plan-only: the diff of an edit, readable in kubectl describe; lifting it applies it, and the EndpointSlice follows
        kubectl.ok("annotate", "-n", "controls", "lblab", "controls", "lblab.io/plan-only=true");
        kubectl.ok("patch", "-n", "controls", "lblab", "controls", "--type=merge", "-p", "{\"spec\":{\"loadBalancer\":{\"frontendPort\":8080}}}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode lab = lab("controls", "controls");
            return lab.at("/status/plan/generation").asLong() == lab.at("/metadata/generation").asLong();
        });
        assertThat(lab("controls", "controls").at("/status/plan/summary").asText()).isEqualTo("0 to create, 1 to update, 0 to delete, 9 unchanged");
        assertThat(kubectl.ok("describe", "-n", "controls", "lblab", "controls"))
                .contains("properties.loadBalancingRules[myHTTPRule].properties.frontendPort: 80 -> 8080").contains("PlanReady");
        kubectl.ok("annotate", "-n", "controls", "lblab", "controls", "lblab.io/plan-only-");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                json(kubectl.ok("get", "-n", "controls", "endpointslice", "lab", "-o", "json")).at("/ports/0/port").asInt() == 8080);
        kubectl.ok("wait", "-n", "controls", "--for=condition=Ready", "lblab/controls", "--timeout=60s");

        kubectl.ok("delete", "-n", "controls", "lblab", "controls", "--timeout=" + READY.toSeconds() + "s");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kubectl.ok("get", "-n", "controls", "configmaps,services,endpointslices", "-o", "name"))
                        .doesNotContain("lab-outputs").doesNotContain("service/lab").doesNotContain("endpointslice.discovery.k8s.io/lab"));
        assertCleanLog(operator);
    }

    /** Until the simulator has an operation of each of these resource types running at once. */
    private void awaitInFlight(String... resourceTypes) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String> running = new ArrayList<>();
            sim.stats().path("inFlight").forEach(op -> running.add(op.path("resourceType").asText()));
            return running.containsAll(List.of(resourceTypes));
        });
    }

    private static String holder(KubernetesClient admin) {
        Lease lease = admin.leases().inNamespace("lblab-system").withName("lblab-operator").get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static JsonNode lab(String namespace, String name) throws IOException {
        return json(kubectl.ok("get", "-n", namespace, "lblab", name, "-o", "json"));
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /**
     * The packaged operator serves its metrics on its HTTP port (the Deployment's port {@code http}) at /q/metrics,
     * as a Prometheus scrape sees them: both labs Ready and counted once, every ARM write the simulator saw counted.
     */
    private void assertPrometheusMetricsServed(ManagedProcess operator) throws IOException {
        java.util.regex.Matcher listening = java.util.regex.Pattern.compile("Listening on: (http://[^\\s]+)")
                .matcher(Files.readString(operator.log()));
        assertThat(listening.find()).as("the operator's HTTP port in " + operator.log()).isTrue();
        java.net.URL metrics = java.net.URI.create(listening.group(1).replace("0.0.0.0", "127.0.0.1") + "/q/metrics").toURL();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            PrometheusText scraped = PrometheusText.scrape(metrics);
            assertThat(scraped.sum("lblab_labs", s -> s.label("phase").equals("Ready"))).isEqualTo(2);
            assertThat(scraped.sum("lblab_lab_time_to_first_ready_seconds_count")).isEqualTo(2);
            assertThat(scraped.sum("lblab_arm_requests_total", s -> !s.label("method").equals("GET")))
                    .as("ARM writes counted by the operator vs the simulator").isEqualTo(sim.writes());
        });
    }

    private static void assertCleanLog(ManagedProcess operator) throws IOException {
        String log = Files.readString(operator.log());
        assertThat(log).as("operator log " + operator.log()).doesNotContain("Forbidden").doesNotContain("forbidden")
                .doesNotContainPattern("(?m)^\\s+at [a-z]").doesNotContain(" ERROR ");
    }
}
