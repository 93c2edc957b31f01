package io.lblab.sim;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every ARM error the simulator produces, caused by the situation that causes it in Azure. */
class ErrorCodesTest extends SimulatorTestBase {

    static ManagementException armError(ThrowableAssert.ThrowingCallable call, int status, String code) {
        ManagementException e = catchThrowableOfType(ManagementException.class, call);
        assertThat(e).as("expected ARM error " + code).isNotNull();
        assertThat(e.getValue().getCode()).isEqualTo(code);
        assertThat(e.getResponse().getStatusCode()).isEqualTo(status);
        assertThat(e.getValue().getMessage()).isNotBlank();
        return e;
    }

    static VirtualNetworkInner vnet(String... subnetPrefixes) {
        List<SubnetInner> subnets = new java.util.ArrayList<>();
        for (int i = 0; i < subnetPrefixes.length; i++) {
            subnets.add(new SubnetInner().withName("s" + i).withAddressPrefix(subnetPrefixes[i]));
        }
        return new VirtualNetworkInner().withLocation("eastus").withSubnets(subnets)
                .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.1.0.0/16")));
    }

    @Test
    void missingGroupAndMissingResource() {
        var net = clients.network().serviceClient();
        armError(() -> Lab.done(net.getVirtualNetworks().beginCreateOrUpdate("nogroup", "v", vnet())), 404,
                "ResourceGroupNotFound");
        lab("rg").group();
        ManagementException e = armError(() -> net.getVirtualNetworks().getByResourceGroup("rg", "nothere"), 404,
                "ResourceNotFound");
        assertThat(e.getValue().getMessage()).isEqualTo("The Resource 'Microsoft.Network/virtualNetworks/nothere' "
                + "under resource group 'rg' was not found. For more details please go to "
                + "https://aka.ms/ARMResourceNotFoundFix");
        armError(() -> clients.resources().serviceClient().getResourceGroups().get("nogroup"), 404,
                "ResourceGroupNotFound");
        armError(() -> Lab.done(clients.resources().serviceClient().getResourceGroups().beginDelete("nogroup")), 404,
                "ResourceGroupNotFound");
    }

    @Test
    void invalidResourceReferenceForMissingOrCrossRegionTargets() {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        lab.nsg();
        var net = lab.net.serviceClient();
        armError(() -> lab.nic("nic0", true), 400, "InvalidResourceReference"); // LB pool does not exist
        NetworkInterfaceInner westNic = new NetworkInterfaceInner().withLocation("westus")
                .withIpConfigurations(List.of(new NetworkInterfaceIpConfigurationInner().withName("ip")
                        .withSubnet(new SubnetInner().withId(lab.subnetId("myBackendSubnet")))));
        ManagementException cross = armError(() -> Lab.done(net.getNetworkInterfaces()
                .beginCreateOrUpdate("rg", "west", westNic)), 400, "InvalidResourceReference");
        assertThat(cross.getValue().getMessage()).contains("same region").contains(lab.subnetId("myBackendSubnet"));
        NetworkInterfaceInner noSubnet = new NetworkInterfaceInner().withLocation("eastus")
                .withIpConfigurations(List.of(new NetworkInterfaceIpConfigurationInner().withName("ip")
                        .withSubnet(new SubnetInner().withId(lab.subnetId("missing")))));
        armError(() -> Lab.done(net.getNetworkInterfaces().beginCreateOrUpdate("rg", "n", noSubnet)), 400,
                "InvalidResourceReference");
        VirtualNetworkInner withMissingNsg = vnet("10.1.0.0/24");
        withMissingNsg.subnets().get(0).withNetworkSecurityGroup(new NetworkSecurityGroupInner()
                .withId(lab.net("networkSecurityGroups", "ghost")));
        armError(() -> Lab.done(net.getVirtualNetworks().beginCreateOrUpdate("rg", "v2", withMissingNsg)), 400,
                "InvalidResourceReference");
        armError(() -> lab.bastion(), 400, "InvalidResourceReference"); // myBastionIP missing
        armError(() -> lab.vm("vm", "ghostNic", false), 400, "InvalidResourceReference");
    }

