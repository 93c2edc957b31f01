package io.lblab.sim;

import com.azure.resourcemanager.network.fluent.models.BackendAddressPoolInner;
import com.azure.resourcemanager.network.fluent.models.FrontendIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.InboundNatRuleInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancingRuleInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.ProbeInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.IpTag;
import com.azure.resourcemanager.network.models.LoadBalancerSku;
import com.azure.resourcemanager.network.models.LoadBalancerSkuName;
import com.azure.resourcemanager.network.models.ProbeProtocol;
import com.azure.resourcemanager.network.models.TransportProtocol;
import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.sim.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each official GET example (copied from ../shared/arm/examples) against the simulator's GET of
 * the same kind of resource: every property path of the example must exist in the simulator's
 * answer (values ignored; array elements compared as the union of their structures).
 */
class ExampleShapeTest {
    /** Example paths the simulator leaves out on purpose, with the reason. */
    private static final Map<String, Map<String, String>> NOT_SIMULATED = Map.of(
            "VirtualMachine_Get.json", Map.of(
                    "properties.availabilitySet", "availability sets are not simulated",
                    "properties.proximityPlacementGroup", "proximity placement groups are not simulated",
                    "properties.applicationProfile", "gallery applications are not simulated",
                    "properties.userData", "returned with $expand=userData (OfficialExamplesTest); the lab's VM sends none",
                    "properties.securityProfile", "echoed when sent; the lab's VMs do not send one",
                    "properties.diagnosticsProfile", "echoed when sent; the lab's VMs do not send one",
                    "properties.extensionsTimeBudget", "VM extensions are not simulated",
                    "resources", "VM extensions are not simulated",
                    "managedBy", "VM scale sets are not simulated"),
            "NetworkInterfaceGet.json", Map.of(
                    "properties.dscpConfiguration", "DSCP configurations are not simulated",
                    "properties.ipConfigurations[].properties.privateIPAddressPrefixLength",
                    "IP-prefix ip configurations are not simulated"),
            "PublicIpAddressGet.json", Map.of(
                    "properties.ddosSettings.ddosProtectionPlan", "DDoS protection plans are not simulated"),
            "VirtualNetworkGet.json", Map.of(
                    "properties.defaultPublicNatGateway", "NAT gateways are not simulated"),
            "LoadBalancerGet.json", Map.of(
                    "properties.scope", "newer API feature (2025-09-01 example), absent from the SDK's 2025-03-01 model"));

    static ArmSimulator sim;
    static Lab lab;
    static RawArm raw;

