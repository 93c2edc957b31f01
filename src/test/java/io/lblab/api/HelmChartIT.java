package io.lblab.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lblab.localkube.Helm;
import io.lblab.localkube.Kubectl;
import io.lblab.localkube.LocalKubernetes;
import io.lblab.localkube.ManagedProcess;
import io.lblab.localkube.PackagedJar;
import io.lblab.localkube.PodProcess;
import io.lblab.localkube.RealCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Helm chart ({@code deploy/helm/lblab-operator}) with the helm built from {@code src/test/kube/helm}: lint, its
 * default rendering against {@code deploy/} (one source of truth), what the values change, and an install on the real
 * API server whose Deployment is run as a process (no kubelet runs pods there) with the identity of the chart's
 * ServiceAccount, reconciling a lab to Ready with only the rights the chart grants.
 */
class HelmChartIT {

    /** Labels Helm adds for its own bookkeeping: the only difference allowed between the chart and deploy/. */
    private static final List<String> HELM_LABELS = List.of("helm.sh/chart", "app.kubernetes.io/managed-by", "app.kubernetes.io/instance");
    private static final String RELEASE = "helm-it";
    private static final String RELEASE_NAMESPACE = "lblab-helm";
    private static final String WATCHED = "helm-labs";
    private static final String UNWATCHED = "helm-other";
    private static final String FULLNAME = RELEASE + "-lblab-operator";

    private final List<AutoCloseable> running = new ArrayList<>();
    private boolean onTheCluster;

    @Test
    void lintIsClean() {
        String lint = Helm.offline().ok("lint", Helm.CHART.toString());
        System.out.print(lint);
        assertThat(lint).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[WARNING]").doesNotContain("[ERROR]");
    }

    @Test
    void theDefaultValuesRenderWhatDeployHolds() throws IOException {
        Map<String, JsonNode> chart = byObject(documents(Helm.offline().ok("template", "lblab-operator", Helm.CHART.toString(),
                "--namespace", DeployManifestsTest.NAMESPACE)));
        Map<String, JsonNode> deploy = new TreeMap<>();
        try (var files = Files.list(Path.of("deploy"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : DeployManifestsTest.readAll(file)) {
                    deploy.put(key(doc), doc);
                }
            }
        }
        // helm installs into a namespace that exists (kubectl apply -f deploy/00-namespace.yaml, README): not a chart object
        deploy.remove("Namespace//" + DeployManifestsTest.NAMESPACE);
        assertThat(chart.keySet()).as("objects the chart renders with default values vs deploy/*.yaml")
                .containsExactlyElementsOf(deploy.keySet());
        deploy.forEach((key, expected) -> assertThat(chart.get(key)).as(key
                + ": the chart (deploy/helm/lblab-operator) and deploy/ differ; change both (helm labels aside)").isEqualTo(expected));
    }

    @Test
    void valuesChangeWhatTheySay() throws IOException {
        Helm helm = Helm.offline();
        List<JsonNode> docs = documents(helm.ok("template", "ops", Helm.CHART.toString(), "--namespace", "ops",
                "--set", "watchNamespaces={team-a,team-b}", "--set", "replicaCount=2", "--set", "image.tag=0.2.0",
                "--set", "azure.credentialsSecret=my-sp", "--set", "azure.cloud=AZURE_CHINA", "--set", "logLevel=DEBUG",
                "--set", "config.lblab\\.operator\\.drift-interval=5m", "--set", "resources.limits.memory=1Gi",
                "--set", "jvm.maxRamPercentage=70", "--set", "serviceMonitor.enabled=true", "--set", "podDisruptionBudget.enabled=true",
                "--set", "shard=eu-1", "--set", "admissionPolicy.enabled=false"));
        Map<String, JsonNode> objects = byObject(docs);
        assertThat(objects.keySet()).containsExactlyInAnyOrder(
                "ServiceAccount/ops/ops-lblab-operator", "ClusterRole//ops-lblab-operator", "Role/ops/ops-lblab-operator-leader-election",
                "RoleBinding/team-a/ops-lblab-operator", "RoleBinding/team-b/ops-lblab-operator",
                "RoleBinding/ops/ops-lblab-operator-leader-election", "Deployment/ops/ops-lblab-operator",
                "Service/ops/ops-lblab-operator-metrics", "ServiceMonitor/ops/ops-lblab-operator", "PodDisruptionBudget/ops/ops-lblab-operator");
        assertThat(objects.get("RoleBinding/team-a/ops-lblab-operator").at("/roleRef/kind").asText()).isEqualTo("ClusterRole");
        assertThat(objects.get("RoleBinding/team-a/ops-lblab-operator").at("/subjects/0/namespace").asText()).isEqualTo("ops");

        Deployment deployment = DeployManifestsTest.K8S.convertValue(objects.get("Deployment/ops/ops-lblab-operator"), Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/lblab/lblab-operator:0.2.0");
        assertThat(c.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("my-sp");
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
        assertThat(c.getEnv().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue)))
                .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b")
                .containsEntry("LBLAB_AZURE_CLOUD", "AZURE_CHINA")
                .containsEntry("QUARKUS_LOG_CATEGORY__IO_LBLAB__LEVEL", "DEBUG")
                .containsEntry("LBLAB_OPERATOR_DRIFT_INTERVAL", "5m")
                .containsEntry("LBLAB_LEADER_ELECTION_LEASE_NAME", "ops-lblab-operator")
                .containsEntry("LBLAB_OPERATOR_SHARD", "eu-1")
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=70");
        assertThat(objects.get("ServiceMonitor/ops/ops-lblab-operator").at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");

        Helm.Result invalid = helm.run("template", "ops", Helm.CHART.toString(), "--set", "logLevel=TRACE");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.output()).contains("logLevel");
        Helm.Result badShard = helm.run("template", "ops", Helm.CHART.toString(), "--set", "shard=a/b");
        assertThat(badShard.exitCode()).isNotZero();
        assertThat(badShard.output()).contains("shard");
    }