    @Test
    void referencedResourceNotProvisionedAndAnotherOperationInProgress() {
        SimulatorOptions slowVnet = SimulatorOptions.defaults().withoutThrottling()
                .withDuration("PUT", "Microsoft.Network/virtualNetworks", 60);
        try (ArmSimulator slow = ArmSimulator.start(slowVnet)) {
            SimClients noRetry = new SimClients(slow.info(), slow.info().clientSecret(), 0);
            Lab lab = new Lab(noRetry, slow.info(), "rg");
            lab.group();
            NetworkManager net = lab.net;
            SyncPoller<?, VirtualNetworkInner> pending = net.serviceClient().getVirtualNetworks()
                    .beginCreateOrUpdate("rg", "myVNet", vnet("10.1.0.0/24"));
            assertThat(pending.poll().getStatus())
                    .isEqualTo(com.azure.core.util.polling.LongRunningOperationStatus.IN_PROGRESS);
            ManagementException notReady = armError(() -> Lab.done(net.serviceClient().getNetworkInterfaces()
                    .beginCreateOrUpdate("rg", "nic", new NetworkInterfaceInner().withLocation("eastus")
                            .withIpConfigurations(List.of(new NetworkInterfaceIpConfigurationInner().withName("ip")
                                    .withSubnet(new SubnetInner().withId(lab.subnetId("s0"))))))),
                    429, "RetryableError");
            assertThat(notReady.getValue().getDetails()).extracting(d -> d.getCode())
                    .containsExactly("ReferencedResourceNotProvisioned");
            assertThat(Integer.parseInt(notReady.getResponse().getHeaderValue("Retry-After")))
                    .as("what is left of the VNet's operation").isBetween(55, 60);
            ManagementException busy = armError(() -> net.serviceClient().getVirtualNetworks()
                    .beginCreateOrUpdate("rg", "myVNet", vnet("10.1.0.0/24")), 409, "AnotherOperationInProgress");
            assertThat(busy.getValue().getMessage()).contains("/operations/");
            armError(() -> net.serviceClient().getSubnets().beginCreateOrUpdate("rg", "myVNet", "child",
                    new SubnetInner().withAddressPrefix("10.1.9.0/24")), 409, "AnotherOperationInProgress");
            armError(() -> net.serviceClient().getVirtualNetworks().beginDelete("rg", "myVNet"), 409,
                    "AnotherOperationInProgress");
        }
    }

    @Test
    void subnetRangesAreValidated() {
        lab("rg").group();
        var vnets = clients.network().serviceClient().getVirtualNetworks();
        armError(() -> Lab.done(vnets.beginCreateOrUpdate("rg", "v", vnet("10.2.0.0/24"))), 400,
                "NetcfgSubnetRangeOutsideVnet");
        armError(() -> Lab.done(vnets.beginCreateOrUpdate("rg", "v", vnet("10.1.0.0/24", "10.1.0.128/25"))), 400,
                "NetcfgSubnetRangesOverlap");
        armError(() -> Lab.done(vnets.beginCreateOrUpdate("rg", "v", vnet("10.1.0.0/33"))), 400,
                "NetcfgInvalidSubnet");
        armError(() -> Lab.done(vnets.beginCreateOrUpdate("rg", "v", vnet("10.1.0.5/24"))), 400,
                "NetcfgInvalidSubnet");
    }

