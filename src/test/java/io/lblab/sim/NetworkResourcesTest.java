package io.lblab.sim;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.BackendAddressPoolInner;
import com.azure.resourcemanager.network.fluent.models.FrontendIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.LoadBalancerSku;
import com.azure.resourcemanager.network.models.LoadBalancerSkuName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Create, poll, get, update and delete of every Microsoft.Network type, through the SDK. */
class NetworkResourcesTest extends SimulatorTestBase {

    private static void assertGone(Runnable get) {
        ManagementException e = catchThrowableOfType(ManagementException.class, get::run);
        assertThat(e).isNotNull();
        assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
    }

    @Test
    void virtualNetworkAndSubnets() {
        Lab lab = lab("rg");
        lab.group();
        NetworkManagementClient net = lab.net.serviceClient();
        VirtualNetworkInner created = lab.vnet();
        assertThat(created.subnets()).extracting(SubnetInner::id).containsExactly(lab.subnetId("myBackendSubnet"),
                lab.subnetId("AzureBastionSubnet"));
        assertThat(created.subnets().get(0).etag()).isEqualTo(created.etag());
        VirtualNetworkInner fetched = net.getVirtualNetworks().getByResourceGroup("rg", "MYVNET");
        assertThat(fetched.name()).isEqualTo("myVNet");
        fetched.withTags(Map.of("k", "v"));
        VirtualNetworkInner updated = Lab.done(net.getVirtualNetworks().beginCreateOrUpdate("rg", "myVNet", fetched));
        assertThat(updated.tags()).containsEntry("k", "v");
        assertThat(updated.resourceGuid()).isEqualTo(created.resourceGuid());
        assertThat(updated.etag()).isNotEqualTo(created.etag());

        SubnetInner child = Lab.done(net.getSubnets().beginCreateOrUpdate("rg", "myVNet", "extra",
                new SubnetInner().withAddressPrefix("10.1.2.0/24")));
        assertThat(child.id()).isEqualTo(lab.subnetId("extra"));
        assertThat(child.provisioningState().toString()).isEqualTo("Succeeded");
        assertThat(net.getSubnets().get("rg", "myVNet", "EXTRA").addressPrefix()).isEqualTo("10.1.2.0/24");
        assertThat(net.getVirtualNetworks().getByResourceGroup("rg", "myVNet").subnets()).hasSize(3);
        assertThat(net.getSubnets().list("rg", "myVNet").stream().count()).isEqualTo(3);
        Lab.done(net.getSubnets().beginDelete("rg", "myVNet", "extra"));
        assertGone(() -> net.getSubnets().get("rg", "myVNet", "extra"));

        Lab.done(net.getVirtualNetworks().beginDelete("rg", "myVNet"));
        assertGone(() -> net.getVirtualNetworks().getByResourceGroup("rg", "myVNet"));
        Lab.done(net.getVirtualNetworks().beginDelete("rg", "myVNet"));
    }

    @Test
    void publicIpAddressesGetDeterministicDocumentationAddresses() {
        Lab lab = lab("rg");
        lab.group();
        NetworkManagementClient net = lab.net.serviceClient();
        PublicIpAddressInner a = lab.pip("a");
        PublicIpAddressInner b = lab.pip("b");
        assertThat(a.ipAddress()).isEqualTo("203.0.113.1");
        assertThat(b.ipAddress()).isEqualTo("203.0.113.2");
        assertThat(a.publicIpAllocationMethod()).isEqualTo(IpAllocationMethod.STATIC);
        PublicIpAddressInner updated = Lab.done(net.getPublicIpAddresses().beginCreateOrUpdate("rg", "a",
                net.getPublicIpAddresses().getByResourceGroup("rg", "a").withIdleTimeoutInMinutes(10)));
        assertThat(updated.ipAddress()).isEqualTo("203.0.113.1");
        assertThat(updated.idleTimeoutInMinutes()).isEqualTo(10);
        Lab.done(net.getPublicIpAddresses().beginDelete("rg", "a"));
        assertGone(() -> net.getPublicIpAddresses().getByResourceGroup("rg", "a"));
        assertThat(lab.pip("c").ipAddress()).as("freed address is reused").isEqualTo("203.0.113.1");
    }

