package io.lblab.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of {@code deploy/}: what {@code kubectl apply -f crds/ -f deploy/} creates, the
 * Deployment's hardening, least-privilege RBAC, and that templates and samples stay out of the
 * top-level apply.
 */
class DeployManifestsTest {

    static final String NAMESPACE = "lblab-system";
    static final String SERVICE_ACCOUNT = "lblab-operator";
    static final String CREDENTIALS_SECRET = "lblab-azure-credentials";

    static final KubernetesSerialization K8S = new KubernetesSerialization();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Documents by file, relative to deploy/, in kubectl's order (file name order). */
    static Map<String, List<JsonNode>> documents;
    /** The documents that {@code kubectl apply -f deploy/} applies: top-level files only. */
    static List<JsonNode> applied;

    @BeforeAll
    static void readDeploy() throws IOException {
        Path deploy = ApiTestSupport.projectRoot().resolve("deploy");
        documents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(deploy)) {
            // deploy/helm/ holds the Helm chart (templates, not manifests): HelmChartIT compares its rendering with these
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !deploy.relativize(f).startsWith("helm")).toList()) {
                documents.put(deploy.relativize(file).toString().replace('\\', '/'), readAll(file));
            }
        }
        applied = documents.entrySet().stream()
                .filter(e -> !e.getKey().contains("/"))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }

    static List<JsonNode> readAll(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile());
                MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    static <T> List<T> applied(String kind, Class<T> type) {
        return applied.stream().filter(d -> kind.equals(d.path("kind").asText())).map(d -> K8S.convertValue(d, type)).toList();
    }

    static <T> T single(String kind, Class<T> type) {
        List<T> all = applied(kind, type);
        assertThat(all).as("exactly one " + kind + " in deploy/*.yaml").hasSize(1);
        return all.get(0);
    }

    @Test
    void everyDocumentIsAKubernetesObject() {
        assertThat(documents).containsKeys("00-namespace.yaml", "10-serviceaccount.yaml", "20-clusterrole.yaml",
                "30-clusterrolebinding.yaml", "40-deployment.yaml", "templates/azure-credentials-secret.yaml",
                "samples/public.yaml", "samples/internal.yaml");
        documents.forEach((file, docs) -> {
            assertThat(docs).as(file).isNotEmpty();
            docs.forEach(d -> {
                assertThat(d.path("apiVersion").asText()).as(file + " apiVersion").isNotBlank();
                assertThat(d.path("kind").asText()).as(file + " kind").isNotBlank();
                assertThat(d.at("/metadata/name").asText()).as(file + " metadata.name").isNotBlank();
            });
        });
    }

    @Test
    void topLevelApplyCreatesOnlyTheOperatorInItsNamespace() {
        Set<String> kinds = new TreeSet<>();
        applied.forEach(d -> kinds.add(d.path("kind").asText()));
        assertThat(kinds).containsExactlyInAnyOrder("Namespace", "ServiceAccount", "ClusterRole", "Role",
                "ClusterRoleBinding", "RoleBinding", "Deployment", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
        // the Secret template and the samples live in sub-directories, which kubectl apply -f deploy/ skips
        for (JsonNode d : applied) {
            String kind = d.path("kind").asText();
            boolean clusterScoped = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "ValidatingAdmissionPolicy",
                    "ValidatingAdmissionPolicyBinding").contains(kind);
            assertThat(d.at("/metadata/namespace").asText(""))
                    .as(kind + " " + d.at("/metadata/name").asText())
                    .isEqualTo(clusterScoped ? "" : NAMESPACE);
        }
        // the namespace comes first in file order, so a single apply creates it before its contents
        String first = documents.keySet().stream().filter(f -> !f.contains("/")).findFirst().orElseThrow();
        assertThat(documents.get(first)).extracting(d -> d.path("kind").asText()).containsOnly("Namespace");
        assertThat(single("Namespace", Namespace.class).getMetadata().getName()).isEqualTo(NAMESPACE);
    }

    @Test
    void deploymentIsHardened() {
        Deployment deployment = single("Deployment", Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(pod.getContainers()).hasSize(1);
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/lblab/lblab-operator:0.1.0");

        PodSecurityContext podSc = pod.getSecurityContext();
        SecurityContext sc = c.getSecurityContext();
        assertThat(sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podSc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getRunAsUser() != null ? sc.getRunAsUser() : podSc.getRunAsUser()).isEqualTo(1001L);
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
        String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType() : podSc.getSeccompProfile().getType();
        assertThat(seccomp).isEqualTo("RuntimeDefault");

        // a writable /tmp on a read-only root filesystem
        VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow();
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
        assertThat(volume.getEmptyDir()).isNotNull();

        assertHttpProbe(c.getLivenessProbe(), "/q/health/live", c);
        assertHttpProbe(c.getReadinessProbe(), "/q/health/ready", c);

        assertThat(c.getResources().getRequests()).containsEntry("cpu", new Quantity("100m")).containsEntry("memory", new Quantity("256Mi"));
        assertThat(c.getResources().getLimits()).containsEntry("cpu", new Quantity("1")).containsEntry("memory", new Quantity("512Mi"));
    }

    private static void assertHttpProbe(Probe probe, String path, Container c) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        Object port = probe.getHttpGet().getPort().getIntVal() != null ? probe.getHttpGet().getPort().getIntVal()
                : c.getPorts().stream().filter(p -> p.getName().equals(probe.getHttpGet().getPort().getStrVal()))
                        .findFirst().orElseThrow().getContainerPort();
        assertThat(port).isEqualTo(8080);
    }

    @Test
    void deploymentAdvertisesItsMetricsOnTheHttpPort() {
        Deployment deployment = single("Deployment", Deployment.class);
        Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        int http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow().getContainerPort();
        assertThat(http).as("quarkus.http.port, where /q/metrics is served").isEqualTo(8080);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(http))
                .containsEntry("prometheus.io/path", "/q/metrics");
    }

    @Test
    void deploymentReadsTheCredentialsSecretAndOperatorSettings() {
        Container c = single("Deployment", Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getEnvFrom()).anySatisfy(e -> {
            assertThat(e.getSecretRef().getName()).isEqualTo(CREDENTIALS_SECRET);
            assertThat(e.getSecretRef().getOptional()).isNotEqualTo(Boolean.TRUE);
        });
        Map<String, String> env = new TreeMap<>();
        for (EnvVar e : c.getEnv()) {
            env.put(e.getName(), e.getValue());
        }
        assertThat(env).containsKey("POD_NAMESPACE");

        Secret template = K8S.convertValue(documents.get("templates/azure-credentials-secret.yaml").get(0), Secret.class);
        assertThat(template.getMetadata().getName()).isEqualTo(CREDENTIALS_SECRET);
        assertThat(template.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(template.getStringData()).containsOnlyKeys("AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET",
                "AZURE_SUBSCRIPTION_ID");
    }

    @Test
    void clusterRoleIsLeastPrivilege() {
        ClusterRole role = single("ClusterRole", ClusterRole.class);
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getVerbs()).as("verbs").doesNotContain("*", "delete", "deletecollection", "escalate", "bind", "impersonate");
            assertThat(rule.getResources()).as("resources").isNotEmpty().doesNotContain("*");
            assertThat(rule.getApiGroups()).as("apiGroups").doesNotContain("*");
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        }
        assertThat(grants(role.getRules())).isEqualTo(Map.of(
                "lblab.io/loadbalancerlabs", Set.of("get", "list", "watch", "patch", "update"),
                "lblab.io/loadbalancerlabs/status", Set.of("get", "patch", "update"),
                "lblab.io/loadbalancerlabs/finalizers", Set.of("update"),
                "/secrets", Set.of("get", "list", "watch", "create", "patch", "update"),
                "/configmaps", Set.of("list", "watch", "create", "update"),
                "/services", Set.of("list", "watch", "create", "update"),
                "discovery.k8s.io/endpointslices", Set.of("list", "watch", "create", "update"),
                "/events", Set.of("create", "patch"),
                "events.k8s.io/events", Set.of("create", "patch")));
        // no CRD access, so the operator is built neither to check nor to apply its CRD at start (build-time settings)
        java.util.Properties built = new java.util.Properties();
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("src/main/resources/application.properties"))) {
            built.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(built).containsEntry("quarkus.operator-sdk.crd.validate", "false")
                .containsEntry("quarkus.operator-sdk.crd.apply", "false");
    }

    @Test
    void leasesAreGrantedOnlyInTheOperatorNamespace() {
        Role role = single("Role", Role.class);
        assertThat(role.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(grants(role.getRules())).isEqualTo(Map.of(
                "coordination.k8s.io/leases", Set.of("get", "list", "watch", "create", "update", "patch")));
    }

    @Test
    void bindingsGiveTheRolesToTheOperatorServiceAccount() {
        ServiceAccount sa = single("ServiceAccount", ServiceAccount.class);
        assertThat(sa.getMetadata().getName()).isEqualTo(SERVICE_ACCOUNT);

        ClusterRoleBinding crb = single("ClusterRoleBinding", ClusterRoleBinding.class);
        assertThat(crb.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(crb.getRoleRef().getName()).isEqualTo(single("ClusterRole", ClusterRole.class).getMetadata().getName());
        assertThat(crb.getSubjects()).extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ServiceAccount", SERVICE_ACCOUNT, NAMESPACE));

        RoleBinding rb = single("RoleBinding", RoleBinding.class);
        assertThat(rb.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(rb.getRoleRef().getName()).isEqualTo(single("Role", Role.class).getMetadata().getName());
        assertThat(rb.getSubjects()).extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ServiceAccount", SERVICE_ACCOUNT, NAMESPACE));
    }

    @Test
    void samplesAreOneLabEachWithoutNamespace() {
        assertThat(documents.get("samples/public.yaml")).singleElement().satisfies(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("LoadBalancerLab");
            assertThat(d.at("/metadata/name").asText()).isEqualTo("public-lab");
            assertThat(d.at("/metadata").has("namespace")).isFalse();
            assertThat(d.at("/spec/mode").asText()).isEqualTo("Public");
        });
        assertThat(documents.get("samples/internal.yaml")).singleElement().satisfies(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("LoadBalancerLab");
            assertThat(d.at("/metadata/name").asText()).isEqualTo("internal-lab");
            assertThat(d.at("/metadata").has("namespace")).isFalse();
            assertThat(d.at("/spec/mode").asText()).isEqualTo("Internal");
        });
    }

    /** "group/resource" to the verbs granted on it, merged over all rules. */
    private static Map<String, Set<String>> grants(List<PolicyRule> rules) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    out.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>()).addAll(rule.getVerbs());
                }
            }
        }
        return out;
    }
}
