package io.lblab.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays requests of Microsoft's official {@code x-ms-examples} (copied to
 * {@code src/test/resources/arm-examples}, sources in its INDEX.md) against the simulator, raw, as
 * an acceptance check built from them would: the example's path parameters fill the operation's
 * URL, its body is sent unchanged except for the subscription id in references, and the resources
 * the example refers to are created first. The answer must carry a status the example documents,
 * and the resource's final state the example's name, id, type, every value the request sent
 * (ARM echoes them) and every field of the example's response, except the few listed per example
 * with the reason.
 */
class OfficialExamplesTest {
    static final String NET = "Microsoft.Network/";
    static ArmSimulator sim;
    static RawArm raw;

    /**
     * One replayed example.
     *
     * @param file       the example file in arm-examples
     * @param method     the HTTP method of its operation
     * @param template   the operation's path under the subscription, {name}s from the example's parameters
     * @param setup      creates what the example references (after the resource group)
     * @param statuses   statuses the replay must get (a subset of the example's documented ones)
     * @param notEchoed  request paths ARM does not echo unchanged, with the reason
     * @param notSimulated response paths of the example the simulator leaves out, with the reason
     * @param refused    when the simulator refuses the example as ARM would: the error code
     */
    record Case(String file, String method, String template, Consumer<OfficialExamplesTest> setup,
                Set<Integer> statuses, Map<String, String> notEchoed, Map<String, String> notSimulated,
                String refused, String adaptation, BiConsumer<JsonNode, ObjectNode> adapt) {
        Case notEchoed(String path, String reason) {
            Map<String, String> m = new LinkedHashMap<>(notEchoed);
            m.put(path, reason);
            return new Case(file, method, template, setup, statuses, m, notSimulated, refused, adaptation, adapt);
        }

        Case notSimulated(String path, String reason) {
            Map<String, String> m = new LinkedHashMap<>(notSimulated);
            m.put(path, reason);
            return new Case(file, method, template, setup, statuses, notEchoed, m, refused, adaptation, adapt);
        }

        Case refusedWith(String code) {
            return new Case(file, method, template, setup, statuses, notEchoed, notSimulated, code, adaptation, adapt);
        }

        /** The example corrected where real ARM would refuse it as published (the reason in {@code why}). */
        Case adapted(String why, BiConsumer<JsonNode, ObjectNode> change) {
            return new Case(file, method, template, setup, statuses, notEchoed, notSimulated, null, why, change);
        }

        @Override
        public String toString() {
            return adaptation == null ? file : file + " (adapted: " + adaptation + ")";
        }
    }

    static Case put(String file, String template, Consumer<OfficialExamplesTest> setup) {
        return new Case(file, "PUT", template, setup, Set.of(200, 201), Map.of(), Map.of(), null, null, null);
    }

    static Case call(String file, String method, String template, Consumer<OfficialExamplesTest> setup,
                     Integer... statuses) {
        return new Case(file, method, template, setup, Set.of(statuses), Map.of(), Map.of(), null, null, null);
    }

    static final String RG = "/resourceGroups/{resourceGroupName}";
    static final String NET_RG = RG + "/providers/Microsoft.Network/";
    static final String VNET = NET_RG + "virtualNetworks/{virtualNetworkName}";
    static final String PIP = NET_RG + "publicIPAddresses/{publicIpAddressName}";
    static final String NSG = NET_RG + "networkSecurityGroups/{networkSecurityGroupName}";
    static final String LB = NET_RG + "loadBalancers/{loadBalancerName}";
    static final String NIC = NET_RG + "networkInterfaces/{networkInterfaceName}";
    static final String BASTION = NET_RG + "bastionHosts/{bastionHostName}";
    static final String VM = RG + "/providers/Microsoft.Compute/virtualMachines/{vmName}";