    /** As in Azure, a Dynamic (Basic) address is assigned when something takes the public IP, and released with it. */
    @Test
    void dynamicPublicIpsGetTheirAddressOnAssociation() {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        lab.nsg();
        NetworkManagementClient net = lab.net.serviceClient();
        PublicIpAddressInner dynamic = Lab.done(net.getPublicIpAddresses().beginCreateOrUpdate("rg", "dyn",
                new PublicIpAddressInner().withLocation("eastus").withIpAddress("203.0.113.99")));
        assertThat(dynamic.publicIpAllocationMethod()).isEqualTo(IpAllocationMethod.DYNAMIC);
        assertThat(dynamic.ipAddress()).as("not before an association, whatever the caller sent").isNull();
        assertThat(lab.pip("static").ipAddress()).as("the pool was not touched").isEqualTo("203.0.113.1");

        NetworkInterfaceIpConfigurationInner withIp = new NetworkInterfaceIpConfigurationInner().withName("ipconfig1")
                .withSubnet(new SubnetInner().withId(lab.subnetId("myBackendSubnet")))
                .withPublicIpAddress(new PublicIpAddressInner().withId(lab.net("publicIPAddresses", "dyn")));
        Lab.done(net.getNetworkInterfaces().beginCreateOrUpdate("rg", "nic1",
                new NetworkInterfaceInner().withLocation("eastus").withIpConfigurations(List.of(withIp))));
        PublicIpAddressInner associated = net.getPublicIpAddresses().getByResourceGroup("rg", "dyn");
        assertThat(associated.ipAddress()).isEqualTo("203.0.113.2");
        assertThat(associated.ipConfiguration().id()).endsWith("/networkInterfaces/nic1/ipConfigurations/ipconfig1");
        PublicIpAddressInner updated = Lab.done(net.getPublicIpAddresses().beginCreateOrUpdate("rg", "dyn",
                associated.withIdleTimeoutInMinutes(5)));
        assertThat(updated.ipAddress()).as("kept while associated").isEqualTo("203.0.113.2");

        Lab.done(net.getNetworkInterfaces().beginCreateOrUpdate("rg", "nic1", new NetworkInterfaceInner()
                .withLocation("eastus").withIpConfigurations(List.of(withIp.withPublicIpAddress(null)))));
        PublicIpAddressInner released = net.getPublicIpAddresses().getByResourceGroup("rg", "dyn");
        assertThat(released.ipAddress()).isNull();
        assertThat(released.ipConfiguration()).isNull();
        assertThat(lab.pip("next").ipAddress()).as("the released address is free again").isEqualTo("203.0.113.2");
    }

    @Test
    void securityGroupsAndRules() {
        Lab lab = lab("rg");
        lab.group();
        NetworkManagementClient net = lab.net.serviceClient();
        NetworkSecurityGroupInner nsg = lab.nsg();
        assertThat(nsg.securityRules()).extracting(SecurityRuleInner::id)
                .containsExactly(lab.net("networkSecurityGroups", "myNSG") + "/securityRules/myNSGRuleHTTP");
        assertThat(nsg.defaultSecurityRules()).extracting(SecurityRuleInner::priority)
                .containsExactly(65000, 65001, 65500, 65000, 65001, 65500);
        SecurityRuleInner rule = Lab.done(net.getSecurityRules().beginCreateOrUpdate("rg", "myNSG", "ssh",
                Lab.httpRule().withName(null).withDestinationPortRange("22").withPriority(300)));
        assertThat(rule.name()).isEqualTo("ssh");
        assertThat(net.getSecurityRules().get("rg", "myNSG", "ssh").destinationPortRange()).isEqualTo("22");
        assertThat(net.getDefaultSecurityRules().get("rg", "myNSG", "DenyAllInBound").priority()).isEqualTo(65500);
        assertThat(net.getNetworkSecurityGroups().getByResourceGroup("rg", "myNSG").securityRules()).hasSize(2);
        Lab.done(net.getSecurityRules().beginDelete("rg", "myNSG", "ssh"));
        assertGone(() -> net.getSecurityRules().get("rg", "myNSG", "ssh"));
        Lab.done(net.getNetworkSecurityGroups().beginDelete("rg", "myNSG"));
        assertGone(() -> net.getNetworkSecurityGroups().getByResourceGroup("rg", "myNSG"));
    }