    @Test
    void installedWithHelmTheOperatorMakesALabReady() throws Exception {
        LocalKubernetes cluster = RealCluster.get();
        Kubectl kubectl = RealCluster.kubectl();
        Helm helm = Helm.on(cluster);
        onTheCluster = true;
        Path dir = Path.of("target", "real-cluster-it", "helm");
        Files.createDirectories(dir);

        // the README's steps: the namespace (restricted Pod Security), the watched namespaces, the credential Secret
        kubectl.ok("create", "namespace", RELEASE_NAMESPACE);
        kubectl.ok("label", "namespace", RELEASE_NAMESPACE, "pod-security.kubernetes.io/enforce=restricted");
        kubectl.ok("create", "namespace", WATCHED);
        kubectl.ok("create", "namespace", UNWATCHED);
        // realistic latencies 100x compressed: Bastion's 600 s take 6 s
        PackagedJar.Simulator simulator = PackagedJar.simulator(dir, 0.01);
        running.add(simulator);
        Map<String, String> sim = simulator.env();
        kubectl.ok("create", "secret", "generic", "lblab-azure-credentials", "-n", RELEASE_NAMESPACE,
                "--from-literal=AZURE_TENANT_ID=" + sim.get("AZURE_TENANT_ID"), "--from-literal=AZURE_CLIENT_ID=" + sim.get("AZURE_CLIENT_ID"),
                "--from-literal=AZURE_CLIENT_SECRET=" + sim.get("AZURE_CLIENT_SECRET"),
                "--from-literal=AZURE_SUBSCRIPTION_ID=" + sim.get("AZURE_SUBSCRIPTION_ID"));
        kubectl.ok("create", "secret", "generic", "simulator-ca", "-n", RELEASE_NAMESPACE,
                "--from-file=ca.crt=" + simulator.certificate().toAbsolutePath());
        // the simulator as a CUSTOM cloud, its pacing compressed like the other real-cluster tests'
        Path values = Files.writeString(dir.resolve("values.yaml"), """
                watchNamespaces: [%s]
                logLevel: DEBUG
                # other tests of this cluster applied deploy/, whose cluster-wide policy has the chart's name
                admissionPolicy: {enabled: false}
                azure:
                  cloud: CUSTOM
                  resourceManagerEndpoint: %s
                  authorityHost: %s
                  disableInstanceDiscovery: true
                  trustCertificate:
                    secretName: simulator-ca
                config:
                  lblab.azure.poll-interval: 100ms
                  lblab.azure.read-budget.per-second: "1000"
                  lblab.operator.busy-recheck: 300ms
                  lblab.operator.initial-backoff: 300ms
                  lblab.operator.max-backoff: 3s
                """.formatted(WATCHED, simulator.url(), simulator.url()));

        String install = helm.ok("install", RELEASE, Helm.CHART.toString(), "--namespace", RELEASE_NAMESPACE, "--values", values.toString());
        assertThat(install).contains("STATUS: deployed").contains("reconciling labs in: " + WATCHED);
        assertThat(kubectl.ok("get", "crd", "loadbalancerlabs.lblab.io", "-o", "jsonpath={.status.conditions[?(@.type=='Established')].status}"))
                .isEqualTo("True");

        // the optional PodDisruptionBudget is valid for the API server too (the ServiceMonitor's CRD is not installed here)
        Path pdb = Files.writeString(dir.resolve("pdb.yaml"), helm.ok("template", RELEASE, Helm.CHART.toString(), "--namespace",
                RELEASE_NAMESPACE, "--set", "podDisruptionBudget.enabled=true", "--show-only", "templates/poddisruptionbudget.yaml"));
        assertThat(kubectl.ok("apply", "--dry-run=server", "-f", pdb.toString()))
                .contains("poddisruptionbudget.policy/" + FULLNAME + " created (server dry run)");

        Deployment deployment;
        try (KubernetesClient admin = cluster.adminClient()) {
            deployment = admin.apps().deployments().inNamespace(RELEASE_NAMESPACE).withName(FULLNAME).require();
            assertThat(admin.rbac().clusterRoleBindings().withName(FULLNAME).get()).as("no cluster-wide grant with watchNamespaces").isNull();
        }
        ManagedProcess pod = PodProcess.start(cluster, deployment, FULLNAME + "-7d4b9c-x2x5q", dir.resolve("pod"));
        running.add(pod);

        kubectl.ok("apply", "-n", WATCHED, "-f", "deploy/samples/public.yaml");
        kubectl.ok("apply", "-n", UNWATCHED, "-f", "deploy/samples/public.yaml");
        assertThat(kubectl.ok("wait", "-n", WATCHED, "--for=condition=Ready", "lblab/public-lab", "--timeout=240s"))
                .contains("public-lab condition met");
        assertThat(kubectl.ok("get", "-n", WATCHED, "lblab")).containsPattern("public-lab\\s+Public\\s+Ready");
        assertThat(kubectl.ok("get", "-n", UNWATCHED, "lblab", "public-lab", "-o", "jsonpath={.metadata.finalizers}{.status}"))
                .as("a lab outside watchNamespaces is not touched").isEmpty();
        try (KubernetesClient admin = cluster.adminClient()) {
            Lease lease = admin.leases().inNamespace(RELEASE_NAMESPACE).withName(FULLNAME).get();
            assertThat(lease).as("the release's Lease").isNotNull();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(FULLNAME + "-7d4b9c-x2x5q");
        }

        // returns once the finalizer is released: the operator saw the lab's resource group gone from Azure
        assertThat(kubectl.ok("delete", "-n", WATCHED, "lblab", "public-lab", "--timeout=240s")).contains("\"public-lab\" deleted");

        String log = Files.readString(pod.log());
        assertThat(log).as("operator log " + pod.log()).doesNotContain("Forbidden").doesNotContain("forbidden")
                .doesNotContain(" ERROR ").doesNotContainPattern("(?m)^\\s+at [a-z]")
                .contains("Picked up JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage=60")
                .containsPattern("DEBUG \\[io\\.lb");

        // as deleting the Deployment would: the pod goes first, then its ServiceAccount and rights
        pod.close();
        assertThat(helm.ok("uninstall", RELEASE, "--namespace", RELEASE_NAMESPACE)).contains("release \"" + RELEASE + "\" uninstalled");
        assertThat(kubectl.run("get", "clusterrole", FULLNAME).exitCode()).as("the ClusterRole is uninstalled").isNotZero();
        assertThat(kubectl.ok("get", "crd", "loadbalancerlabs.lblab.io", "-o", "name")).as("helm never deletes a chart's CRD").isNotBlank();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (onTheCluster) {
            LocalKubernetes cluster = RealCluster.get();
            Helm.on(cluster).run("uninstall", RELEASE, "--namespace", RELEASE_NAMESPACE);
            try (KubernetesClient admin = cluster.adminClient()) {
                for (String namespace : List.of(WATCHED, UNWATCHED, RELEASE_NAMESPACE)) {
                    admin.genericKubernetesResources("lblab.io/v1alpha1", "LoadBalancerLab").inNamespace(namespace).list().getItems()
                            .forEach(lab -> {
                                lab.getMetadata().setFinalizers(List.of());
                                admin.resource(lab).patch();
                            });
                    admin.namespaces().withName(namespace).delete();
                }
            }
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains("quarkus-run.jar")))
                .as("operator or simulator processes left running").isEmpty();
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser parser = DeployManifestsTest.YAML.getFactory().createParser(yaml);
                MappingIterator<JsonNode> it = DeployManifestsTest.YAML.readValues(parser, JsonNode.class)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    /** kind/namespace/name to the object, Helm's own labels removed. */
    private static Map<String, JsonNode> byObject(List<JsonNode> docs) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode doc : docs) {
            stripHelmLabels(doc);
            out.put(key(doc), doc);
        }
        return out;
    }

    private static String key(JsonNode doc) {
        return doc.path("kind").asText() + "/" + doc.at("/metadata/namespace").asText("") + "/" + doc.at("/metadata/name").asText();
    }

    private static void stripHelmLabels(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if ((field.getKey().equals("labels") || field.getKey().equals("matchLabels")) && field.getValue().isObject()) {
                    ((ObjectNode) field.getValue()).remove(HELM_LABELS);
                }
                stripHelmLabels(field.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(HelmChartIT::stripHelmLabels);
        }
    }
}
