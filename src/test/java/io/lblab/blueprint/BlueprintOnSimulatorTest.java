package io.lblab.blueprint;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.api.Mode;
import io.lblab.azure.AzureAccess;
import io.lblab.azure.AzureGateway;
import io.lblab.azure.ObservedResource;
import io.lblab.azure.ResourceGroupState;
import io.lblab.reconciler.JsonSubset;
import io.lblab.sim.ArmSimulator;
import io.lblab.sim.SimulatorInfo;
import io.lblab.sim.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static io.lblab.blueprint.BlueprintTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blueprint's bodies, the diff and the tag rules against what the ARM simulator (instant profile) stores and
 * returns through the operator's own {@link AzureGateway}, without the reconciler: a lab PUT as the blueprint says is
 * seen as converged (nothing Azure adds, reorders or defaults counts as drift), and a tag removed from the spec
 * leaves Azure after one PUT while a tag someone else added stays.
 */
class BlueprintOnSimulatorTest {

    private static final Duration CALL = Duration.ofSeconds(30);
    private static ArmSimulator sim;
    private static AzureGateway gateway;

    @BeforeAll
    static void start() {
        sim = ArmSimulator.start(SimulatorOptions.defaults().withoutThrottling());
        SimulatorInfo info = sim.info();
        var http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(info.sslContext())).build();
        var credential = new ClientSecretCredentialBuilder().tenantId(info.tenantId()).clientId(info.clientId())
                .clientSecret(info.clientSecret()).authorityHost(info.baseUrl()).disableInstanceDiscovery().httpClient(http).build();
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", info.baseUrl());
        endpoints.put("managementEndpointUrl", info.baseUrl());
        endpoints.put("activeDirectoryEndpointUrl", info.baseUrl());
        AzureProfile profile = new AzureProfile(info.tenantId(), info.subscriptionId(), new AzureEnvironment(endpoints));
        gateway = new AzureGateway(new AzureAccess("sim", credential, info.subscriptionId()), profile, http, Duration.ofMillis(20), java.util.List.of());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void empty() {
        sim.admin().reset();
    }

    /** Both modes, everything on, with user tags: after one PUT each, every resource is converged. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLabWrittenAsTheBlueprintSaysIsConverged(Mode mode) {
        Blueprint blueprint = onSimulator(spec("mode: " + mode + "\ntags: {team: net, env: dev}\n"
                + (mode == Mode.Public ? "loadBalancer: {outbound: {enabled: true}}\n" : "testVm: {enabled: true}\n")));
        applyAll(blueprint);
        for (DesiredResource desired : blueprint.resources()) {
            ObservedResource observed = get(blueprint, desired);
            assertThat(JsonSubset.firstDifference(desired.body(), observed.body(), desired.createOnlyPaths()))
                    .as("%s as the simulator returns it: %s", desired.name(), observed.body())
                    .isNull();
            // and as ARM's JSON holds it, read-only parts included (the SDK model drops those)
            JsonNode stored = sim.admin().resource(desired.id());
            assertThat(JsonSubset.firstDifference(desired.body(), stored, desired.createOnlyPaths()))
                    .as("%s as the simulator stores it: %s", desired.name(), stored)
                    .isNull();
        }
        // the simulator did add to the bodies: ids in named collections, the NSG's separate default rules
        DesiredResource vnet = blueprint.step(Steps.VIRTUAL_NETWORK).orElseThrow();
        assertThat(get(blueprint, vnet).body().at("/properties/subnets/0/id").asText()).contains("/subnets/");
        DesiredResource nsg = blueprint.step(Steps.NETWORK_SECURITY_GROUP).orElseThrow();
        assertThat(sim.admin().resource(nsg.id()).at("/properties/defaultSecurityRules").size()).isPositive();
    }

    @Test
    void aTagRemovedFromTheSpecIsRemovedInAzureAndForeignTagsStay() {
        Blueprint before = onSimulator(spec("mode: Public\ntags: {team: net, env: dev}\n"));
        DesiredResource nsgBefore = before.step(Steps.NETWORK_SECURITY_GROUP).orElseThrow();
        gateway.putResourceGroup(before.resourceGroup(), before.location(), before.resourceGroupTags()).block(CALL);
        put(before, nsgBefore, nsgBefore.body());
        // someone adds a tag of their own in Azure
        ObjectNode edited = get(before, nsgBefore).body().deepCopy();
        ((ObjectNode) edited.get("tags")).put("costCenter", "42");
        put(before, nsgBefore, edited);
        assertThat(JsonSubset.firstDifference(nsgBefore.body(), get(before, nsgBefore).body(), Set.of()))
                .as("a foreign tag is not drift").isNull();

        // the user removes env from the spec
        Blueprint after = onSimulator(spec("mode: Public\ntags: {team: net}\n"));
        DesiredResource nsg = after.step(Steps.NETWORK_SECURITY_GROUP).orElseThrow();
        ObservedResource observed = get(after, nsg);
        assertThat(JsonSubset.firstDifference(nsg.body(), observed.body(), nsg.createOnlyPaths()))
                .as("the record changed").isEqualTo("tags.lblab.io/tags");
        ObjectNode withoutRecordCheck = nsg.body().deepCopy();
        ((ObjectNode) withoutRecordCheck.get("tags")).put(OwnedTags.RECORD_TAG, "env,team");
        assertThat(JsonSubset.firstDifference(withoutRecordCheck, observed.body(), nsg.createOnlyPaths()))
                .as("and env itself is named as not wanted").isEqualTo("tags.env (not wanted)");

        put(after, nsg, OwnedTags.bodyToWrite(nsg.body(), observed.body()));

        Map<String, String> tags = OwnedTags.asMap(get(after, nsg).body().get("tags"));
        assertThat(tags).doesNotContainKey("env")
                .containsEntry("team", "net")
                .containsEntry("costCenter", "42")
                .containsEntry(OwnedTags.RECORD_TAG, "team")
                .containsEntry("lblab.io/managed-by", "lblab-operator")
                .hasSize(4);
        assertThat(JsonSubset.firstDifference(nsg.body(), get(after, nsg).body(), nsg.createOnlyPaths())).isNull();
    }

    /** The desired body PUT as it is (what a core that does not merge sends): the tag goes, and so does a foreign one. */
    @Test
    void aPlainPutOfTheDesiredBodyReplacesTheWholeTagSet() {
        Blueprint before = onSimulator(spec("mode: Internal\ntags: {team: net, env: dev}\n"));
        DesiredResource vnetBefore = before.resources().stream().filter(r -> r.kind() == ResourceKind.VIRTUAL_NETWORK).findFirst().orElseThrow();
        gateway.putResourceGroup(before.resourceGroup(), before.location(), before.resourceGroupTags()).block(CALL);
        ObjectNode withForeign = vnetBefore.body().deepCopy();
        ((ObjectNode) withForeign.get("tags")).put("costCenter", "42");
        put(before, vnetBefore, withForeign);

        Blueprint after = onSimulator(spec("mode: Internal\ntags: {team: net}\n"));
        DesiredResource vnet = after.step(vnetBefore.step()).orElseThrow();
        put(after, vnet, vnet.body());
        assertThat(OwnedTags.asMap(get(after, vnet).body().get("tags")))
                .containsOnlyKeys("team", OwnedTags.RECORD_TAG, "lblab.io/managed-by");
    }

