package io.lblab.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.network.fluent.models.BastionHostInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.Blueprints;
import io.lblab.blueprint.DesiredResource;
import io.lblab.blueprint.ResourceKind;
import io.lblab.reconciler.JsonSubset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every desired body survives the Azure SDK model the gateway sends it through: parsed exactly as
 * {@link TypedResourceClient#parse} does (with the same {@code fromJson} per kind as {@link AzureGateway}) and
 * serialised back as {@link TypedResourceClient#observe} does. A field the model drops or renames would never
 * reach Azure, and the diff would then ask for it forever.
 */
class BlueprintSdkRoundTripTest {

    private static final String PASSWORD = "Zq7!pL0ng-S3cret-Pa55w0rd";
    private static final Set<String> IGNORED = Set.of("properties.osProfile.adminPassword");

    /** The parsers {@link AzureGateway} registers, one per kind the blueprint writes. */
    private static final Map<ResourceKind, TypedResourceClient<?>> CLIENTS = new EnumMap<>(ResourceKind.class);

    static {
        CLIENTS.put(ResourceKind.VIRTUAL_NETWORK, client(ResourceKind.VIRTUAL_NETWORK, VirtualNetworkInner::fromJson));
        CLIENTS.put(ResourceKind.PUBLIC_IP_ADDRESS, client(ResourceKind.PUBLIC_IP_ADDRESS, PublicIpAddressInner::fromJson));
        CLIENTS.put(ResourceKind.BASTION_HOST, client(ResourceKind.BASTION_HOST, BastionHostInner::fromJson));
        CLIENTS.put(ResourceKind.NETWORK_SECURITY_GROUP, client(ResourceKind.NETWORK_SECURITY_GROUP, NetworkSecurityGroupInner::fromJson));
        CLIENTS.put(ResourceKind.NETWORK_INTERFACE, client(ResourceKind.NETWORK_INTERFACE, NetworkInterfaceInner::fromJson));
        CLIENTS.put(ResourceKind.LOAD_BALANCER, client(ResourceKind.LOAD_BALANCER, LoadBalancerInner::fromJson));
        CLIENTS.put(ResourceKind.VIRTUAL_MACHINE, client(ResourceKind.VIRTUAL_MACHINE, VirtualMachineInner::fromJson));
    }

    private static <T> TypedResourceClient<T> client(ResourceKind kind, TypedResourceClient.Parser<T> parser) {
        return new TypedResourceClient<>(kind, null, null, null, parser, model -> null);
    }

    /** Both modes with everything on (Bastion, outbound, test VM), plus the variants that change body shapes. */
    static Stream<Arguments> resources() {
        return Stream.of(
                "mode: Public\nbastion: {enabled: true}\nloadBalancer: {outbound: {enabled: true}}\n",
                "mode: Internal\nbastion: {enabled: true}\ntestVm: {enabled: true}\n",
                "mode: Public\nloadBalancer: {outbound: {enabled: false}, probe: {protocol: Http, requestPath: /}}\n",
                "mode: Internal\nloadBalancer: {probe: {protocol: Https, port: 443, requestPath: /health}}\n")
                .flatMap(yaml -> {
                    LoadBalancerLabSpec spec = Serialization.unmarshal(yaml, LoadBalancerLabSpec.class);
                    Blueprint blueprint = Blueprints.of(new BlueprintInputs("labs", "demo", "uid-1",
                            "00000000-1111-2222-3333-444444444444", spec, PASSWORD));
                    String variant = yaml.replace('\n', ' ').trim();
                    return blueprint.resources().stream().map(r -> Arguments.of(variant, r.name(), r));
                });
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("resources")
    void sdkModelKeepsEveryDesiredField(String variant, String name, DesiredResource desired) {
        TypedResourceClient<?> client = CLIENTS.get(desired.kind());
        assertThat(client).as("a parser for " + desired.kind()).isNotNull();

        JsonNode roundTripped = roundTrip(client, desired);

        assertThat(JsonSubset.firstDifference(desired.body(), roundTripped, IGNORED))
                .as("%s: desired %s%n came back from the SDK model as %s", name, desired.body(), roundTripped)
                .isNull();
        if (desired.kind() == ResourceKind.VIRTUAL_MACHINE) {
            // the password is ignored by the diff above, but it must still reach Azure
            assertThat(roundTripped.at("/properties/osProfile/adminPassword").asText()).isEqualTo(PASSWORD);
        }
        // and the round trip is exact, not just case-insensitive: a model must not re-case values
        assertThat(stringsOf(roundTripped)).containsAll(stringsOf(desired.body()));
    }

    /** The check above can fail: a field the model does not know (here misspelled) is reported by its path. */
    @org.junit.jupiter.api.Test
    void aFieldTheModelDoesNotKnowIsReported() {
        DesiredResource nic = resources().map(a -> (DesiredResource) a.get()[2])
                .filter(r -> r.kind() == ResourceKind.NETWORK_INTERFACE).findFirst().orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode body = nic.body().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("properties")).put("enableAcceleratedNetworkin", true);
        DesiredResource broken = new DesiredResource(nic.step(), nic.kind(), nic.name(), nic.id(), body, nic.dependsOn(), Set.of());

        assertThat(JsonSubset.firstDifference(broken.body(), roundTrip(CLIENTS.get(nic.kind()), broken), IGNORED))
                .isEqualTo("properties.enableAcceleratedNetworkin");
    }

    private static <T> JsonNode roundTrip(TypedResourceClient<T> client, DesiredResource desired) {
        T model = client.parse(desired.body());
        return client.observe(desired.id(), model).body();
    }

    private static List<String> stringsOf(JsonNode node) {
        List<String> strings = new java.util.ArrayList<>();
        collect(node, strings);
        return strings;
    }

    private static void collect(JsonNode node, List<String> strings) {
        if (node.isTextual()) {
            strings.add(node.asText());
        }
        node.forEach(child -> collect(child, strings));
    }
}