    @Test
    void networkInterfacesAllocateFromTheSubnetAndAreIdempotent() {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        lab.nsg();
        NetworkManagementClient net = lab.net.serviceClient();
        NetworkInterfaceInner first = lab.nic("nic1", false);
        NetworkInterfaceInner second = lab.nic("nic2", false);
        assertThat(first.ipConfigurations().get(0).privateIpAddress()).isEqualTo("10.1.0.4");
        assertThat(second.ipConfigurations().get(0).privateIpAddress()).isEqualTo("10.1.0.5");
        assertThat(first.ipConfigurations().get(0).privateIpAllocationMethod()).isEqualTo(IpAllocationMethod.DYNAMIC);
        NetworkInterfaceInner fetched = net.getNetworkInterfaces().getByResourceGroup("rg", "nic1");
        NetworkInterfaceInner updated = Lab.done(net.getNetworkInterfaces().beginCreateOrUpdate("rg", "nic1",
                fetched.withEnableIpForwarding(true)));
        assertThat(updated.enableIpForwarding()).isTrue();
        assertThat(updated.ipConfigurations().get(0).privateIpAddress()).isEqualTo("10.1.0.4");
        NetworkInterfaceInner again = lab.nic("nic1", false);
        assertThat(again.ipConfigurations().get(0).privateIpAddress()).isEqualTo("10.1.0.4");
        assertThat(Lab.done(net.getNetworkInterfaces().beginCreateOrUpdate("rg", "nic1", again)).etag())
                .as("an identical PUT keeps the etag").isEqualTo(again.etag());
        assertThat(again.macAddress()).isEqualTo(first.macAddress());
        NetworkInterfaceInner withStatic = Lab.done(net.getNetworkInterfaces().beginCreateOrUpdate("rg", "nic3",
                new NetworkInterfaceInner().withLocation("eastus").withIpConfigurations(List.of(
                        new NetworkInterfaceIpConfigurationInner().withName("ipconfig1")
                                .withSubnet(new SubnetInner().withId(lab.subnetId("myBackendSubnet")))
                                .withPrivateIpAllocationMethod(IpAllocationMethod.STATIC)
                                .withPrivateIpAddress("10.1.0.50")))));
        assertThat(withStatic.ipConfigurations().get(0).privateIpAddress()).isEqualTo("10.1.0.50");
        Lab.done(net.getNetworkInterfaces().beginDelete("rg", "nic1"));
        assertGone(() -> net.getNetworkInterfaces().getByResourceGroup("rg", "nic1"));
        assertThat(lab.nic("nic4", false).ipConfigurations().get(0).privateIpAddress())
                .as("released address is free again").isEqualTo("10.1.0.4");
        assertThat(net.getVirtualNetworks().getByResourceGroup("rg", "myVNet").subnets().get(0).ipConfigurations())
                .hasSize(3);
    }

