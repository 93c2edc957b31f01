package io.lblab.sim;

import com.azure.resourcemanager.network.fluent.models.LoadBalancerInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample's public lab, built through the SDK, with the server-populated fields ARM fills in. */
class LabEndToEndTest extends SimulatorTestBase {

    @Test
    void publicLabHasServerPopulatedFieldsAndBackReferences() {
        Lab lab = lab("myPublicLoadBalancer1");
        lab.buildPublic(2);
        var net = lab.net.serviceClient();

        NetworkInterfaceInner nic1 = net.getNetworkInterfaces().getByResourceGroup(lab.rg, "myNicVM1");
        NetworkInterfaceInner nic2 = net.getNetworkInterfaces().getByResourceGroup(lab.rg, "myNicVM2");
        assertThat(nic1.ipConfigurations().get(0).privateIpAddress()).isEqualTo("10.1.0.4");
        assertThat(nic2.ipConfigurations().get(0).privateIpAddress()).isEqualTo("10.1.0.5");
        assertThat(nic1.virtualMachine().id()).endsWith("/virtualMachines/myVM1");
        assertThat(nic1.macAddress()).isNotBlank();
        assertThat(nic1.networkSecurityGroup().id()).endsWith("/networkSecurityGroups/myNSG");

        VirtualNetworkInner vnet = net.getVirtualNetworks().getByResourceGroup(lab.rg, "myVNet");
        assertThat(vnet.resourceGuid()).isNotBlank();
        assertThat(vnet.subnets()).hasSize(2);
        assertThat(vnet.subnets().get(0).ipConfigurations()).extracting(c -> c.id())
                .containsExactlyInAnyOrder(nic1.ipConfigurations().get(0).id(), nic2.ipConfigurations().get(0).id());
        assertThat(vnet.subnets().get(1).ipConfigurations()).hasSize(1);

        LoadBalancerInner lb = net.getLoadBalancers().getByResourceGroup(lab.rg, "myLoadBalancer");
        assertThat(lb.backendAddressPools().get(0).backendIpConfigurations()).hasSize(2);
        assertThat(lb.backendAddressPools().get(0).loadBalancingRules()).hasSize(1);
        assertThat(lb.backendAddressPools().get(1).outboundRules()).hasSize(1);
        assertThat(lb.frontendIpConfigurations().get(0).loadBalancingRules()).hasSize(1);
        assertThat(lb.frontendIpConfigurations().get(1).outboundRules()).hasSize(1);
        assertThat(lb.probes().get(0).loadBalancingRules()).hasSize(1);
        assertThat(lb.loadBalancingRules().get(0).backendAddressPools()).hasSize(1);

        var pip = net.getPublicIpAddresses().getByResourceGroup(lab.rg, "myBastionIP");
        assertThat(pip.ipAddress()).isEqualTo("203.0.113.1");
        assertThat(pip.ipConfiguration().id()).contains("/bastionHosts/myBastionHost/");
        assertThat(net.getPublicIpAddresses().getByResourceGroup(lab.rg, "myPublicIP").ipAddress())
                .isEqualTo("203.0.113.2");

        var nsg = net.getNetworkSecurityGroups().getByResourceGroup(lab.rg, "myNSG");
        assertThat(nsg.defaultSecurityRules()).hasSize(6);
        assertThat(nsg.networkInterfaces()).hasSize(2);

        var vm = lab.compute.serviceClient().getVirtualMachines().getByResourceGroup(lab.rg, "myVM1");
        assertThat(vm.provisioningState()).isEqualTo("Succeeded");
        assertThat(vm.osProfile().adminPassword()).isNull();
        List<ObjectNode> all = sim.admin().resources();
        assertThat(all).extracting(r -> r.get("type").asText()).contains("Microsoft.Compute/disks");
        assertThat(sim.admin().resource(vm.storageProfile().osDisk().managedDisk().id()).get("managedBy").asText())
                .isEqualTo(vm.id());
    }
}
