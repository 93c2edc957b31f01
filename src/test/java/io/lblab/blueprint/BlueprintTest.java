package io.lblab.blueprint;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.lblab.blueprint.BlueprintTestSupport.NAME;
import static io.lblab.blueprint.BlueprintTestSupport.NAMESPACE;
import static io.lblab.blueprint.BlueprintTestSupport.PASSWORD;
import static io.lblab.blueprint.BlueprintTestSupport.RESOURCE_GROUP;
import static io.lblab.blueprint.BlueprintTestSupport.SUBSCRIPTION;
import static io.lblab.blueprint.BlueprintTestSupport.UID;
import static io.lblab.blueprint.BlueprintTestSupport.blueprint;
import static io.lblab.blueprint.BlueprintTestSupport.child;
import static io.lblab.blueprint.BlueprintTestSupport.childNames;
import static io.lblab.blueprint.BlueprintTestSupport.defaults;
import static io.lblab.blueprint.BlueprintTestSupport.inputs;
import static io.lblab.blueprint.BlueprintTestSupport.names;
import static io.lblab.blueprint.BlueprintTestSupport.references;
import static io.lblab.blueprint.BlueprintTestSupport.resource;
import static io.lblab.blueprint.BlueprintTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** The desired-state graph of both modes against the sample's values ({@code shared/seed/PARAMETERS.md}). */
class BlueprintTest {

    private static final String RG_ID = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP;
    private static final String NET = RG_ID + "/providers/Microsoft.Network/";
    private static final String VNET_ID = NET + "virtualNetworks/myVNet";
    private static final String BACKEND_SUBNET_ID = VNET_ID + "/subnets/myBackendSubnet";
    private static final String BASTION_SUBNET_ID = VNET_ID + "/subnets/AzureBastionSubnet";
    private static final String LB_ID = NET + "loadBalancers/myLoadBalancer";
    private static final String POOL_ID = LB_ID + "/backendAddressPools/myBackEndPool";
    private static final String OUTBOUND_POOL_ID = LB_ID + "/backendAddressPools/myBackendPoolOutbound";
    private static final String NSG_ID = NET + "networkSecurityGroups/myNSG";

    private static final Pattern TOP_LEVEL_ID = Pattern.compile(
            "^/subscriptions/[0-9a-f-]{36}/resourceGroups/[-\\w.()]+/providers/Microsoft\\.(Network|Compute)/[A-Za-z]+/[-\\w.]+$");

    // ---------------------------------------------------------------- inventory

    @Test
    void publicModeHasTheSampleResources() {
        Blueprint blueprint = defaults(Mode.Public);
        assertThat(names(blueprint)).containsExactlyInAnyOrder(
                "myVNet", "myBastionIP", "myBastionHost", "myNSG", "myPublicIP", "myPublicIPOutbound", "myLoadBalancer",
                "myNicVM1", "myNicVM2", "myNicVM3", "myVM1", "myVM2", "myVM3");
        assertKinds(blueprint);
        assertThat(blueprint.subscriptionId()).isEqualTo(SUBSCRIPTION);
        assertThat(blueprint.resourceGroup()).isEqualTo(RESOURCE_GROUP);
        assertThat(blueprint.resourceGroupId()).isEqualTo(RG_ID);
        assertThat(blueprint.stepCount()).isEqualTo(14);
    }

    @Test
    void internalModeHasTheSampleResources() {
        Blueprint blueprint = defaults(Mode.Internal);
        assertThat(names(blueprint)).containsExactlyInAnyOrder(
                "myVNet", "myBastionIP", "myBastionHost", "myNSG", "myLoadBalancer",
                "myNicVM1", "myNicVM2", "myNicVM3", "myVM1", "myVM2", "myVM3", "myNicTestVM", "myTestVM");
        assertKinds(blueprint);
        // the only public IP is Bastion's
        assertThat(blueprint.resources()).filteredOn(r -> r.kind() == ResourceKind.PUBLIC_IP_ADDRESS)
                .extracting(DesiredResource::name).containsExactly("myBastionIP");
    }