    /**
     * Microsoft's NetworkInterfaceCreate example: a secondary ip configuration naming no subnet is placed in the
     * primary's subnet, and {@code privateIPAddressPrefixLength} gives it an aligned block, written in CIDR form.
     */
    @Test
    void secondaryIpConfigurationWithoutSubnetIsInThePrimarysSubnet() {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        lab.nsg();
        NetworkManagementClient net = lab.net.serviceClient();
        NetworkInterfaceInner body = new NetworkInterfaceInner().withLocation("eastus")
                .withEnableAcceleratedNetworking(true).withIpConfigurations(List.of(
                        new NetworkInterfaceIpConfigurationInner().withName("ipconfig1")
                                .withSubnet(new SubnetInner().withId(lab.subnetId("myBackendSubnet"))),
                        new NetworkInterfaceIpConfigurationInner().withName("ipconfig2")
                                .withPrivateIpAddressPrefixLength(28)));
        NetworkInterfaceInner nic = Lab.done(net.getNetworkInterfaces().beginCreateOrUpdate("rg", "test-nic", body));

        NetworkInterfaceIpConfigurationInner primary = nic.ipConfigurations().get(0);
        NetworkInterfaceIpConfigurationInner secondary = nic.ipConfigurations().get(1);
        assertThat(primary.primary()).isTrue();
        assertThat(primary.privateIpAddress()).isEqualTo("10.1.0.4");
        assertThat(primary.privateIpAddressPrefixLength()).isNull();
        assertThat(secondary.primary()).isFalse();
        assertThat(secondary.subnet().id()).isEqualTo(lab.subnetId("myBackendSubnet"));
        assertThat(secondary.privateIpAddressPrefixLength()).isEqualTo(28);
        assertThat(secondary.privateIpAddress()).as("the first aligned /28 clear of .0-.3 and .4").isEqualTo("10.1.0.16/28");
        assertThat(secondary.privateIpAllocationMethod()).isEqualTo(IpAllocationMethod.DYNAMIC);
        assertThat(secondary.provisioningState().toString()).isEqualTo("Succeeded");
        assertThat(net.getVirtualNetworks().getByResourceGroup("rg", "myVNet").subnets().get(0).ipConfigurations())
                .extracting(c -> c.id().replaceFirst(".*/ipConfigurations/", ""))
                .containsExactlyInAnyOrder("ipconfig1", "ipconfig2");

        // the block is held: single addresses go around it, the next block follows it
        assertThat(Lab.done(net.getNetworkInterfaces().beginCreateOrUpdate("rg", "nic2", body)).ipConfigurations())
                .extracting(NetworkInterfaceIpConfigurationInner::privateIpAddress)
                .containsExactly("10.1.0.5", "10.1.0.32/28");
        NetworkInterfaceInner again = Lab.done(net.getNetworkInterfaces().beginCreateOrUpdate("rg", "test-nic",
                net.getNetworkInterfaces().getByResourceGroup("rg", "test-nic")));
        assertThat(again.ipConfigurations().get(1).privateIpAddress()).as("kept on update").isEqualTo("10.1.0.16/28");
        assertThat(again.etag()).as("an identical PUT").isEqualTo(nic.etag());

        // only a secondary may leave the subnet out
        ManagementException e = catchThrowableOfType(ManagementException.class, () -> Lab.done(
                net.getNetworkInterfaces().beginCreateOrUpdate("rg", "nic3", new NetworkInterfaceInner()
                        .withLocation("eastus").withIpConfigurations(List.of(
                                new NetworkInterfaceIpConfigurationInner().withName("ipconfig1")
                                        .withPrivateIpAddressPrefixLength(28))))));
        assertThat(e.getValue().getCode()).isEqualTo("InvalidRequestFormat");
        Lab.done(net.getNetworkInterfaces().beginDelete("rg", "test-nic"));
        assertThat(lab.nic("nic4", false).ipConfigurations().get(0).privateIpAddress())
                .as("released with its NIC").isEqualTo("10.1.0.4");
    }

