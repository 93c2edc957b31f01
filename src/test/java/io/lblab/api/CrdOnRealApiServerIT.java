package io.lblab.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lblab.localkube.RealCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.lblab.api.ApiTestSupport.edit;
import static io.lblab.api.ApiTestSupport.lab;
import static io.lblab.api.ApiTestSupport.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The checked-in CRD on a real kube-apiserver: installed with kubectl as the README says, and every case of
 * {@link CrdSchemaTest} judged by the server itself (structural schema, defaulting, CEL compilation, cost limits and
 * evaluation). Where the in-JVM emulation ({@link CrdValidator}) and the server disagree, the server is right.
 */
class CrdOnRealApiServerIT {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static KubernetesClient client;
    private static CrdValidator emulation;

    @BeforeAll
    static void install() {
        RealCluster.install();
        client = RealCluster.adminClient();
        if (client.namespaces().withName("labs").get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("labs").endMetadata().build()).create();
        }
        emulation = CrdValidator.forProject();
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void crdAndDeployApplyWithKubectlAsTheReadmeSays() {
        String output = RealCluster.install();
        assertThat(output).contains("customresourcedefinition.apiextensions.k8s.io/loadbalancerlabs.lblab.io")
                .contains("namespace/lblab-system").contains("serviceaccount/lblab-operator")
                .contains("clusterrole.rbac.authorization.k8s.io/lblab-operator")
                .contains("clusterrolebinding.rbac.authorization.k8s.io/lblab-operator")
                .contains("deployment.apps/lblab-operator");
        String columns = RealCluster.kubectl().ok("get", "lblab", "-A");
        assertThat(columns).containsPattern("No resources found|NAMESPACE\\s+NAME\\s+MODE\\s+PHASE\\s+FRONTEND-IP\\s+AGE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"public.yaml", "internal.yaml"})
    void samplesAreAcceptedAsWritten(String file) {
        JsonNode stored = createDryRun(sample(file));
        assertThat(stored.get("spec")).isEqualTo(sample(file).get("spec"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Public", "Internal"})
    void serverDefaultsEqualTheEmulationsAndTheReadmes(String mode) {
        String nested = mode.equals("Public") ? "loadBalancer: {probe: {}, outbound: {}}" : "loadBalancer: {probe: {}}, testVm: {}";
        JsonNode lab = lab("{mode: " + mode + ", network: {}, bastion: {}, backends: {image: {}}, firewall: {}, " + nested + "}");
        JsonNode stored = createDryRun(lab);
        assertThat(stored.get("spec")).isEqualTo(emulation.validateCreate(lab).object().get("spec"));
        // nothing absent is defaulted into existence: an absent object means "all defaults" to the operator
        JsonNode minimal = createDryRun(lab("{mode: " + mode + "}"));
        assertThat(minimal.get("spec")).isEqualTo(emulation.validateCreate(lab("{mode: " + mode + "}")).object().get("spec"));
    }

    /** deploy/'s ValidatingAdmissionPolicy judges the annotations the CRD's CEL rules cannot see. */
    @Test
    void annotationsAreJudgedAtAdmissionByThePolicyInDeploy() {
        JsonNode lab = CrdSchemaTest.baseLab("Public");
        String group = lab.at("/spec/resourceGroupName").asText("");
        Map<String, String> refused = Map.of(
                "lblab.io/paused", "yes",
                "lblab.io/plan-only", "1",
                "lblab.io/retry", "r".repeat(64),
                "lblab.io/adopt-resource-group", "someone-elses-group");
        refused.forEach((key, value) -> {
            KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                    () -> labs().resource(annotated(lab, Map.of(key, value))).dryRun().create());
            assertThat(e).as(key + "=" + value + " was accepted").isNotNull();
            assertThat(e.getMessage()).contains("ValidatingAdmissionPolicy 'lblab-annotations'").contains("annotation " + key + " must");
        });
        GenericKubernetesResource accepted = annotated(lab, Map.of("lblab.io/paused", "true", "lblab.io/plan-only", "false",
                "lblab.io/retry", "2026-11-30T01:00:00Z"));
        accepted.getMetadata().getAnnotations().put("lblab.io/adopt-resource-group",
                group.isEmpty() ? "lblab-labs-" + accepted.getMetadata().getName() : group.toUpperCase());
        assertThat(labs().resource(accepted).dryRun().create().getMetadata().getAnnotations()).containsEntry("lblab.io/paused", "true");
    }

    private static GenericKubernetesResource annotated(JsonNode lab, Map<String, String> annotations) {
        GenericKubernetesResource resource = named(lab);
        resource.getMetadata().setAnnotations(new java.util.HashMap<>(annotations));
        return resource;
    }

    @ParameterizedTest
    @MethodSource("io.lblab.api.CrdSchemaTest#schemaCases")
    void schemaRejectsWithTheDocumentedMessage(CrdSchemaTest.SchemaCase c) {
        String message = rejection(edit(CrdSchemaTest.baseLab(c.mode()), c.change()));
        assertThat(message).contains(c.field() + ": ").contains(c.message());
    }

    @ParameterizedTest
    @MethodSource("io.lblab.api.CrdSchemaTest#celCases")
    void celRulesRejectWithTheDocumentedMessage(CrdSchemaTest.CelCase c) {
        String message = rejection(edit(CrdSchemaTest.baseLab(c.mode()), c.change()));
        assertThat(message).contains(c.field() + ": " + c.message());
    }

    @ParameterizedTest
    @MethodSource("io.lblab.api.CrdSchemaTest#transitionCases")
    void immutableFieldsAreRefusedOnUpdate(CrdSchemaTest.TransitionCase c) {
        GenericKubernetesResource old = named(lab(c.oldSpec()));
        labs().resource(old).create();
        try {
            GenericKubernetesResource changed = labs().withName(old.getMetadata().getName()).get();
            changed.setAdditionalProperty("spec", SERIALIZATION.convertValue(lab(c.newSpec()).get("spec"), Object.class));
            KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class,
                    () -> labs().resource(changed).dryRun().update());
            assertThat(refused).as("update to " + c.newSpec() + " accepted").isNotNull();
            assertThat(refused.getMessage()).contains("spec: " + c.message());
        } finally {
            labs().withName(old.getMetadata().getName()).delete();
        }
    }

    /** The server applies defaults before CEL: an absent value and a defaulted one must still compare equal. */
    @ParameterizedTest
    @MethodSource("io.lblab.api.CrdSchemaTest#acceptedTransitions")
    void updatesKeepingImmutableValuesAreAccepted(CrdSchemaTest.AcceptedTransition c) {
        GenericKubernetesResource old = named(lab(c.oldSpec()));
        labs().resource(old).create();
        try {
            GenericKubernetesResource changed = labs().withName(old.getMetadata().getName()).get();
            changed.setAdditionalProperty("spec", SERIALIZATION.convertValue(lab(c.newSpec()).get("spec"), Object.class));
            labs().resource(changed).dryRun().update();
        } finally {
            labs().withName(old.getMetadata().getName()).delete();
        }
    }

    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> labsAll() {
        return client.genericKubernetesResources("lblab.io/v1alpha1", "LoadBalancerLab");
    }

    private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> labs() {
        return labsAll().inNamespace("labs");
    }

    private static GenericKubernetesResource named(JsonNode lab) {
        GenericKubernetesResource resource = SERIALIZATION.convertValue(lab, GenericKubernetesResource.class);
        resource.getMetadata().setName("case-" + NAMES.incrementAndGet());
        resource.getMetadata().setNamespace("labs");
        return resource;
    }

    private static JsonNode createDryRun(JsonNode lab) {
        GenericKubernetesResource created = labs().resource(named(lab)).dryRun().create();
        return SERIALIZATION.convertValue(created, JsonNode.class);
    }

    private static String rejection(JsonNode lab) {
        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class,
                () -> labs().resource(named(lab)).dryRun().create());
        assertThat(refused).as("the API server accepted " + lab).isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        return refused.getMessage();
    }
}