    private static void assertKinds(Blueprint blueprint) {
        for (DesiredResource r : blueprint.resources()) {
            ResourceKind expected = r.name().equals("myVNet") ? ResourceKind.VIRTUAL_NETWORK
                    : r.name().endsWith("IP") || r.name().endsWith("IPOutbound") ? ResourceKind.PUBLIC_IP_ADDRESS
                    : r.name().equals("myBastionHost") ? ResourceKind.BASTION_HOST
                    : r.name().equals("myNSG") ? ResourceKind.NETWORK_SECURITY_GROUP
                    : r.name().startsWith("myNic") ? ResourceKind.NETWORK_INTERFACE
                    : r.name().equals("myLoadBalancer") ? ResourceKind.LOAD_BALANCER
                    : ResourceKind.VIRTUAL_MACHINE;
            assertThat(r.kind()).as(r.name()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyResourceIsInEastusWithAWellFormedId(Mode mode) {
        Blueprint blueprint = defaults(mode);
        assertThat(blueprint.location()).isEqualTo("eastus");
        Set<String> steps = new java.util.HashSet<>();
        for (DesiredResource r : blueprint.resources()) {
            assertThat(r.body().path("location").asText()).as(r.name()).isEqualTo("eastus");
            assertThat(r.id()).as(r.name()).matches(TOP_LEVEL_ID)
                    .isEqualTo(r.kind().resourceId(SUBSCRIPTION, RESOURCE_GROUP, r.name()))
                    .startsWith(RG_ID + "/providers/" + r.kind().armType() + "/")
                    .endsWith("/" + r.name());
            assertThat(ResourceIds.name(r.id())).isEqualTo(r.name());
            assertThat(blueprint.byId(r.id().toUpperCase())).contains(r);
            assertThat(blueprint.step(r.step())).contains(r);
            // name, id and type come from the URL, never the body
            assertThat(r.body().has("name")).as(r.name()).isFalse();
            assertThat(r.body().has("id")).as(r.name()).isFalse();
            assertThat(steps.add(r.step())).as("unique step " + r.step()).isTrue();
        }
    }

    // ---------------------------------------------------------------- network

    @ParameterizedTest
    @EnumSource(Mode.class)
    void virtualNetworkHasBothSubnets(Mode mode) {
        DesiredResource vnet = resource(defaults(mode), "myVNet");
        assertThat(vnet.step()).isEqualTo(Steps.VIRTUAL_NETWORK);
        JsonNode properties = vnet.body().path("properties");
        assertThat(properties.at("/addressSpace/addressPrefixes").toString()).isEqualTo("[\"10.1.0.0/16\"]");
        JsonNode subnets = properties.path("subnets");
        assertThat(childNames(subnets)).containsExactly("myBackendSubnet", "AzureBastionSubnet");
        assertThat(child(subnets, "myBackendSubnet").at("/properties/addressPrefix").asText()).isEqualTo("10.1.0.0/24");
        assertThat(child(subnets, "AzureBastionSubnet").at("/properties/addressPrefix").asText()).isEqualTo("10.1.1.0/24");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bastionHasAStandardStaticIpAndOneIpConfiguration(Mode mode) {
        Blueprint blueprint = defaults(mode);
        DesiredResource ip = resource(blueprint, "myBastionIP");
        assertStandardStaticPublicIp(ip);
        DesiredResource host = resource(blueprint, "myBastionHost");
        assertThat(host.step()).isEqualTo(Steps.BASTION_HOST);
        JsonNode configurations = host.body().at("/properties/ipConfigurations");
        assertThat(configurations.size()).isEqualTo(1);
        JsonNode configuration = configurations.get(0);
        assertThat(configuration.path("name").asText()).isNotBlank();
        assertThat(configuration.at("/properties/subnet/id").asText()).isEqualTo(BASTION_SUBNET_ID);
        assertThat(configuration.at("/properties/publicIPAddress/id").asText()).isEqualTo(ip.id());
        assertThat(host.dependsOn()).containsExactlyInAnyOrder(Steps.VIRTUAL_NETWORK, Steps.BASTION_PUBLIC_IP);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theCriticalPathIsTheBastionAndWhatItNeeds(Mode mode) {
        assertThat(defaults(mode).criticalPath()).containsExactlyInAnyOrder(Steps.RESOURCE_GROUP, Steps.VIRTUAL_NETWORK,
                Steps.BASTION_PUBLIC_IP, Steps.BASTION_HOST);
    }

    private static void assertStandardStaticPublicIp(DesiredResource ip) {
        assertThat(ip.kind()).isEqualTo(ResourceKind.PUBLIC_IP_ADDRESS);
        assertThat(ip.body().at("/sku/name").asText()).as(ip.name()).isEqualTo("Standard");
        assertThat(ip.body().at("/properties/publicIPAllocationMethod").asText()).as(ip.name()).isEqualTo("Static");
        assertThat(ip.dependsOn()).as(ip.name()).containsExactly(Steps.RESOURCE_GROUP);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void networkSecurityGroupAllowsHttpInbound(Mode mode) {
        DesiredResource nsg = resource(defaults(mode), "myNSG");
        assertThat(nsg.dependsOn()).containsExactly(Steps.RESOURCE_GROUP);
        JsonNode rules = nsg.body().at("/properties/securityRules");
        assertThat(childNames(rules)).containsExactly("myNSGRuleHTTP");
        JsonNode rule = child(rules, "myNSGRuleHTTP").path("properties");
        assertThat(rule.path("direction").asText()).isEqualTo("Inbound");
        assertThat(rule.path("access").asText()).isEqualTo("Allow");
        assertThat(rule.path("protocol").asText()).isEqualTo("*");
        assertThat(rule.path("sourceAddressPrefix").asText()).isEqualTo("*");
        assertThat(rule.path("sourcePortRange").asText()).isEqualTo("*");
        assertThat(rule.path("destinationAddressPrefix").asText()).isEqualTo("*");
        assertThat(rule.path("destinationPortRange").asText()).isEqualTo("80");
        assertThat(rule.path("priority").isInt()).isTrue();
        assertThat(rule.path("priority").asInt()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- NICs and VMs

    @Test
    void publicBackendNicsJoinBothPools() {
        Blueprint blueprint = defaults(Mode.Public);
        for (int i = 1; i <= 3; i++) {
            DesiredResource nic = resource(blueprint, "myNicVM" + i);
            assertBackendSubnetNic(nic);
            assertThat(poolIds(nic)).containsExactly(POOL_ID, OUTBOUND_POOL_ID);
            assertThat(nic.dependsOn()).containsExactlyInAnyOrder(Steps.VIRTUAL_NETWORK, Steps.NETWORK_SECURITY_GROUP, Steps.LOAD_BALANCER);
        }
    }

    @Test
    void internalBackendNicsJoinTheBackendPoolOnlyAndTheTestNicNoPool() {
        Blueprint blueprint = defaults(Mode.Internal);
        for (int i = 1; i <= 3; i++) {
            DesiredResource nic = resource(blueprint, "myNicVM" + i);
            assertBackendSubnetNic(nic);
            assertThat(poolIds(nic)).containsExactly(POOL_ID);
            assertThat(nic.dependsOn()).containsExactlyInAnyOrder(Steps.VIRTUAL_NETWORK, Steps.NETWORK_SECURITY_GROUP, Steps.LOAD_BALANCER);
        }
        DesiredResource testNic = resource(blueprint, "myNicTestVM");
        assertThat(testNic.step()).isEqualTo(Steps.TEST_NIC);
        assertBackendSubnetNic(testNic);
        assertThat(poolIds(testNic)).isEmpty();
        // not in a pool, so it need not wait for the load balancer
        assertThat(testNic.dependsOn()).containsExactlyInAnyOrder(Steps.VIRTUAL_NETWORK, Steps.NETWORK_SECURITY_GROUP);
    }

    private static void assertBackendSubnetNic(DesiredResource nic) {
        assertThat(nic.kind()).isEqualTo(ResourceKind.NETWORK_INTERFACE);
        JsonNode properties = nic.body().path("properties");
        assertThat(properties.path("enableAcceleratedNetworking").asBoolean(false)).as(nic.name()).isTrue();
        assertThat(properties.at("/networkSecurityGroup/id").asText()).as(nic.name()).isEqualTo(NSG_ID);
        JsonNode configurations = properties.path("ipConfigurations");
        assertThat(childNames(configurations)).as(nic.name()).containsExactly("ipconfig1");
        assertThat(child(configurations, "ipconfig1").at("/properties/subnet/id").asText()).as(nic.name())
                .isEqualTo(BACKEND_SUBNET_ID);
    }

    private static List<String> poolIds(DesiredResource nic) {
        List<String> ids = new ArrayList<>();
        child(nic.body().at("/properties/ipConfigurations"), "ipconfig1")
                .at("/properties/loadBalancerBackendAddressPools").forEach(p -> ids.add(p.path("id").asText()));
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void backendVmsHaveTheSampleShape(Mode mode) {
        Blueprint blueprint = defaults(mode);
        for (int i = 1; i <= 3; i++) {
            DesiredResource vm = resource(blueprint, "myVM" + i);
            DesiredResource nic = resource(blueprint, "myNicVM" + i);
            assertThat(vm.step()).isEqualTo(Steps.backendVm(i));
            assertThat(nic.step()).isEqualTo(Steps.backendNic(i));
            assertSampleVm(vm, nic, "myVMosdisk" + i);
        }
    }

    @Test
    void internalTestVmHasTheSameShapeOnTheTestNic() {
        Blueprint blueprint = defaults(Mode.Internal);
        DesiredResource vm = resource(blueprint, "myTestVM");
        assertThat(vm.step()).isEqualTo(Steps.TEST_VM);
        DesiredResource nic = resource(blueprint, "myNicTestVM");
        String osDisk = vm.body().at("/properties/storageProfile/osDisk/name").asText();
        assertSampleVm(vm, nic, osDisk);
        assertThat(osDisk).isNotBlank().isNotIn("myVMosdisk1", "myVMosdisk2", "myVMosdisk3");
    }

    private static void assertSampleVm(DesiredResource vm, DesiredResource nic, String osDiskName) {
        assertThat(vm.kind()).isEqualTo(ResourceKind.VIRTUAL_MACHINE);
        assertThat(vm.id()).startsWith(RG_ID + "/providers/Microsoft.Compute/virtualMachines/");
        JsonNode p = vm.body().path("properties");
        assertThat(p.at("/hardwareProfile/vmSize").asText()).isEqualTo("Standard_D2_v2");
        JsonNode image = p.at("/storageProfile/imageReference");
        assertThat(image.path("publisher").asText()).isEqualTo("MicrosoftWindowsServer");
        assertThat(image.path("offer").asText()).isEqualTo("WindowsServer");
        assertThat(image.path("sku").asText()).isEqualTo("2019-Datacenter");
        assertThat(image.path("version").asText()).isEqualTo("latest");
        JsonNode osDisk = p.at("/storageProfile/osDisk");
        assertThat(osDisk.path("name").asText()).isEqualTo(osDiskName);
        assertThat(osDisk.path("caching").asText()).isEqualTo("ReadWrite");
        assertThat(osDisk.path("createOption").asText()).isEqualTo("FromImage");
        assertThat(osDisk.at("/managedDisk/storageAccountType").asText()).isEqualTo("Standard_LRS");
        assertThat(osDisk.path("deleteOption").asText()).isEqualTo("Delete");
        JsonNode dataDisks = p.at("/storageProfile/dataDisks");
        assertThat(dataDisks.size()).isEqualTo(1);
        assertThat(dataDisks.get(0).path("lun").isInt()).isTrue();
        assertThat(dataDisks.get(0).path("lun").asInt(-1)).isZero();
        assertThat(dataDisks.get(0).path("diskSizeGB").asInt()).isEqualTo(1023);
        assertThat(dataDisks.get(0).path("createOption").asText()).isEqualTo("Empty");
        assertThat(dataDisks.get(0).path("deleteOption").asText()).isEqualTo("Delete");
        JsonNode os = p.path("osProfile");
        assertThat(os.path("computerName").asText()).isEqualTo(vm.name());
        assertThat(os.path("adminUsername").asText()).isEqualTo("azureuser");
        assertThat(os.path("adminPassword").asText()).isEqualTo(PASSWORD);
        assertThat(os.at("/windowsConfiguration/enableAutomaticUpdates").asBoolean(false)).isTrue();
        JsonNode nics = p.at("/networkProfile/networkInterfaces");
        assertThat(nics.size()).isEqualTo(1);
        assertThat(nics.get(0).path("id").asText()).isEqualTo(nic.id());
        assertThat(nics.get(0).at("/properties/primary").asBoolean(false)).isTrue();
        assertThat(nics.get(0).at("/properties/deleteOption").asText()).isEqualTo("Delete");
        assertThat(vm.dependsOn()).containsExactly(nic.step());
        // the password is sent on create only: never compared, never echoed back in an update
        assertThat(vm.createOnlyPaths()).anySatisfy(path ->
                assertThat("properties.osProfile.adminPassword").satisfiesAnyOf(
                        full -> assertThat(full).isEqualTo(path),
                        full -> assertThat(full).startsWith(path + ".")));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyVmHasItsOwnComputerNameAndDisk(Mode mode) {
        Blueprint blueprint = blueprint(spec("mode: " + mode + "\nbackends: {count: 10}\n"));
        List<DesiredResource> vms = blueprint.resources().stream().filter(r -> r.kind() == ResourceKind.VIRTUAL_MACHINE).toList();
        assertThat(vms).hasSize(mode == Mode.Internal ? 11 : 10);
        assertThat(vms.stream().map(vm -> vm.body().at("/properties/osProfile/computerName").asText()))
                .doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(15)); // Windows NetBIOS limit
        assertThat(vms.stream().map(vm -> vm.body().at("/properties/storageProfile/osDisk/name").asText()))
                .doesNotHaveDuplicates();
        assertThat(vms.stream().map(vm -> vm.body().at("/properties/networkProfile/networkInterfaces/0/id").asText()))
                .doesNotHaveDuplicates();
    }

    // ---------------------------------------------------------------- load balancer

    @Test
    void publicLoadBalancerIsOneWholePut() {
        Blueprint blueprint = defaults(Mode.Public);
        DesiredResource lbIp = resource(blueprint, "myPublicIP");
        DesiredResource outboundIp = resource(blueprint, "myPublicIPOutbound");
        assertStandardStaticPublicIp(lbIp);
        assertStandardStaticPublicIp(outboundIp);
        assertThat(lbIp.step()).isEqualTo(Steps.LB_PUBLIC_IP);
        assertThat(outboundIp.step()).isEqualTo(Steps.OUTBOUND_PUBLIC_IP);

        DesiredResource lb = resource(blueprint, "myLoadBalancer");
        assertThat(lb.body().at("/sku/name").asText()).isEqualTo("Standard");
        JsonNode p = lb.body().path("properties");
        assertThat(childNames(p.path("frontendIPConfigurations"))).containsExactly("myFrontEnd", "myFrontEndOutbound");
        assertThat(child(p.path("frontendIPConfigurations"), "myFrontEnd").at("/properties/publicIPAddress/id").asText())
                .isEqualTo(lbIp.id());
        assertThat(child(p.path("frontendIPConfigurations"), "myFrontEnd").at("/properties/subnet").isMissingNode()).isTrue();
        assertThat(child(p.path("frontendIPConfigurations"), "myFrontEndOutbound").at("/properties/publicIPAddress/id").asText())
                .isEqualTo(outboundIp.id());
        assertThat(childNames(p.path("backendAddressPools"))).containsExactly("myBackEndPool", "myBackendPoolOutbound");
        assertSampleProbeAndRule(p);
        assertThat(child(p.path("loadBalancingRules"), "myHTTPRule").at("/properties/disableOutboundSnat").asBoolean(false)).isTrue();

        assertThat(childNames(p.path("outboundRules"))).containsExactly("myOutboundRule");
        JsonNode outbound = child(p.path("outboundRules"), "myOutboundRule").path("properties");
        assertThat(outbound.path("frontendIPConfigurations").size()).isEqualTo(1);
        assertThat(outbound.at("/frontendIPConfigurations/0/id").asText()).isEqualTo(LB_ID + "/frontendIPConfigurations/myFrontEndOutbound");
        assertThat(outbound.at("/backendAddressPool/id").asText()).isEqualTo(OUTBOUND_POOL_ID);
        assertThat(outbound.path("protocol").asText()).isEqualTo("All");
        assertThat(outbound.path("idleTimeoutInMinutes").asInt()).isEqualTo(15);
        assertThat(outbound.path("allocatedOutboundPorts").asInt()).isEqualTo(10000);
        assertThat(lb.dependsOn()).containsExactlyInAnyOrder(Steps.LB_PUBLIC_IP, Steps.OUTBOUND_PUBLIC_IP);
    }

    @Test
    void internalLoadBalancerHasAPrivateFrontendAndNoOutbound() {
        Blueprint blueprint = defaults(Mode.Internal);
        DesiredResource lb = resource(blueprint, "myLoadBalancer");
        assertThat(lb.body().at("/sku/name").asText()).isEqualTo("Standard");
        JsonNode p = lb.body().path("properties");
        assertThat(childNames(p.path("frontendIPConfigurations"))).containsExactly("myFrontEnd");
        JsonNode frontend = child(p.path("frontendIPConfigurations"), "myFrontEnd").path("properties");
        assertThat(frontend.path("privateIPAllocationMethod").asText()).isEqualTo("Dynamic");
        assertThat(frontend.at("/subnet/id").asText()).isEqualTo(BACKEND_SUBNET_ID);
        assertThat(frontend.has("publicIPAddress")).isFalse();
        assertThat(childNames(p.path("backendAddressPools"))).containsExactly("myBackEndPool");
        assertSampleProbeAndRule(p);
        assertThat(child(p.path("loadBalancingRules"), "myHTTPRule").at("/properties/disableOutboundSnat").asBoolean(false)).isFalse();
        assertThat(p.has("outboundRules")).isFalse();
        assertThat(lb.dependsOn()).containsExactly(Steps.VIRTUAL_NETWORK);
    }

    private static void assertSampleProbeAndRule(JsonNode lbProperties) {
        assertThat(childNames(lbProperties.path("probes"))).containsExactly("myHealthProbe");
        JsonNode probe = child(lbProperties.path("probes"), "myHealthProbe").path("properties");
        assertThat(probe.path("protocol").asText()).isEqualTo("Tcp");
        assertThat(probe.path("port").asInt()).isEqualTo(80);
        assertThat(probe.has("requestPath")).isFalse();
        assertThat(childNames(lbProperties.path("loadBalancingRules"))).containsExactly("myHTTPRule");
        JsonNode rule = child(lbProperties.path("loadBalancingRules"), "myHTTPRule").path("properties");
        assertThat(rule.path("protocol").asText()).isEqualTo("Tcp");
        assertThat(rule.path("frontendPort").asInt()).isEqualTo(80);
        assertThat(rule.path("backendPort").asInt()).isEqualTo(80);
        assertThat(rule.path("idleTimeoutInMinutes").asInt()).isEqualTo(15);
        assertThat(rule.path("enableFloatingIP").isBoolean()).isTrue();
        assertThat(rule.path("enableFloatingIP").asBoolean()).isTrue();
        assertThat(rule.at("/frontendIPConfiguration/id").asText()).isEqualTo(LB_ID + "/frontendIPConfigurations/myFrontEnd");
        assertThat(rule.at("/backendAddressPool/id").asText()).isEqualTo(POOL_ID);
        assertThat(rule.at("/probe/id").asText()).isEqualTo(LB_ID + "/probes/myHealthProbe");
    }

    // ---------------------------------------------------------------- graph

    @Test
    void publicDependencyEdges() {
        Blueprint blueprint = defaults(Mode.Public);
        Map<String, Set<String>> edges = edges(blueprint);
        assertThat(edges.get("myVNet")).containsExactly("resource-group");
        assertThat(edges.get("myBastionIP")).containsExactly("resource-group");
        assertThat(edges.get("myBastionHost")).containsExactlyInAnyOrder("myVNet", "myBastionIP");
        assertThat(edges.get("myNSG")).containsExactly("resource-group");
        assertThat(edges.get("myPublicIP")).containsExactly("resource-group");
        assertThat(edges.get("myPublicIPOutbound")).containsExactly("resource-group");
        assertThat(edges.get("myLoadBalancer")).containsExactlyInAnyOrder("myPublicIP", "myPublicIPOutbound");
        for (int i = 1; i <= 3; i++) {
            assertThat(edges.get("myNicVM" + i)).containsExactlyInAnyOrder("myVNet", "myNSG", "myLoadBalancer");
            assertThat(edges.get("myVM" + i)).containsExactly("myNicVM" + i);
        }
    }

    @Test
    void internalDependencyEdges() {
        Blueprint blueprint = defaults(Mode.Internal);
        Map<String, Set<String>> edges = edges(blueprint);
        assertThat(edges.get("myVNet")).containsExactly("resource-group");
        assertThat(edges.get("myBastionHost")).containsExactlyInAnyOrder("myVNet", "myBastionIP");
        assertThat(edges.get("myLoadBalancer")).containsExactly("myVNet");
        for (int i = 1; i <= 3; i++) {
            assertThat(edges.get("myNicVM" + i)).containsExactlyInAnyOrder("myVNet", "myNSG", "myLoadBalancer");
            assertThat(edges.get("myVM" + i)).containsExactly("myNicVM" + i);
        }
        assertThat(edges.get("myNicTestVM")).containsExactlyInAnyOrder("myVNet", "myNSG");
        assertThat(edges.get("myTestVM")).containsExactly("myNicTestVM");
    }

    /** resource name → names of what it depends on ({@code resource-group} for the group). */
    private static Map<String, Set<String>> edges(Blueprint blueprint) {
        Map<String, String> nameOfStep = new HashMap<>();
        nameOfStep.put(Steps.RESOURCE_GROUP, "resource-group");
        blueprint.resources().forEach(r -> nameOfStep.put(r.step(), r.name()));
        Map<String, Set<String>> edges = new HashMap<>();
        for (DesiredResource r : blueprint.resources()) {
            edges.put(r.name(), r.dependsOn().stream().map(d -> {
                assertThat(nameOfStep).as(r.name() + " depends on unknown step").containsKey(d);
                return nameOfStep.get(d);
            }).collect(Collectors.toSet()));
        }
        return edges;
    }

    /**
     * Every id inside a body names a resource of the blueprint or a child its body defines, and the resource
     * holding the reference waits for the referenced one (else ARM answers InvalidResourceReference).
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyReferenceResolvesInsideTheBlueprintAndIsADependency(Mode mode) {
        for (LoadBalancerLabSpec spec : List.of(LoadBalancerLabSpec.of(mode),
                spec("mode: " + mode + "\nbastion: {enabled: false}\nbackends: {count: 1}\n"))) {
            Blueprint blueprint = blueprint(spec);
            int resolved = 0;
            for (DesiredResource r : blueprint.resources()) {
                for (Map.Entry<String, String> reference : references(r.body())) {
                    DesiredResource target = resolve(blueprint, reference.getValue());
                    assertThat(target).as(r.name() + " " + reference.getKey() + " -> " + reference.getValue()).isNotNull();
                    if (target != r) {
                        assertThat(r.dependsOn()).as(r.name() + " references " + target.name()).contains(target.step());
                    }
                    resolved++;
                }
            }
            assertThat(resolved).isGreaterThan(10);
        }
    }

    /** The resource that holds the id (itself, or the parent whose body defines the child), or null. */
    private static DesiredResource resolve(Blueprint blueprint, String id) {
        var exact = blueprint.byId(id);
        if (exact.isPresent()) {
            return exact.get();
        }
        String[] segments = id.split("/");
        if (segments.length != 11) {
            return null;
        }
        String parentId = String.join("/", java.util.Arrays.copyOf(segments, 9));
        DesiredResource parent = blueprint.byId(parentId).orElse(null);
        if (parent == null) {
            return null;
        }
        JsonNode children = parent.body().path("properties").path(segments[9]);
        for (JsonNode element : children) {
            if (segments[10].equals(element.path("name").asText())) {
                return parent;
            }
        }
        return null;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void criticalPathIsResourceGroupVnetBastion(Mode mode) {
        Blueprint blueprint = defaults(mode);
        assertThat(criticalPath(blueprint)).containsExactly(Steps.RESOURCE_GROUP, Steps.VIRTUAL_NETWORK, Steps.BASTION_HOST);
        // nothing waits for Bastion: the backends run beside its ten minutes, not after them
        assertThat(blueprint.resources()).noneMatch(r -> r.dependsOn().contains(Steps.BASTION_HOST));
    }

    @Test
    void withoutBastionTheCriticalPathRunsThroughTheVms() {
        Blueprint blueprint = blueprint(spec("mode: Public\nbastion: {enabled: false}\n"));
        assertThat(criticalPath(blueprint)).containsExactly(Steps.RESOURCE_GROUP, Steps.VIRTUAL_NETWORK,
                Steps.backendNic(1), Steps.backendVm(1));
    }

    /** Longest chain by typical Azure create time (shared/arm/TIMINGS.md), ties to the first in blueprint order. */
    private static List<String> criticalPath(Blueprint blueprint) {
        Map<ResourceKind, Integer> seconds = Map.of(ResourceKind.VIRTUAL_NETWORK, 15, ResourceKind.PUBLIC_IP_ADDRESS, 4,
                ResourceKind.NETWORK_SECURITY_GROUP, 5, ResourceKind.LOAD_BALANCER, 4, ResourceKind.NETWORK_INTERFACE, 5,
                ResourceKind.BASTION_HOST, 600, ResourceKind.VIRTUAL_MACHINE, 180);
        Map<String, Integer> finish = new HashMap<>(Map.of(Steps.RESOURCE_GROUP, 2));
        Map<String, String> previous = new HashMap<>();
        for (DesiredResource r : blueprint.resources()) {
            String slowest = r.dependsOn().stream().sorted().max((a, b) -> Integer.compare(finish.get(a), finish.get(b))).orElseThrow();
            previous.put(r.step(), slowest);
            finish.put(r.step(), finish.get(slowest) + seconds.get(r.kind()));
        }
        String last = blueprint.resources().stream().map(DesiredResource::step)
                .reduce((a, b) -> finish.get(b) > finish.get(a) ? b : a).orElseThrow();
        LinkedList<String> path = new LinkedList<>();
        for (String step = last; step != null; step = previous.get(step)) {
            path.addFirst(step);
        }
        return path;
    }

    // ---------------------------------------------------------------- tags

    @ParameterizedTest
    @EnumSource(Mode.class)
    void resourceGroupIsTaggedAsOwnedAndUserTagsReachEveryResource(Mode mode) {
        Blueprint blueprint = blueprint(spec("mode: " + mode + "\ntags: {team: net, cost-center: \"42\"}\n"));
        assertThat(blueprint.resourceGroupTags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "lblab.io/owner-uid", UID,
                "lblab.io/owner", NAMESPACE + "/" + NAME,
                "lblab.io/mode", mode.name(),
                "lblab.io/managed-by", "lblab-operator",
                "lblab.io/tags", "cost-center,team",
                "team", "net",
                "cost-center", "42"));
        for (DesiredResource r : blueprint.resources()) {
            JsonNode tags = r.body().path("tags");
            assertThat(tags.path("team").asText()).as(r.name()).isEqualTo("net");
            assertThat(tags.path("cost-center").asText()).as(r.name()).isEqualTo("42");
            assertThat(tags.path("lblab.io/managed-by").asText()).as(r.name()).isEqualTo("lblab-operator");
            assertThat(tags.path("lblab.io/tags").asText()).as(r.name()).isEqualTo("cost-center,team");
            assertThat(tags.size()).as(r.name()).isEqualTo(4);
        }
    }

    /** No user tags, no record: a lab without tags has the same bodies as before the record existed. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void withoutUserTagsThereIsNoRecord(Mode mode) {
        Blueprint blueprint = defaults(mode);
        assertThat(blueprint.resourceGroupTags()).doesNotContainKey("lblab.io/tags");
        for (DesiredResource r : blueprint.resources()) {
            assertThat(OwnedTags.asMap(r.body().path("tags"))).as(r.name())
                    .containsExactlyEntriesOf(Map.of("lblab.io/managed-by", "lblab-operator"));
        }
    }

    /** The most tags the spec allows, with the longest names Azure allows: still within Azure's limits everywhere. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void fortyLongTagsStayWithinAzuresLimits(Mode mode) {
        StringBuilder yaml = new StringBuilder("mode: " + mode + "\ntags:\n");
        for (int i = 0; i < 40; i++) {
            yaml.append("  ").append(String.format("%03d", i)).append("k".repeat(509)).append(": v\n");
        }
        Blueprint blueprint = blueprint(spec(yaml.toString()));
        assertThat(blueprint.resourceGroupTags()).hasSizeLessThanOrEqualTo(OwnedTags.MAX_TAGS);
        assertThat(blueprint.resourceGroupTags().get("lblab.io/tags")).startsWith("sha256:").hasSizeLessThanOrEqualTo(256);
        for (DesiredResource r : blueprint.resources()) {
            Map<String, String> tags = OwnedTags.asMap(r.body().path("tags"));
            assertThat(tags).as(r.name()).hasSize(42);
            assertThat(tags.values()).as(r.name()).allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(256));
            assertThat(tags.keySet()).filteredOn(k -> !k.startsWith("lblab.io/"))
                    .allSatisfy(k -> assertThat(OwnedTags.recorded(tags.get("lblab.io/tags"), k)).as(k).isTrue());
        }
    }

    @Test
    void configuredResourceGroupNameIsUsedInEveryId() {
        Blueprint blueprint = blueprint(spec("mode: Public\nresourceGroupName: My.Lab-RG_(1)\n"));
        assertThat(blueprint.resourceGroup()).isEqualTo("My.Lab-RG_(1)");
        assertThat(blueprint.resources()).allSatisfy(r -> {
            assertThat(r.id()).startsWith("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/My.Lab-RG_(1)/providers/");
            references(r.body()).forEach(ref -> assertThat(ref.getValue()).contains("/resourceGroups/My.Lab-RG_(1)/"));
        });
    }

    // ---------------------------------------------------------------- options

    @ParameterizedTest
    @EnumSource(Mode.class)
    void backendCountScalesNicsVmsAndPoolMembership(Mode mode) {
        Blueprint one = blueprint(spec("mode: " + mode + "\nbackends: {count: 1}\n"));
        assertThat(names(one)).contains("myNicVM1", "myVM1").doesNotContain("myNicVM2", "myVM2");
        Blueprint ten = blueprint(spec("mode: " + mode + "\nbackends: {count: 10}\n"));
        List<String> expected = IntStream.rangeClosed(1, 10).boxed()
                .flatMap(i -> java.util.stream.Stream.of("myNicVM" + i, "myVM" + i)).toList();
        assertThat(names(ten)).containsAll(expected).doesNotContain("myNicVM11", "myVM11");
        assertThat(ten.resources()).filteredOn(r -> r.name().startsWith("myNicVM"))
                .allSatisfy(nic -> assertThat(poolIds(nic)).contains(POOL_ID));
        assertThat(resource(ten, "myVM10").body().at("/properties/storageProfile/osDisk/name").asText()).isEqualTo("myVMosdisk10");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bastionDisabledLeavesOutItsIpHostAndSubnet(Mode mode) {
        Blueprint blueprint = blueprint(spec("mode: " + mode + "\nbastion: {enabled: false}\n"));
        assertThat(names(blueprint)).doesNotContain("myBastionIP", "myBastionHost");
        assertThat(blueprint.step(Steps.BASTION_HOST)).isEmpty();
        assertThat(blueprint.step(Steps.BASTION_PUBLIC_IP)).isEmpty();
        assertThat(childNames(resource(blueprint, "myVNet").body().at("/properties/subnets"))).containsExactly("myBackendSubnet");
        assertThat(blueprint.resources()).allSatisfy(r ->
                assertThat(r.body().toString()).as(r.name()).doesNotContain("AzureBastionSubnet", "myBastion"));
    }

    @Test
    void outboundDisabledLeavesOutItsIpFrontendPoolAndRule() {
        Blueprint blueprint = blueprint(spec("mode: Public\nloadBalancer: {outbound: {enabled: false}}\n"));
        assertThat(names(blueprint)).doesNotContain("myPublicIPOutbound");
        assertThat(blueprint.step(Steps.OUTBOUND_PUBLIC_IP)).isEmpty();
        DesiredResource lb = resource(blueprint, "myLoadBalancer");
        JsonNode p = lb.body().path("properties");
        assertThat(childNames(p.path("frontendIPConfigurations"))).containsExactly("myFrontEnd");
        assertThat(childNames(p.path("backendAddressPools"))).containsExactly("myBackEndPool");
        assertThat(childNames(p.path("outboundRules"))).isEmpty();
        // the load-balancing rule must keep SNAT: it is the backends' only way out
        assertThat(child(p.path("loadBalancingRules"), "myHTTPRule").at("/properties/disableOutboundSnat").asBoolean(false)).isFalse();
        assertThat(lb.dependsOn()).containsExactly(Steps.LB_PUBLIC_IP);
        for (int i = 1; i <= 3; i++) {
            assertThat(poolIds(resource(blueprint, "myNicVM" + i))).containsExactly(POOL_ID);
        }
        assertThat(blueprint.resources()).allSatisfy(r -> assertThat(r.body().toString()).as(r.name())
                .doesNotContain("myPublicIPOutbound", "myFrontEndOutbound", "myBackendPoolOutbound", "myOutboundRule"));
    }

    @Test
    void internalTestVmCanBeDisabled() {
        Blueprint blueprint = blueprint(spec("mode: Internal\ntestVm: {enabled: false}\n"));
        assertThat(names(blueprint)).doesNotContain("myNicTestVM", "myTestVM");
        assertThat(blueprint.step(Steps.TEST_NIC)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void httpProbeCarriesItsRequestPath(Mode mode) {
        Blueprint blueprint = blueprint(spec("mode: " + mode + "\nloadBalancer: {probe: {protocol: Http, port: 8080, requestPath: /healthz}}\n"));
        JsonNode probe = child(resource(blueprint, "myLoadBalancer").body().at("/properties/probes"), "myHealthProbe").path("properties");
        assertThat(probe.path("protocol").asText()).isEqualTo("Http");
        assertThat(probe.path("port").asInt()).isEqualTo(8080);
        assertThat(probe.path("requestPath").asText()).isEqualTo("/healthz");
    }

    @Test
    void customValuesReachTheBodies() {
        Blueprint blueprint = blueprint(spec("""
                mode: Public
                location: westeurope
                network: {addressSpace: 10.20.0.0/16, backendSubnet: 10.20.5.0/24, bastionSubnet: 10.20.6.0/26}
                backends:
                  count: 2
                  vmSize: Standard_B2s
                  image: {publisher: Canonical, offer: ubuntu-24_04-lts, sku: server, version: 24.04.202404230}
                  adminUsername: labadmin
                loadBalancer:
                  frontendPort: 8080
                  backendPort: 8081
                  idleTimeoutMinutes: 4
                  enableFloatingIP: false
                  outbound: {allocatedOutboundPorts: 2048, idleTimeoutMinutes: 30}
                firewall: {port: 443, sourceAddressPrefix: 203.0.113.0/24}
                """));
        assertThat(blueprint.location()).isEqualTo("westeurope");
        assertThat(blueprint.resources()).allSatisfy(r -> assertThat(r.body().path("location").asText()).isEqualTo("westeurope"));

        JsonNode vnet = resource(blueprint, "myVNet").body().path("properties");
        assertThat(vnet.at("/addressSpace/addressPrefixes/0").asText()).isEqualTo("10.20.0.0/16");
        assertThat(child(vnet.path("subnets"), "myBackendSubnet").at("/properties/addressPrefix").asText()).isEqualTo("10.20.5.0/24");
        assertThat(child(vnet.path("subnets"), "AzureBastionSubnet").at("/properties/addressPrefix").asText()).isEqualTo("10.20.6.0/26");

        JsonNode vm = resource(blueprint, "myVM2").body().path("properties");
        assertThat(vm.at("/hardwareProfile/vmSize").asText()).isEqualTo("Standard_B2s");
        assertThat(vm.at("/storageProfile/imageReference/publisher").asText()).isEqualTo("Canonical");
        assertThat(vm.at("/storageProfile/imageReference/offer").asText()).isEqualTo("ubuntu-24_04-lts");
        assertThat(vm.at("/storageProfile/imageReference/sku").asText()).isEqualTo("server");
        assertThat(vm.at("/storageProfile/imageReference/version").asText()).isEqualTo("24.04.202404230");
        assertThat(vm.at("/osProfile/adminUsername").asText()).isEqualTo("labadmin");
        assertThat(names(blueprint)).doesNotContain("myVM3");

        JsonNode lb = resource(blueprint, "myLoadBalancer").body().path("properties");
        JsonNode rule = child(lb.path("loadBalancingRules"), "myHTTPRule").path("properties");
        assertThat(rule.path("frontendPort").asInt()).isEqualTo(8080);
        assertThat(rule.path("backendPort").asInt()).isEqualTo(8081);
        assertThat(rule.path("idleTimeoutInMinutes").asInt()).isEqualTo(4);
        assertThat(rule.path("enableFloatingIP").isBoolean()).isTrue();
        assertThat(rule.path("enableFloatingIP").asBoolean()).isFalse();
        JsonNode outbound = child(lb.path("outboundRules"), "myOutboundRule").path("properties");
        assertThat(outbound.path("allocatedOutboundPorts").asInt()).isEqualTo(2048);
        assertThat(outbound.path("idleTimeoutInMinutes").asInt()).isEqualTo(30);

        JsonNode nsgRule = child(resource(blueprint, "myNSG").body().at("/properties/securityRules"), "myNSGRuleHTTP").path("properties");
        assertThat(nsgRule.path("destinationPortRange").asText()).isEqualTo("443");
        assertThat(nsgRule.path("sourceAddressPrefix").asText()).isEqualTo("203.0.113.0/24");
        // the rest of the rule keeps the sample's values
        assertThat(nsgRule.path("sourcePortRange").asText()).isEqualTo("*");
        assertThat(nsgRule.path("priority").asInt()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- purity and secrets

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sameInputsGiveEqualGraphs(Mode mode) {
        BlueprintInputs inputs = inputs(LoadBalancerLabSpec.of(mode));
        Blueprint first = Blueprints.of(inputs);
        String before = first.resources().stream().map(r -> r.body().toString()).collect(Collectors.joining("\n"));
        Blueprint second = Blueprints.of(inputs);
        assertThat(second.resources()).hasSameSizeAs(first.resources());
        for (int i = 0; i < first.resources().size(); i++) {
            DesiredResource a = first.resources().get(i);
            DesiredResource b = second.resources().get(i);
            assertThat(b.step()).isEqualTo(a.step());
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(b.kind()).isEqualTo(a.kind());
            assertThat(b.body()).isEqualTo(a.body());
            assertThat(b.body()).isNotSameAs(a.body());
            assertThat(b.dependsOn()).isEqualTo(a.dependsOn());
            assertThat(b.createOnlyPaths()).isEqualTo(a.createOnlyPaths());
        }
        assertThat(second.resourceGroupTags()).isEqualTo(first.resourceGroupTags());
        // building again did not disturb the first graph
        assertThat(first.resources().stream().map(r -> r.body().toString()).collect(Collectors.joining("\n"))).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void passwordNeverAppearsInToString(Mode mode) {
        BlueprintInputs inputs = inputs(LoadBalancerLabSpec.of(mode));
        assertThat(inputs.toString()).doesNotContain(PASSWORD);
        Blueprint blueprint = Blueprints.of(inputs);
        assertThat(blueprint.resources()).allSatisfy(r -> assertThat(r.toString()).doesNotContain(PASSWORD));
        assertThat(blueprint.toString()).doesNotContain(PASSWORD);
        // ...while the VM bodies do carry it, so the check above is not vacuous
        assertThat(resource(blueprint, "myVM1").body().toString()).contains(PASSWORD);
    }
}