    @Test
    void loadBalancersAndTheirChildren() {
        Lab lab = lab("rg");
        lab.group();
        lab.pip("myPublicIP");
        lab.pip("myPublicIPOutbound");
        NetworkManagementClient net = lab.net.serviceClient();
        LoadBalancerInner lb = Lab.done(net.getLoadBalancers().beginCreateOrUpdate("rg", "myLoadBalancer",
                lab.loadBalancerBody(true)));
        assertThat(lb.resourceGuid()).isNotBlank();
        assertThat(net.getLoadBalancerBackendAddressPools().get("rg", "myLoadBalancer", "myBackEndPool").id())
                .isEqualTo(lab.lbPart("backendAddressPools", "myBackEndPool"));
        assertThat(net.getLoadBalancerFrontendIpConfigurations().get("rg", "myLoadBalancer", "myFrontEnd")
                .inboundNatRules()).hasSize(1);
        assertThat(net.getLoadBalancerProbes().get("rg", "myLoadBalancer", "myHealthProbe").port()).isEqualTo(80);
        assertThat(net.getLoadBalancerLoadBalancingRules().get("rg", "myLoadBalancer", "myHTTPRule").frontendPort())
                .isEqualTo(80);
        assertThat(net.getInboundNatRules().get("rg", "myLoadBalancer", "myNatRule").frontendPort())
                .isEqualTo(3389);
        assertThat(net.getLoadBalancerOutboundRules().get("rg", "myLoadBalancer", "myOutboundRule")
                .allocatedOutboundPorts()).isEqualTo(10000);
        LoadBalancerInner fetched = net.getLoadBalancers().getByResourceGroup("rg", "myLoadBalancer");
        fetched.probes().get(0).withPort(8080);
        LoadBalancerInner updated = Lab.done(net.getLoadBalancers().beginCreateOrUpdate("rg", "myLoadBalancer",
                fetched));
        assertThat(updated.probes().get(0).port()).isEqualTo(8080);
        assertThat(updated.probes().get(0).loadBalancingRules()).hasSize(1);
        assertThat(updated.resourceGuid()).isEqualTo(lb.resourceGuid());
        BackendAddressPoolInner extra = Lab.done(net.getLoadBalancerBackendAddressPools().beginCreateOrUpdate("rg",
                "myLoadBalancer", "extraPool", new BackendAddressPoolInner()));
        assertThat(extra.id()).isEqualTo(lab.lbPart("backendAddressPools", "extraPool"));
        assertThat(net.getLoadBalancers().getByResourceGroup("rg", "myLoadBalancer").backendAddressPools())
                .hasSize(3);
        Lab.done(net.getLoadBalancerBackendAddressPools().beginDelete("rg", "myLoadBalancer", "extraPool"));
        assertGone(() -> net.getLoadBalancerBackendAddressPools().get("rg", "myLoadBalancer", "extraPool"));
        assertThat(net.getPublicIpAddresses().getByResourceGroup("rg", "myPublicIP").ipConfiguration().id())
                .isEqualTo(lab.lbPart("frontendIPConfigurations", "myFrontEnd"));
        Lab.done(net.getLoadBalancers().beginDelete("rg", "myLoadBalancer"));
        assertGone(() -> net.getLoadBalancers().getByResourceGroup("rg", "myLoadBalancer"));
        assertThat(net.getPublicIpAddresses().getByResourceGroup("rg", "myPublicIP").ipConfiguration()).isNull();
    }

    @Test
    void internalLoadBalancerFrontendsTakeAddressesFromTheSubnet() {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        lab.nsg();
        lab.nic("nic1", false);
        NetworkManagementClient net = lab.net.serviceClient();
        LoadBalancerInner lb = Lab.done(net.getLoadBalancers().beginCreateOrUpdate("rg", "internal",
                new LoadBalancerInner().withLocation("eastus")
                        .withSku(new LoadBalancerSku().withName(LoadBalancerSkuName.STANDARD))
                        .withFrontendIpConfigurations(List.of(new FrontendIpConfigurationInner().withName("fe")
                                .withSubnet(new SubnetInner().withId(lab.subnetId("myBackendSubnet")))
                                .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC)))));
        assertThat(lb.frontendIpConfigurations().get(0).privateIpAddress()).isEqualTo("10.1.0.5");
        assertThat(net.getVirtualNetworks().getByResourceGroup("rg", "myVNet").subnets().get(0).ipConfigurations())
                .extracting(r -> r.id()).contains(lb.frontendIpConfigurations().get(0).id());
    }

    @Test
    void bastionHosts() {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        lab.pip("myBastionIP");
        NetworkManagementClient net = lab.net.serviceClient();
        var bastion = lab.bastion();
        assertThat(bastion.dnsName()).endsWith(".bastion.azure.com");
        assertThat(bastion.ipConfigurations().get(0).id())
                .isEqualTo(lab.net("bastionHosts", "myBastionHost") + "/bastionHostIpConfigurations/bastionHostIpConfiguration");
        var fetched = net.getBastionHosts().getByResourceGroup("rg", "myBastionHost");
        var updated = Lab.done(net.getBastionHosts().beginCreateOrUpdate("rg", "myBastionHost",
                fetched.withTags(Map.of("x", "y"))));
        assertThat(updated.tags()).containsEntry("x", "y");
        assertThat(updated.dnsName()).isEqualTo(bastion.dnsName());
        Lab.done(net.getBastionHosts().beginDelete("rg", "myBastionHost"));
        assertGone(() -> net.getBastionHosts().getByResourceGroup("rg", "myBastionHost"));
        Lab.done(net.getPublicIpAddresses().beginDelete("rg", "myBastionIP"));
    }
}