    /** The resource group's tags follow the same rule when written with {@link OwnedTags#toWrite}. */
    @Test
    void theResourceGroupLosesARemovedTagAndKeepsAForeignOne() {
        Blueprint before = onSimulator(spec("mode: Public\ntags: {team: net, env: dev}\n"));
        Map<String, String> foreign = new HashMap<>(before.resourceGroupTags());
        foreign.put("costCenter", "42");
        gateway.putResourceGroup(before.resourceGroup(), before.location(), foreign).block(CALL);

        Blueprint after = onSimulator(spec("mode: Public\ntags: {team: net}\n"));
        ResourceGroupState group = gateway.getResourceGroup(after.resourceGroup()).block(CALL).orElseThrow();
        assertThat(OwnedTags.differ(after.resourceGroupTags(), group.tags())).isTrue();
        assertThat(OwnedTags.stale(after.resourceGroupTags(), group.tags())).contains("env");

        gateway.putResourceGroup(after.resourceGroup(), after.location(), OwnedTags.toWrite(after.resourceGroupTags(), group.tags()))
                .block(CALL);
        Map<String, String> tags = gateway.getResourceGroup(after.resourceGroup()).block(CALL).orElseThrow().tags();
        assertThat(tags).doesNotContainKey("env").containsEntry("costCenter", "42").containsEntry(OwnedTags.RECORD_TAG, "team")
                .containsAllEntriesOf(after.resourceGroupTags());
        assertThat(OwnedTags.differ(after.resourceGroupTags(), tags)).isFalse();
    }

    private static Blueprint onSimulator(io.lblab.api.LoadBalancerLabSpec spec) {
        // the test inputs with the simulator's subscription
        return Blueprints.of(new BlueprintInputs(BlueprintTestSupport.NAMESPACE, BlueprintTestSupport.NAME, BlueprintTestSupport.UID,
                sim.info().subscriptionId(), spec, BlueprintTestSupport.PASSWORD));
    }

    /** The group, then every resource in blueprint order (dependencies first), each PUT once. */
    private static void applyAll(Blueprint blueprint) {
        gateway.putResourceGroup(blueprint.resourceGroup(), blueprint.location(), blueprint.resourceGroupTags()).block(CALL);
        for (DesiredResource desired : blueprint.resources()) {
            put(blueprint, desired, desired.body());
        }
    }

    private static void put(Blueprint blueprint, DesiredResource desired, JsonNode body) {
        ObservedResource written = gateway.put(desired.kind(), blueprint.resourceGroup(), desired.name(), body).block(CALL);
        assertThat(written).as(desired.name()).isNotNull();
        assertThat(written.succeeded()).as(desired.name() + " " + written.provisioningState()).isTrue();
    }

    private static ObservedResource get(Blueprint blueprint, DesiredResource desired) {
        return gateway.get(desired.kind(), blueprint.resourceGroup(), desired.name()).block(CALL).orElseThrow();
    }
}