    static final String SERVER_FIELD = "a server-computed field the simulator does not model";

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // ---- virtual networks and subnets
        c.add(put("VirtualNetworkCreate.json", VNET, t -> t.group("rg1")));
        c.add(put("VirtualNetworkCreateSubnetWithAddressPrefixes.json", VNET, t -> t.group("rg1")));
        c.add(put("VirtualNetworkCreateServiceEndpoints.json", VNET, t -> t.group("vnetTest"))
                .notSimulated("properties.subnets[].properties.ipConfigurations", "an empty list is left out, as in "
                        + "the newer examples (SubnetCreate, VirtualNetworkGet); this older one shows []")
                .notSimulated("properties.subnets[].properties.resourceNavigationLinks",
                        "resource navigation links are not simulated"));
        c.add(put("VirtualNetworkCreateSubnetWithDelegation.json", VNET, t -> t.group("rg1"))
                .notSimulated("properties.subnets[].properties.purpose", SERVER_FIELD));
        c.add(put("VirtualNetworkCreateWithBgpCommunities.json", VNET, t -> t.group("rg1"))
                .notSimulated("properties.bgpCommunities.regionalCommunity", SERVER_FIELD));
        c.add(put("VirtualNetworkCreateWithIpamPool.json", VNET, t -> t.group("rg1"))
                .refusedWith("InvalidResourceReference"));
        c.add(put("SubnetCreate.json", VNET + "/subnets/{subnetName}",
                t -> t.group("subnet-test").vnet("subnet-test", "vnetname", "10.0.0.0/16")));
        // ---- public IPs
        c.add(put("PublicIpAddressCreateDefaults.json", PIP, t -> t.group("rg1"))
                .notSimulated("properties.ipConfiguration", "the example's IP is associated; a new one is not"));
        c.add(put("PublicIpAddressCreateCustomizedValues.json", PIP, t -> t.group("rg1"))
                .notSimulated("zones", "upstream slip: the example puts zones beside the body, not in it")
                .notSimulated("properties.ipConfiguration", "the example's IP is associated; a new one is not"));
        c.add(put("PublicIpAddressCreateDns.json", PIP, t -> t.group("rg1"))
                .notSimulated("properties.ipConfiguration", "the example's IP is associated; a new one is not"));
        c.add(put("PublicIpAddressCreateDnsWithDomainNameLabelScope.json", PIP, t -> t.group("rg1"))
                .notSimulated("properties.ipConfiguration", "the example's IP is associated; a new one is not"));
        c.add(put("SubnetCreateServiceEndpoint.json", VNET + "/subnets/{subnetName}",
                t -> t.group("subnet-test").vnet("subnet-test", "vnetname", "10.0.0.0/16")));
        // ---- network security groups
        c.add(put("NetworkSecurityGroupCreate.json", NSG, t -> t.group("rg1")));
        c.add(put("NetworkSecurityGroupCreateWithRule.json", NSG, t -> t.group("rg1")));
        c.add(put("NetworkSecurityGroupRuleCreate.json", NSG + "/securityRules/{securityRuleName}",
                t -> t.group("rg1").nsg("rg1", "testnsg")));
        // ---- load balancers
        c.add(put("LoadBalancerCreateStandardSku.json", LB,
                t -> t.group("rg1").vnet("rg1", "vnetlb", "10.0.0.0/16", "subnetlb", "10.0.1.0/24"))
                .notSimulated("properties.loadBalancingRules[].properties.enableConnectionTracking",
                        "newer field, absent from the SDK's model; echoed when sent"));
        c.add(put("LoadBalancerCreateWithZones.json", LB,
                t -> t.group("rg1").vnet("rg1", "vnetlb", "10.0.0.0/16", "subnetlb", "10.0.1.0/24")));
        c.add(put("LoadBalancerCreateWithInboundNatPool.json", LB,
                t -> t.group("rg1").vnet("rg1", "lbvnet", "10.0.0.0/16", "lbsubnet", "10.0.1.0/24")));
        c.add(put("LoadBalancerCreateWithOutboundRules.json", LB,
                t -> t.group("rg1").pip("rg1", "pip", "Standard"))
                .notSimulated("properties.outboundRules[].properties.allocatedOutboundPorts", SERVER_FIELD));
        c.add(put("LoadBalancerCreateGatewayLoadBalancerConsumer.json", LB,
                t -> t.group("rg1").vnet("rg1", "vnetlb", "10.0.0.0/16", "subnetlb", "10.0.1.0/24")));
        c.add(put("LoadBalancerCreateGlobalTier.json", LB,
                t -> t.group("rg1").vnet("rg1", "vnetlb", "10.0.0.0/16", "subnetlb", "10.0.1.0/24"))
                .notSimulated("properties.frontendIPConfigurations[].properties.inboundNatRules",
                        "upstream slip: the example's answer names a NAT rule its request does not have"));
        c.add(put("LBBackendAddressPoolWithBackendAddressesPut.json", LB + "/backendAddressPools/{backendAddressPoolName}",
                t -> t.group("testrg").pip("testrg", "pip", "Basic").lbWithRule("testrg", "lb", "pip", "backend", "rulelb")));
        c.add(put("LoadBalancerCreateGatewayLoadBalancerProviderWithTwoBackendPool.json", LB,
                t -> t.group("rg1").vnet("rg1", "vnetlb", "10.0.0.0/16", "subnetlb", "10.0.1.0/24"))
                .notSimulated("properties.frontendIPConfigurations[].properties.inboundNatRules",
                        "upstream slip: the example's answer names a NAT rule its request does not have"));
        c.add(put("InboundNatRuleCreate.json", LB + "/inboundNatRules/{inboundNatRuleName}",
                t -> t.group("testrg").pip("testrg", "pip1", "Basic").lbWithFrontend("testrg", "lb1", "ip1", "pip1"))
                .notSimulated("properties.backendIPConfiguration",
                        "the example's rule is bound to a scale-set VM; nothing is bound here"));
        // ---- network interfaces
        c.add(put("NetworkInterfaceCreate.json", NIC, t -> t.group("rg1")
                .vnet("rg1", "rg1-vnet", "172.20.0.0/16", "default", "172.20.2.0/24").pip("rg1", "test-ip", "Basic")));
        // ---- bastion hosts
        c.add(put("BastionHostPut.json", BASTION, t -> t.in("westus").group("rg1")
                .vnet("rg1", "vnet2", "10.0.0.0/16", "BastionHostSubnet", "10.0.0.0/26").pip("rg1", "pipName", "Standard"))
                .refusedWith("LocationRequired"));
        c.add(put("BastionHostPut.json", BASTION, t -> t.in("westus").group("rg1")
                .vnet("rg1", "vnet2", "10.0.0.0/16", "AzureBastionSubnet", "10.0.0.0/26").pip("rg1", "pipName", "Standard"))
                .adapted(BASTION_FIX, OfficialExamplesTest::fixBastion));
        c.add(put("BastionHostPutWithZones.json", BASTION, t -> t.in("westus").group("rg1")
                .vnet("rg1", "vnet2", "10.0.0.0/16", "BastionHostSubnet", "10.0.0.0/26").pip("rg1", "pipName", "Standard"))
                .refusedWith("LocationRequired"));
        c.add(put("BastionHostPutWithZones.json", BASTION, t -> t.in("westus").group("rg1")
                .vnet("rg1", "vnet2", "10.0.0.0/16", "AzureBastionSubnet", "10.0.0.0/26").pip("rg1", "pipName", "Standard"))
                .adapted(BASTION_FIX, OfficialExamplesTest::fixBastion));
        c.add(put("BastionHostPutWithPrivateOnly.json", BASTION, t -> t.in("westus").group("rg1")
                .vnet("rg1", "vnet2", "10.0.0.0/16", "AzureBastionSubnet", "10.0.0.0/26"))
                .adapted(BASTION_FIX, OfficialExamplesTest::fixBastion));
        c.add(put("BastionHostDeveloperPut.json", BASTION, t -> t.in("westus").group("rg2")
                .vnet("rg2", "vnet2", "10.0.0.0/16", "default", "10.0.0.0/24"))
                .refusedWith("LocationRequired"));
        c.add(put("BastionHostDeveloperPut.json", BASTION, t -> t.in("westus").group("rg2")
                .vnet("rg2", "vnet2", "10.0.0.0/16", "default", "10.0.0.0/24"))
                .adapted(BASTION_FIX, OfficialExamplesTest::fixBastion));
        c.add(call("BastionHostPatch.json", "PATCH", BASTION, t -> t.in("westus").group("rg1")
                .vnet("rg1", "vnet2", "10.0.0.0/16", "AzureBastionSubnet", "10.0.0.0/26").pip("rg1", "pipName", "Standard")
                .bastion("rg1", "bastionhosttenant", "vnet2", "pipName"), 200, 202));
        // ---- virtual machines: a NIC, an image reference and an OS profile
        Consumer<OfficialExamplesTest> nic = t -> t.in("westus").group("myResourceGroup")
                .vnet("myResourceGroup", "vnet", "10.0.0.0/16", "default", "10.0.0.0/24")
                .nic("myResourceGroup", "existing-nic-name", "vnet", "default");
        String password = "the admin password is never returned, as in Azure";
        c.add(put("VirtualMachine_Create_WithPasswordAuthentication.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password));
        c.add(put("VirtualMachine_Create_WithSshAuthentication.json", VM, nic));
        c.add(put("VirtualMachine_Create_WithEmptyDataDisks.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password));
        c.add(put("VirtualMachine_Create_LinuxVmWithPatchSettingModeOfImageDefault.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password));
        c.add(put("VirtualMachine_Create_WithUserData.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password)
                .notEchoed("properties.userData", "returned only with $expand=userData (the example's answer has none)"));
        c.add(put("VirtualMachine_Create_PlatformImageVmWithUnmanagedOsAndDataDisks.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password)
                .notSimulated("properties.storageProfile.dataDisks[].name", "upstream: Azure names unmanaged disks"));
        c.add(put("VirtualMachine_Create_InAnAvailabilitySet.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password));
        c.add(put("VirtualMachine_Create_WindowsVmWithPatchSettingModeOfManual.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password));
        c.add(put("VirtualMachine_Create_WithManagedBootDiagnostics.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password));
        c.add(put("VirtualMachine_Create_FromACustomImage.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password));
        c.add(call("VirtualMachine_Update_DetachDataDiskUsingToBeDetachedProperty.json", "PATCH", VM,
                nic.andThen(t -> t.replay("VirtualMachine_Create_WithEmptyDataDisks.json", VM)), 200)
                .notEchoed("properties.osProfile.adminPassword", password)
                .notEchoed("properties.storageProfile.dataDisks", "the disk marked toBeDetached is detached when "
                        + "the update ends (toBeDetachedDataDiskIsDetached)"));
        c.add(put("VirtualMachine_Create_FromASpecializedSharedImage.json", VM, nic));
        c.add(put("VirtualMachine_Create_WithADiffOsDisk.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password));
        c.add(put("VirtualMachine_Create_WithDataDisksFromSourceResource.json", VM, nic)
                .notEchoed("properties.osProfile.adminPassword", password));
        c.add(put("VirtualMachine_Create_WithNetworkInterfaceConfiguration.json", VM, nic)
                .refusedWith("InvalidParameter"));
        // ---- resource groups
        c.add(put("CreateResourceGroup.json", RG, t -> { }));
        c.add(call("ResourceGroups_Get.json", "GET", RG, t -> t.group("my-resource-group"), 200));
        c.add(call("ForceDeleteVMsInResourceGroup.json", "DELETE", RG, t -> t.in("westus").group("my-resource-group")
                .vnet("my-resource-group", "vnet", "10.0.0.0/16", "default", "10.0.0.0/24")
                .nic("my-resource-group", "nic", "vnet", "default").vm("my-resource-group", "vm", "nic", null), 200, 202));
        c.add(call("ForceDeleteVMsAndVMSSInResourceGroup.json", "DELETE", RG, t -> t.group("my-resource-group"),
                200, 202));
        // ---- reads and deletes of what the examples above create
        c.add(call("VirtualNetworkGet.json", "GET", VNET, t -> t.group("rg1").vnet("rg1", "test-vnet", "10.0.0.0/16"),
                200));
        c.add(call("VirtualNetworkDelete.json", "DELETE", VNET,
                t -> t.group("rg1").vnet("rg1", "test-vnet", "10.0.0.0/16"), 200, 202, 204));
        c.add(call("SubnetGet.json", "GET", VNET + "/subnets/{subnetName}", t -> t.group("subnet-test")
                .vnet("subnet-test", "vnetname", "10.0.0.0/16", "subnet1", "10.0.0.0/24"), 200));
        c.add(call("PublicIpAddressGet.json", "GET", PIP, t -> t.group("rg1").pip("rg1", "testDNS-ip", "Standard"), 200));
        c.add(call("PublicIpAddressDelete.json", "DELETE", PIP, t -> t.group("rg1").pip("rg1", "test-ip", "Standard"),
                200, 202, 204));
        c.add(call("NetworkSecurityGroupGet.json", "GET", NSG, t -> t.group("rg1").nsg("rg1", "testnsg"), 200)
                .notSimulated("defaultSecurityRules", "required"));
        c.add(call("NetworkInterfaceGet.json", "GET", NIC, t -> t.group("rg1")
                .vnet("rg1", "vnet", "10.0.0.0/16", "default", "10.0.0.0/24").nic("rg1", "test-nic", "vnet", "default"), 200)
                .notSimulated("ipConfigurations", "required"));
        c.add(call("NetworkSecurityGroupRuleDelete.json", "DELETE", NSG + "/securityRules/{securityRuleName}",
                t -> t.group("rg1").nsg("rg1", "testnsg", "rule1"), 200, 202, 204));
        c.add(call("LoadBalancerUpdateTags.json", "PATCH", LB, t -> t.group("rg1").pip("rg1", "pip", "Basic")
                .lbWithFrontend("rg1", "lb", "fe", "pip"), 200));
        c.add(call("NetworkSecurityGroupUpdateTags.json", "PATCH", NSG, t -> t.group("rg1").nsg("rg1", "testnsg"), 200));
        c.add(call("DefaultSecurityRuleGet.json", "GET", NSG + "/defaultSecurityRules/{defaultSecurityRuleName}",
                t -> t.group("testrg").nsg("testrg", "nsg1"), 200).notSimulated("sourcePortRanges", "required"));
        c.add(call("SubnetDelete.json", "DELETE", VNET + "/subnets/{subnetName}", t -> t.group("subnet-test")
                .vnet("subnet-test", "vnetname", "10.0.0.0/16", "subnet1", "10.0.0.0/24"), 200, 202, 204));
        c.add(call("NetworkInterfaceDelete.json", "DELETE", NIC, t -> t.group("rg1")
                .vnet("rg1", "vnet", "10.0.0.0/16", "default", "10.0.0.0/24").nic("rg1", "test-nic", "vnet", "default"),
                200, 202, 204));
        c.add(call("NetworkSecurityGroupDelete.json", "DELETE", NSG, t -> t.group("rg1").nsg("rg1", "testnsg"),
                200, 202, 204));
        c.add(call("LoadBalancerBackendAddressPoolDelete.json", "DELETE",
                LB + "/backendAddressPools/{backendAddressPoolName}",
                t -> t.group("testrg").lbWithPool("testrg", "lb", "backend"), 200, 202, 204));
        c.add(call("LoadBalancerGet.json", "GET", LB, t -> t.group("rg1").pip("rg1", "pip", "Basic")
                .lbWithFrontend("rg1", "lb", "fe", "pip"), 200).notSimulated("frontendIPConfigurations", "required"));
        c.add(call("LoadBalancerDelete.json", "DELETE", LB, t -> t.group("rg1").pip("rg1", "pip", "Basic")
                .lbWithFrontend("rg1", "lb", "fe", "pip"), 200, 202, 204));
        c.add(call("LoadBalancerBackendAddressPoolGet.json", "GET", LB + "/backendAddressPools/{backendAddressPoolName}",
                t -> t.group("testrg").lbWithPool("testrg", "lb", "backend"), 200));
        c.add(call("BastionHostDelete.json", "DELETE", BASTION, t -> t.group("rg1")
                .vnet("rg1", "vnet2", "10.0.0.0/16", "AzureBastionSubnet", "10.0.0.0/26").pip("rg1", "pipName", "Standard")
                .bastion("rg1", "bastionhosttenant", "vnet2", "pipName"), 200, 202, 204));
        Consumer<OfficialExamplesTest> vm = nic.andThen(t -> t.vm("myResourceGroup", "myVM", "existing-nic-name",
                "RXhhbXBsZSBVc2VyRGF0YQ=="));
        c.add(call("VirtualMachine_Get.json", "GET", VM, vm, 200).notSimulated("userData", "required with $expand"));
        c.add(call("VirtualMachine_ListAll_MaximumSet_Gen.json", "LIST", "/providers/Microsoft.Compute/virtualMachines",
                vm, 200));
        c.add(call("VirtualMachine_Delete_Force.json", "DELETE", VM, vm, 200, 202, 204));
        return c;
    }

    static final String BASTION_FIX = "location, sku and zones moved into the body, subnet named AzureBastionSubnet";

    /** What the published Bastion examples need before real ARM would take them. */
    static void fixBastion(JsonNode params, ObjectNode body) {
        body.put("location", "westus");
        for (String sibling : List.of("sku", "zones")) {
            if (params.has(sibling)) {
                body.set(sibling, params.get(sibling).deepCopy());
            }
        }
        for (JsonNode ipConfig : body.path("properties").path("ipConfigurations")) {
            ObjectNode subnet = (ObjectNode) ipConfig.path("properties").path("subnet");
            subnet.put("id", subnet.path("id").asText().replace("BastionHostSubnet", "AzureBastionSubnet"));
        }
    }

    @BeforeAll
    static void start() {
        sim = ArmSimulator.start(SimulatorOptions.defaults().withoutThrottling());
        raw = new RawArm(sim.info());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void everyExampleFileIsReplayed() throws IOException, URISyntaxException {
        Path dir = Path.of(OfficialExamplesTest.class.getResource("/arm-examples").toURI());
        Set<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> replayed = cases().stream().map(Case::file).collect(Collectors.toCollection(TreeSet::new));
        assertThat(replayed).isEqualTo(files);
    }

    @Test
    void standardV2PublicIpIsStaticLikeStandard() {
        sim.admin().reset();
        group("rg1");
        RawArm.Response r = raw.call("PUT", net("rg1") + "publicIPAddresses/v2?" + RawArm.NET_API,
                "{\"location\":\"eastus\",\"sku\":{\"name\":\"StandardV2\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("properties").path("publicIPAllocationMethod").asText()).isEqualTo("Static");
        RawArm.Response dynamic = raw.call("PUT", net("rg1") + "publicIPAddresses/v2d?" + RawArm.NET_API,
                "{\"location\":\"eastus\",\"sku\":{\"name\":\"StandardV2\"},\"properties\":"
                        + "{\"publicIPAllocationMethod\":\"Dynamic\"}}");
        assertThat(dynamic.errorCode()).isEqualTo("StandardSkuPublicIPAddressesMustBeStatic");
    }

    @Test
    void toBeDetachedDataDiskIsDetached() throws IOException {
        sim.admin().reset();
        in("westus").group("myResourceGroup").vnet("myResourceGroup", "vnet", "10.0.0.0/16", "default", "10.0.0.0/24")
                .nic("myResourceGroup", "existing-nic-name", "vnet", "default")
                .replay("VirtualMachine_Create_WithEmptyDataDisks.json", VM);
        String vm = raw.sub() + "/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachines/myVM";
        String detached = raw.call("GET", vm + "?" + RawArm.COMPUTE_API, null).json().path("properties")
                .path("storageProfile").path("dataDisks").get(0).path("managedDisk").path("id").asText();
        JsonNode params = load("VirtualMachine_Update_DetachDataDiskUsingToBeDetachedProperty.json").path("parameters");
        RawArm.Response r = raw.call("PATCH", vm + "?api-version=2025-11-01", rewrite(Json.string(body(params))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("properties").path("storageProfile").path("dataDisks")).hasSize(2);
        waitFor(r);
        JsonNode disks = raw.call("GET", vm + "?" + RawArm.COMPUTE_API, null).json().path("properties")
                .path("storageProfile").path("dataDisks");
        assertThat(disks).hasSize(1);
        assertThat(disks.get(0).path("lun").asInt()).isEqualTo(1);
        ObjectNode disk = sim.admin().resource(detached);
        assertThat(disk).as("the detached disk stays").isNotNull();
        assertThat(disk.path("properties").path("diskState").asText()).isEqualTo("Unattached");
    }

    @TestFactory
    Stream<DynamicTest> replay() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> replay(c)));
    }

    private void replay(Case c) throws IOException {
        sim.admin().reset();
        JsonNode example = load(c.file());
        JsonNode params = example.path("parameters");
        region = "eastus";
        c.setup().accept(this);
        String path = raw.sub() + fill(c.template(), params) + "?api-version=" + params.path("api-version").asText()
                + query(c.template(), params);
        JsonNode requestBody = body(params);
        if (c.adapt() != null) {
            requestBody = requestBody.deepCopy();
            c.adapt().accept(params, (ObjectNode) requestBody);
        }
        String sent = requestBody == null ? null : rewrite(Json.string(requestBody));
        boolean list = "LIST".equals(c.method());
        RawArm.Response r = raw.call(list ? "GET" : c.method(), path, sent);
        if (c.refused() != null) {
            assertThat(r.status()).as(c.file() + ": " + r.body()).isBetween(400, 499);
            assertThat(r.errorCode()).as(c.file() + ": " + r.body()).isEqualTo(c.refused());
            return;
        }
        assertThat(r.status()).as(c.file() + " answered " + r.body()).isIn(c.statuses());
        assertThat(example.path("responses").has(String.valueOf(r.status())))
                .as(c.file() + ": status " + r.status() + " is documented").isTrue();
        waitFor(r);
        if (list) {
            assertThat(r.json().path("value").isArray()).as(c.file() + ": " + r.body()).isTrue();
            assertThat(r.json().path("value")).as(c.file() + ": the prerequisite is listed").isNotEmpty();
            return;
        }
        String expectedId = raw.sub() + fill(c.template(), params);
        if ("DELETE".equals(c.method())) {
            RawArm.Response gone = raw.call("GET", path, null);
            assertThat(gone.status()).as(c.file() + ": GET after the delete: " + gone.body()).isEqualTo(404);
            return;
        }
        if ("GET".equals(c.method())) {
            assertThat(r.json().path("id").asText()).isEqualToIgnoringCase(expectedId);
            assertThat(r.json().path("name").asText()).isEqualTo(lastSegment(expectedId));
            c.notSimulated().keySet().forEach(required -> assertThat(r.json().path("properties").has(required))
                    .as(c.file() + " shows properties." + required).isTrue());
            return;
        }
        RawArm.Response got = raw.call("GET", path, null);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        JsonNode actual = got.json();
        assertThat(actual.path("id").asText()).isEqualToIgnoringCase(expectedId);
        assertThat(actual.path("name").asText()).isEqualTo(lastSegment(expectedId));
        assertThat(actual.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        JsonNode documented = documentedBody(example, r.status());
        if (documented != null && documented.has("type")) {
            assertThat(actual.path("type").asText()).isEqualTo(documented.path("type").asText());
        }
        List<String> notEchoed = new ArrayList<>();
        echoes(Json.MAPPER.readTree(sent), actual, "", c.notEchoed().keySet(), notEchoed);
        assertThat(notEchoed).as(c.file() + ": request values not echoed").isEmpty();
        if (documented != null) {
            TreeSet<String> expected = ExampleShapeTest.paths(documented);
            expected.removeIf(p -> c.notSimulated().keySet().stream().anyMatch(s -> p.equals(s)
                    || p.startsWith(s + ".") || p.startsWith(s + "[]")));
            TreeSet<String> have = ExampleShapeTest.paths(actual);
            expected.removeAll(have);
            assertThat(expected).as(c.file() + ": example fields missing").isEmpty();
        }
        if ("PUT".equals(c.method()) && example.path("responses").has("200")) {
            // the same request again replaces the resource with itself: 200, as the example documents
            RawArm.Response again = raw.call("PUT", path, sent);
            assertThat(again.status()).as(c.file() + " repeated: " + again.body()).isEqualTo(200);
            waitFor(again);
            JsonNode after = raw.call("GET", path, null).json();
            assertThat(after.path("etag").asText()).as(c.file() + ": an identical PUT keeps the etag")
                    .isEqualTo(actual.path("etag").asText());
        }
    }

    // ---------------------------------------------------------------- example plumbing

    static JsonNode load(String file) throws IOException {
        try (InputStream in = OfficialExamplesTest.class.getResourceAsStream("/arm-examples/" + file)) {
            assertThat(in).as(file).isNotNull();
            return Json.MAPPER.readTree(in);
        }
    }

    /** The body parameter: the one object-valued parameter that is not a path parameter. */
    static JsonNode body(JsonNode params) {
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject() && !e.getKey().equals("sku")) {
                return e.getValue();
            }
        }
        return null;
    }

    static JsonNode documentedBody(JsonNode example, int status) {
        JsonNode responses = example.path("responses");
        JsonNode body = responses.path(String.valueOf(status)).path("body");
        if (body.isObject()) {
            return body;
        }
        for (JsonNode r : responses) {
            if (r.path("body").isObject()) {
                return r.path("body");
            }
        }
        return null;
    }

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9-]+)}");

    static String fill(String template, JsonNode params) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode v = params.get(m.group(1));
            assertThat(v).as("example parameter " + m.group(1)).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(placeholders(v.asText())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The example's other scalar parameters ($expand, forceDeletion…) go into the query. */
    static String query(String template, JsonNode params) {
        StringBuilder q = new StringBuilder();
        params.fields().forEachRemaining(e -> {
            String k = e.getKey();
            if (e.getValue().isValueNode() && !k.equals("api-version") && !k.equals("subscriptionId")
                    && !template.contains("{" + k + "}")) {
                q.append('&').append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                        .append(java.net.URLEncoder.encode(e.getValue().asText(), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    private static final Pattern SUBSCRIPTION = Pattern.compile("/subscriptions/[^/\"]+/");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_-]+)}");

    /**
     * The example's subscription id in references becomes the simulator's, and placeholders such
     * as {@code {existing-nic-name}} (not valid in names or URLs) lose their braces.
     */
    static String rewrite(String json) {
        return SUBSCRIPTION.matcher(placeholders(json)).replaceAll(Matcher.quoteReplacement(raw.sub() + "/"));
    }

    static String placeholders(String s) {
        return PLACEHOLDER.matcher(s).replaceAll("$1");
    }

    static String lastSegment(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** Waits for the operation an answer started (the instant profile ends it at the first poll). */
    static void waitFor(RawArm.Response r) {
        String async = r.header("Azure-AsyncOperation");
        for (int i = 0; async != null && i < 50; i++) {
            String status = raw.follow(async).json().path("status").asText();
            assertThat(status).as("operation status").isNotIn("Failed", "Canceled");
            if (!"InProgress".equals(status)) {
                break;
            }
        }
        String location = r.header("Location");
        for (int i = 0; async == null && location != null && i < 50; i++) {
            RawArm.Response poll = raw.follow(location);
            assertThat(poll.status()).as(poll.body()).isIn(200, 202, 204);
            if (poll.status() != 202) {
                break;
            }
        }
    }

    /**
     * Every scalar the request sent must come back with the same value (strings compared
     * case-insensitively for ids); arrays element by element.
     */
    static void echoes(JsonNode sent, JsonNode actual, String path, Set<String> skip, List<String> missing) {
        if (skip.contains(path)) {
            return;
        }
        if (sent.isObject()) {
            sent.fields().forEachRemaining(e -> echoes(e.getValue(), actual.path(e.getKey()),
                    path.isEmpty() ? e.getKey() : path + "." + e.getKey(), skip, missing));
        } else if (sent.isArray()) {
            if (!actual.isArray() || actual.size() < sent.size()) {
                missing.add(path + " (array of " + sent.size() + ")");
                return;
            }
            for (int i = 0; i < sent.size(); i++) {
                echoes(sent.get(i), actual.get(i), path + "[]", skip, missing);
            }
        } else if (actual.isMissingNode() || actual.isNull()) {
            missing.add(path);
        } else if (sent.isTextual() ? !sent.asText().equalsIgnoreCase(actual.asText()) : !sent.equals(actual)
                && !(sent.isNumber() && actual.isNumber() && sent.asDouble() == actual.asDouble())) {
            missing.add(path + " = " + actual + " (sent " + sent + ")");
        }
    }

    // ---------------------------------------------------------------- prerequisites

    String region = "eastus";

    OfficialExamplesTest in(String location) {
        region = location;
        return this;
    }

    String net(String rg) {
        return raw.sub() + "/resourceGroups/" + rg + "/providers/Microsoft.Network/";
    }

    void write(String path, String body) {
        String p = path + (path.contains("?") ? "&" : "?") + RawArm.NET_API;
        RawArm.Response r = raw.call("PUT", p, body);
        assertThat(r.status()).as("prerequisite " + path + ": " + r.body()).isIn(200, 201);
        waitFor(r);
    }

    OfficialExamplesTest group(String rg) {
        RawArm.Response r = raw.call("PUT", raw.sub() + "/resourcegroups/" + rg + "?" + RawArm.RG_API,
                "{\"location\":\"" + region + "\"}");
        assertThat(r.status()).isIn(200, 201);
        return this;
    }

    OfficialExamplesTest vnet(String rg, String name, String space, String... subnetsAndPrefixes) {
        StringBuilder subnets = new StringBuilder();
        for (int i = 0; i < subnetsAndPrefixes.length; i += 2) {
            subnets.append(i == 0 ? "" : ",").append("{\"name\":\"").append(subnetsAndPrefixes[i])
                    .append("\",\"properties\":{\"addressPrefix\":\"").append(subnetsAndPrefixes[i + 1]).append("\"}}");
        }
        write(net(rg) + "virtualNetworks/" + name, "{\"location\":\"" + region + "\",\"properties\":{\"addressSpace\":"
                + "{\"addressPrefixes\":[\"" + space + "\"]},\"subnets\":[" + subnets + "]}}");
        return this;
    }

    OfficialExamplesTest pip(String rg, String name, String sku) {
        write(net(rg) + "publicIPAddresses/" + name, "{\"location\":\"" + region + "\",\"sku\":{\"name\":\"" + sku
                + "\"},\"properties\":{\"publicIPAllocationMethod\":\"Static\"}}");
        return this;
    }

    OfficialExamplesTest nsg(String rg, String name) {
        write(net(rg) + "networkSecurityGroups/" + name, "{\"location\":\"" + region + "\"}");
        return this;
    }

    OfficialExamplesTest nic(String rg, String name, String vnet, String subnet) {
        write(net(rg) + "networkInterfaces/" + name, "{\"location\":\"" + region + "\",\"properties\":{\"ipConfigurations\":"
                + "[{\"name\":\"ipconfig1\",\"properties\":{\"subnet\":{\"id\":\"" + net(rg) + "virtualNetworks/" + vnet
                + "/subnets/" + subnet + "\"}}}]}}");
        return this;
    }

    OfficialExamplesTest bastion(String rg, String name, String vnet, String pip) {
        write(net(rg) + "bastionHosts/" + name, "{\"location\":\"" + region + "\",\"sku\":{\"name\":\"Standard\"},"
                + "\"properties\":{\"ipConfigurations\":[{\"name\":\"bastionHostIpConfiguration\",\"properties\":{"
                + "\"subnet\":{\"id\":\"" + net(rg) + "virtualNetworks/" + vnet + "/subnets/AzureBastionSubnet\"},"
                + "\"publicIPAddress\":{\"id\":\"" + net(rg) + "publicIPAddresses/" + pip + "\"}}}]}}");
        return this;
    }

    /** Another example's request as a prerequisite (the resource an update example changes). */
    OfficialExamplesTest replay(String file, String template) {
        try {
            JsonNode params = load(file).path("parameters");
            String p = raw.sub() + fill(template, params) + "?api-version=" + params.path("api-version").asText();
            RawArm.Response r = raw.call("PUT", p, rewrite(Json.string(body(params))));
            assertThat(r.status()).as("prerequisite " + file + ": " + r.body()).isIn(200, 201);
            waitFor(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    OfficialExamplesTest nsg(String rg, String name, String rule) {
        write(net(rg) + "networkSecurityGroups/" + name, "{\"location\":\"" + region + "\",\"properties\":{"
                + "\"securityRules\":[{\"name\":\"" + rule + "\",\"properties\":{\"protocol\":\"*\",\"access\":\"Allow\","
                + "\"direction\":\"Inbound\",\"priority\":100,\"sourceAddressPrefix\":\"*\",\"sourcePortRange\":\"*\","
                + "\"destinationAddressPrefix\":\"*\",\"destinationPortRange\":\"22\"}}]}}");
        return this;
    }

    OfficialExamplesTest lbWithRule(String rg, String name, String pip, String pool, String rule) {
        String lb = net(rg) + "loadBalancers/" + name;
        write(lb, "{\"location\":\"" + region + "\",\"properties\":{\"frontendIPConfigurations\":[{\"name\":\"fe\","
                + "\"properties\":{\"publicIPAddress\":{\"id\":\"" + net(rg) + "publicIPAddresses/" + pip + "\"}}}],"
                + "\"backendAddressPools\":[{\"name\":\"" + pool + "\"}],\"loadBalancingRules\":[{\"name\":\"" + rule
                + "\",\"properties\":{\"protocol\":\"Tcp\",\"frontendPort\":80,\"backendPort\":80,"
                + "\"frontendIPConfiguration\":{\"id\":\"" + lb + "/frontendIPConfigurations/fe\"},"
                + "\"backendAddressPool\":{\"id\":\"" + lb + "/backendAddressPools/" + pool + "\"}}}]}}");
        return this;
    }

    OfficialExamplesTest lbWithPool(String rg, String name, String pool) {
        write(net(rg) + "loadBalancers/" + name, "{\"location\":\"" + region + "\",\"properties\":{"
                + "\"backendAddressPools\":[{\"name\":\"" + pool + "\"}]}}");
        return this;
    }

    OfficialExamplesTest vm(String rg, String name, String nic, String userData) {
        String body = "{\"location\":\"" + region + "\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D1_v2\"},"
                + "\"storageProfile\":{\"imageReference\":{\"publisher\":\"Canonical\",\"offer\":\"UbuntuServer\","
                + "\"sku\":\"16.04-LTS\",\"version\":\"latest\"}},\"osProfile\":{\"computerName\":\"" + name
                + "\",\"adminUsername\":\"azureuser\",\"adminPassword\":\"Secret-123456\"},\"networkProfile\":{"
                + "\"networkInterfaces\":[{\"id\":\"" + net(rg) + "networkInterfaces/" + nic + "\"}]}"
                + (userData == null ? "" : ",\"userData\":\"" + userData + "\"") + "}}";
        String p = raw.sub() + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/virtualMachines/" + name + "?"
                + RawArm.COMPUTE_API;
        RawArm.Response r = raw.call("PUT", p, body);
        assertThat(r.status()).as("prerequisite VM: " + r.body()).isIn(200, 201);
        assertThat(r.json().path("properties").has("userData")).as("userData only with $expand").isFalse();
        waitFor(r);
        return this;
    }

    OfficialExamplesTest lbWithFrontend(String rg, String name, String frontend, String pip) {
        write(net(rg) + "loadBalancers/" + name, "{\"location\":\"" + region + "\",\"properties\":{\"frontendIPConfigurations\":"
                + "[{\"name\":\"" + frontend + "\",\"properties\":{\"publicIPAddress\":{\"id\":\"" + net(rg)
                + "publicIPAddresses/" + pip + "\"}}}]}}");
        return this;
    }
}