    @BeforeAll
    static void buildOneOfEverything() {
        sim = ArmSimulator.start(SimulatorOptions.defaults().withoutThrottling());
        lab = new Lab(new SimClients(sim.info()), sim.info(), "rg1");
        raw = new RawArm(sim.info());
        var net = lab.net.serviceClient();
        lab.group();
        lab.vnet();
        lab.pip("myBastionIP");
        Lab.done(net.getBastionHosts().beginCreateOrUpdate("rg1", "myBastionHost",
                lab.bastionBody().withTags(Map.of("key1", "value1"))));
        lab.nsg();
        Lab.done(net.getPublicIpAddresses().beginCreateOrUpdate("rg1", "test-ip", new PublicIpAddressInner()
                .withLocation("eastus").withIpTags(List.of(new IpTag().withIpTagType("FirstPartyUsage").withTag("SQL")))));
        String subnet = lab.subnetId("myBackendSubnet");
        String lb = lab.net("loadBalancers", "lb");
        Lab.done(net.getLoadBalancers().beginCreateOrUpdate("rg1", "lb", new LoadBalancerInner().withLocation("eastus")
                .withSku(new LoadBalancerSku().withName(LoadBalancerSkuName.STANDARD))
                .withFrontendIpConfigurations(List.of(new FrontendIpConfigurationInner().withName("fe-lb")
                        .withSubnet(new SubnetInner().withId(subnet)).withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC)))
                .withBackendAddressPools(List.of(new BackendAddressPoolInner().withName("be-lb")))
                .withProbes(List.of(new ProbeInner().withName("probe-lb").withProtocol(ProbeProtocol.HTTP).withPort(80)
                        .withRequestPath("healthcheck.aspx")))
                .withLoadBalancingRules(List.of(new LoadBalancingRuleInner().withName("rulelb")
                        .withProtocol(TransportProtocol.TCP).withFrontendPort(80).withBackendPort(80)
                        .withFrontendIpConfiguration(Lab.ref(lb + "/frontendIPConfigurations/fe-lb"))
                        .withBackendAddressPool(Lab.ref(lb + "/backendAddressPools/be-lb"))
                        .withProbe(Lab.ref(lb + "/probes/probe-lb")).withEnableFloatingIp(true)))
                .withInboundNatRules(List.of(new InboundNatRuleInner().withName("in-nat-rule")
                        .withFrontendIpConfiguration(Lab.ref(lb + "/frontendIPConfigurations/fe-lb"))
                        .withProtocol(TransportProtocol.TCP).withFrontendPort(3389).withBackendPort(3389)))));
        Lab.done(net.getNetworkInterfaces().beginCreateOrUpdate("rg1", "test-nic", new NetworkInterfaceInner()
                .withLocation("eastus")
                .withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(lab.net("networkSecurityGroups", "myNSG")))
                .withIpConfigurations(List.of(new NetworkInterfaceIpConfigurationInner().withName("ipconfig1")
                        .withSubnet(new SubnetInner().withId(subnet))
                        .withPublicIpAddress(new PublicIpAddressInner().withId(lab.net("publicIPAddresses", "test-ip")))
                        .withLoadBalancerBackendAddressPools(List.of(
                                new BackendAddressPoolInner().withId(lb + "/backendAddressPools/be-lb")))))));
        Lab.done(lab.compute.serviceClient().getVirtualMachines().beginCreateOrUpdate("rg1", "myVM",
                lab.vmBody("myVM", "test-nic", false).withTags(Map.of("myTag1", "tagValue1"))));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** Where the simulator keeps the resource each GET example describes. */
    private static String simulatorPath(String example) {
        String rg = raw.sub() + "/resourceGroups/rg1";
        String net = rg + "/providers/Microsoft.Network/";
        return switch (example) {
            case "ResourceGroups_Get.json" -> rg + "?" + RawArm.RG_API;
            case "VirtualNetworkGet.json" -> net + "virtualNetworks/myVNet?" + RawArm.NET_API;
            case "SubnetGet.json" -> net + "virtualNetworks/myVNet/subnets/myBackendSubnet?" + RawArm.NET_API;
            case "PublicIpAddressGet.json" -> net + "publicIPAddresses/test-ip?" + RawArm.NET_API;
            case "BastionHostGet.json" -> net + "bastionHosts/myBastionHost?" + RawArm.NET_API;
            case "NetworkSecurityGroupGet.json" -> net + "networkSecurityGroups/myNSG?" + RawArm.NET_API;
            case "NetworkInterfaceGet.json" -> net + "networkInterfaces/test-nic?" + RawArm.NET_API;
            case "LoadBalancerGet.json" -> net + "loadBalancers/lb?" + RawArm.NET_API;
            case "LoadBalancerBackendAddressPoolGet.json" -> net + "loadBalancers/lb/backendAddressPools/be-lb?"
                    + RawArm.NET_API;
            case "VirtualMachine_Get.json" -> rg + "/providers/Microsoft.Compute/virtualMachines/myVM?"
                    + RawArm.COMPUTE_API;
            default -> throw new AssertionError("no simulator counterpart for GET example " + example);
        };
    }

    static Stream<String> getExamples() throws IOException, URISyntaxException {
        Path dir = Path.of(ExampleShapeTest.class.getResource("/sim/examples").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains("Get")).sorted().toList().stream();
        }
    }

    @Test
    void everyGetExampleIsCovered() throws Exception {
        assertThat(getExamples()).hasSize(10);
    }

    @ParameterizedTest
    @MethodSource("getExamples")
    void simulatorGetHasTheExamplesStructure(String example) throws IOException {
        JsonNode body;
        try (InputStream in = ExampleShapeTest.class.getResourceAsStream("/sim/examples/" + example)) {
            body = Json.MAPPER.readTree(in).path("responses").path("200").path("body");
        }
        RawArm.Response actual = raw.call("GET", simulatorPath(example), null);
        assertThat(actual.status()).isEqualTo(200);
        TreeSet<String> expected = paths(body);
        Map<String, String> skipped = NOT_SIMULATED.getOrDefault(example, Map.of());
        expected.removeIf(p -> skipped.keySet().stream().anyMatch(s -> p.equals(s) || p.startsWith(s + ".")
                || p.startsWith(s + "[]")));
        assertThat(paths(actual.json())).as(example + " vs simulator body " + actual.body()).containsAll(expected);
    }

    /** Property paths: {@code a.b}, arrays as {@code a[]} with the union of their elements' paths. */
    static TreeSet<String> paths(JsonNode node) {
        TreeSet<String> out = new TreeSet<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String prefix, TreeSet<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(path);
                collect(e.getValue(), path, out);
            });
        } else if (node.isArray()) {
            String path = prefix + "[]";
            out.add(path);
            for (JsonNode element : node) {
                if (element.isObject()) {
                    element.fields().forEachRemaining(e -> {
                        String p = path + "." + e.getKey();
                        out.add(p);
                        collect(e.getValue(), p, out);
                    });
                }
            }
        }
    }
}