    @Test
    void bastionRules() {
        Lab lab = lab("rg");
        lab.group();
        var net = lab.net.serviceClient();
        Lab.done(net.getVirtualNetworks().beginCreateOrUpdate("rg", "myVNet", new VirtualNetworkInner()
                .withLocation("eastus").withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.1.0.0/16")))
                .withSubnets(List.of(new SubnetInner().withName("myBackendSubnet").withAddressPrefix("10.1.0.0/24"),
                        new SubnetInner().withName("AzureBastionSubnet").withAddressPrefix("10.1.1.0/27")))));
        lab.pip("myBastionIP");
        var body = lab.bastionBody();
        body.ipConfigurations().get(0).withSubnet(Lab.ref(lab.subnetId("myBackendSubnet")));
        armError(() -> Lab.done(net.getBastionHosts().beginCreateOrUpdate("rg", "b", body)), 400,
                "SubnetNameMustBeAzureBastionSubnet");
        armError(() -> lab.bastion(), 400, "BastionSubnetSizeTooSmall");
        Lab.done(net.getSubnets().beginCreateOrUpdate("rg", "myVNet", "AzureBastionSubnet",
                new SubnetInner().withAddressPrefix("10.1.1.0/26")));
        Lab.done(net.getPublicIpAddresses().beginCreateOrUpdate("rg", "myBastionIP", new PublicIpAddressInner()
                .withLocation("eastus").withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.BASIC))
                .withPublicIpAllocationMethod(IpAllocationMethod.STATIC)));
        armError(() -> lab.bastion(), 400, "BastionHostPublicIpAddressMustBeStandardSku");
        lab.pip("myBastionIP");
        sim.admin().patchResource(lab.net("publicIPAddresses", "myBastionIP"),
                "{\"properties\":{\"publicIPAllocationMethod\":\"Dynamic\"}}");
        armError(() -> lab.bastion(), 400, "StandardSkuPublicIPAddressesMustBeStatic");
        lab.pip("myBastionIP");
        assertThat(lab.bastion().provisioningState().toString()).isEqualTo("Succeeded");
        var twoConfigs = lab.bastionBody();
        twoConfigs.withIpConfigurations(List.of(twoConfigs.ipConfigurations().get(0),
                twoConfigs.ipConfigurations().get(0)));
        armError(() -> Lab.done(net.getBastionHosts().beginCreateOrUpdate("rg", "b2", twoConfigs)), 400,
                "InvalidRequestFormat");
    }

    @Test
    void publicIpSkuRules() {
        Lab lab = lab("rg");
        lab.group();
        var net = lab.net.serviceClient();
        armError(() -> Lab.done(net.getPublicIpAddresses().beginCreateOrUpdate("rg", "p", new PublicIpAddressInner()
                .withLocation("eastus").withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD))
                .withPublicIpAllocationMethod(IpAllocationMethod.DYNAMIC))), 400,
                "StandardSkuPublicIPAddressesMustBeStatic");
        Lab.done(net.getPublicIpAddresses().beginCreateOrUpdate("rg", "myPublicIP", new PublicIpAddressInner()
                .withLocation("eastus")));
        lab.pip("myPublicIPOutbound");
        ManagementException e = armError(() -> lab.loadBalancer(), 400, "PublicIPAndLBSkuDoNotMatch");
        assertThat(e.getValue().getMessage()).contains("Standard sku load balancer").contains("Basic sku publicIP");
    }

    @Test
    void loadBalancerRulePoolFieldsMustAgree() {
        Lab lab = lab("rg");
        lab.group();
        lab.pip("myPublicIP");
        lab.pip("myPublicIPOutbound");
        LoadBalancerInner body = lab.loadBalancerBody(false);
        body.loadBalancingRules().get(0).withBackendAddressPools(List.of(
                Lab.ref(lab.lbPart("backendAddressPools", "myBackendPoolOutbound"))));
        armError(() -> Lab.done(lab.net.serviceClient().getLoadBalancers().beginCreateOrUpdate("rg", "myLoadBalancer",
                body)), 400,
                "LoadBalancingRuleBackendAdressPoolAndBackendAddressPoolsCannotBeSetAtTheSameTimeWithDifferentValue");
        LoadBalancerInner foreignProbe = lab.loadBalancerBody(false);
        foreignProbe.loadBalancingRules().get(0).withProbe(Lab.ref(lab.lbPart("probes", "nope")));
        armError(() -> Lab.done(lab.net.serviceClient().getLoadBalancers().beginCreateOrUpdate("rg", "myLoadBalancer",
                foreignProbe)), 400, "InvalidResourceReference");
    }

    @Test
    void deletingThingsInUse() {
        Lab lab = lab("rg");
        lab.buildPublic(1);
        var net = lab.net.serviceClient();
        armError(() -> Lab.done(net.getSubnets().beginDelete("rg", "myVNet", "myBackendSubnet")), 400,
                "InUseSubnetCannotBeDeleted");
        VirtualNetworkInner dropped = net.getVirtualNetworks().getByResourceGroup("rg", "myVNet");
        dropped.withSubnets(List.of(dropped.subnets().get(1)));
        armError(() -> Lab.done(net.getVirtualNetworks().beginCreateOrUpdate("rg", "myVNet", dropped)), 400,
                "InUseSubnetCannotBeDeleted");
        armError(() -> Lab.done(net.getVirtualNetworks().beginDelete("rg", "myVNet")), 400,
                "InUseSubnetCannotBeDeleted");
        armError(() -> Lab.done(net.getNetworkInterfaces().beginDelete("rg", "myNicVM1")), 400, "NicInUse");
        armError(() -> Lab.done(net.getPublicIpAddresses().beginDelete("rg", "myBastionIP")), 400,
                "PublicIPAddressCannotBeDeleted");
        armError(() -> Lab.done(net.getNetworkSecurityGroups().beginDelete("rg", "myNSG")), 400,
                "InUseNetworkSecurityGroupCannotBeDeleted");
        String osDisk = lab.compute.serviceClient().getVirtualMachines().getByResourceGroup("rg", "myVM1")
                .storageProfile().osDisk().name();
        armError(() -> Lab.done(lab.compute.serviceClient().getDisks().beginDelete("rg", osDisk)), 409,
                "OperationNotAllowed");
        armError(() -> lab.vm("myVM2", "myNicVM1", false), 400, "NicInUse");
    }

    @Test
    void requestLevelErrors() {
        RawArm raw = new RawArm(sim.info());
        String rg = raw.sub() + "/resourcegroups/rg";
        assertThat(raw.call("PUT", rg + "?" + RawArm.RG_API, "{\"location\":\"eastus\"}").status()).isEqualTo(201);
        String vnet = raw.sub() + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v?" + RawArm.NET_API;
        RawArm.Response malformed = raw.call("PUT", vnet, "{\"location\": \"eastus\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("InvalidRequestContent");
        assertThat(malformed.json().path("error").path("details").isArray()).isTrue();
        RawArm.Response noApi = raw.call("GET", raw.sub() + "/resourceGroups/rg", null);
        assertThat(noApi.status()).isEqualTo(400);
        assertThat(noApi.errorCode()).isEqualTo("MissingApiVersionParameter");
        RawArm.Response otherSub = raw.call("GET", "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg?"
                + RawArm.RG_API, null);
        assertThat(otherSub.status()).isEqualTo(404);
        assertThat(otherSub.errorCode()).isEqualTo("SubscriptionNotFound");
        RawArm.Response created = raw.call("PUT", vnet, "{\"location\":\"eastus\",\"properties\":{\"addressSpace\":"
                + "{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}");
        assertThat(created.status()).isEqualTo(201);
        RawArm.Response stateMismatch = raw.call("PUT", vnet, "{\"location\":\"eastus\",\"properties\":{"
                + "\"provisioningState\":\"Failed\",\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}");
        assertThat(stateMismatch.status()).isEqualTo(400);
        assertThat(stateMismatch.errorCode()).isEqualTo("InvalidRequestContent");
        RawArm.Response sameState = raw.call("PUT", vnet, "{\"location\":\"eastus\",\"properties\":{"
                + "\"provisioningState\":\"Succeeded\",\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}");
        assertThat(sameState.status()).isEqualTo(200);
    }

    @Test
    void locationErrors() {
        lab("rg").group();
        var net = clients.network().serviceClient();
        armError(() -> Lab.done(net.getVirtualNetworks().beginCreateOrUpdate("rg", "v",
                vnet().withLocation(null))), 400, "LocationRequired");
        armError(() -> Lab.done(net.getVirtualNetworks().beginCreateOrUpdate("rg", "v",
                vnet().withLocation("marsnorth"))), 400, "LocationNotAvailableForResourceType");
        assertThat(Lab.done(net.getVirtualNetworks().beginCreateOrUpdate("rg", "v", vnet().withLocation("East US")))
                .location()).isEqualTo("eastus");
        var groups = clients.resources().serviceClient().getResourceGroups();
        armError(() -> groups.createOrUpdate("rg2", new ResourceGroupInner().withLocation("marsnorth")), 400,
                "LocationNotAvailableForResourceGroup");
        armError(() -> groups.createOrUpdate("rg", new ResourceGroupInner().withLocation("westus")), 409,
                "InvalidResourceGroupLocation");
    }
}
