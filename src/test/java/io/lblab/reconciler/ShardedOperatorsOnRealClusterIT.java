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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Deployments splitting the labs: two packaged operators with {@code lblab.operator.shard} a and b, each with the
 * ServiceAccount's rights only, on a real kube-apiserver. Each lab is reconciled by the shard its label names, and
 * by no other; a lab that names no shard is left alone by both.
 */
class ShardedOperatorsOnRealClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY = Duration.ofMinutes(3);
    private static final String NAMESPACE = "shards";

    private static LocalKubernetes cluster;
    private static Kubectl kubectl;
    private static Path operatorKubeconfig;

    private final List<ManagedProcess> operators = new ArrayList<>();
    private PackagedJar.Simulator simulator;

    @BeforeAll
    static void install() throws IOException {
        cluster = RealCluster.get();
        RealCluster.install();
        kubectl = RealCluster.kubectl();
        String token = cluster.serviceAccountToken("lblab-system", "lblab-operator", Duration.ofHours(2));
        operatorKubeconfig = cluster.writeKubeconfig(Path.of("target", "sharded-it", "operator.kubeconfig"), "lblab-operator", token);
    }

    @AfterEach
    void stopEverything() {
        try (KubernetesClient admin = cluster.adminClient()) {
            admin.genericKubernetesResources("lblab.io/v1alpha1", "LoadBalancerLab").inNamespace(NAMESPACE).list().getItems()
                    .forEach(lab -> {
                        lab.getMetadata().setFinalizers(List.of());
                        admin.resource(lab).patch();
                    });
            admin.namespaces().withName(NAMESPACE).delete();
        }
        operators.forEach(ManagedProcess::close);
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void eachLabIsReconciledByTheShardItsLabelNamesAndNoOther() throws Exception {
        Path dir = Path.of("target", "sharded-it");
        simulator = PackagedJar.simulator(dir, 0.02);
        ManagedProcess shardA = shard(dir, "a");
        ManagedProcess shardB = shard(dir, "b");
        kubectl.ok("create", "namespace", NAMESPACE);
        Path labs = dir.resolve("labs.yaml");
        Files.writeString(labs, lab("lab-a", "a") + "---\n" + lab("lab-b", "b") + "---\n" + lab("lab-none", null));
        kubectl.ok("apply", "-n", NAMESPACE, "-f", labs.toString());

        assertThat(kubectl.ok("wait", "-n", NAMESPACE, "--for=condition=Ready", "lblab", "lab-a", "lab-b",
                "--timeout=" + READY.toSeconds() + "s")).contains("lab-a condition met").contains("lab-b condition met");

        JsonNode unsharded = JSON.readTree(kubectl.ok("get", "-n", NAMESPACE, "lblab", "lab-none", "-o", "json"));
        assertThat(unsharded.path("status").isMissingNode()).as("no shard wrote the status of a lab without a shard label").isTrue();
        assertThat(unsharded.at("/metadata/finalizers").size()).as("nor added its finalizer").isZero();
        try (KubernetesClient admin = cluster.adminClient()) {
            for (String shard : List.of("a", "b")) {
                Lease lease = admin.leases().inNamespace("lblab-system").withName("lblab-operator-" + shard).get();
                assertThat(lease).as("shard %s's own Lease", shard).isNotNull();
                assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("lblab-operator-" + shard + "-0");
            }
        }
        assertThat(Files.readString(shardA.log())).contains(NAMESPACE + "/lab-a:").doesNotContain(NAMESPACE + "/lab-b")
                .doesNotContain(NAMESPACE + "/lab-none").doesNotContain("Forbidden");
        assertThat(Files.readString(shardB.log())).contains(NAMESPACE + "/lab-b:").doesNotContain(NAMESPACE + "/lab-a")
                .doesNotContain(NAMESPACE + "/lab-none").doesNotContain("Forbidden");

        assertThat(kubectl.ok("delete", "-n", NAMESPACE, "lblab", "--all", "--timeout=" + READY.toSeconds() + "s"))
                .contains("\"lab-a\" deleted").contains("\"lab-b\" deleted").contains("\"lab-none\" deleted");
        assertThat(new SimAdmin(simulator.url(), simulator.certificate()).resources()).as("both shards tore their lab down").isEmpty();
    }

    private ManagedProcess shard(Path dir, String shard) throws IOException {
        String pod = "lblab-operator-" + shard + "-0";
        ManagedProcess operator = PackagedJar.operator(pod, operatorKubeconfig, simulator, dir.resolve(pod + ".log"),
                Map.of("LBLAB_OPERATOR_SHARD", shard));
        operators.add(operator);
        return operator;
    }

    /** A small lab (one backend, no Bastion) so the test is about shards, not provisioning time. */
    private static String lab(String name, String shard) {
        return """
                apiVersion: lblab.io/v1alpha1
                kind: LoadBalancerLab
                metadata:
                  name: %s
                %s
                spec:
                  mode: Internal
                  bastion: {enabled: false}
                  backends: {count: 1}
                """.formatted(name, shard == null ? "" : "  labels: {lblab.io/shard: " + shard + "}");
    }
}
