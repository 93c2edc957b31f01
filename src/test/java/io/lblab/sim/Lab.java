package io.lblab.sim;

import com.azure.core.management.SubResource;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.PollerFlux;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.resources.fluentcore.AzureServiceClient;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.CachingTypes;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.compute.models.WindowsConfiguration;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.models.BackendAddressPoolInner;
import com.azure.resourcemanager.network.fluent.models.BastionHostInner;
import com.azure.resourcemanager.network.fluent.models.FrontendIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.InboundNatRuleInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancingRuleInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.OutboundRuleInner;
import com.azure.resourcemanager.network.fluent.models.ProbeInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.BastionHostIpConfiguration;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.LoadBalancerOutboundRuleProtocol;
import com.azure.resourcemanager.network.models.LoadBalancerSku;
import com.azure.resourcemanager.network.models.LoadBalancerSkuName;
import com.azure.resourcemanager.network.models.ProbeProtocol;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import com.azure.resourcemanager.network.models.TransportProtocol;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;

import java.util.ArrayList;
import java.util.List;

/** Builds the sample's public load-balancer lab (PARAMETERS.md) through the SDK's service clients. */
final class Lab {
    static final String LOC = "eastus";
    final SimClients clients;
    final ResourceManager rm;
    final NetworkManager net;
    final ComputeManager compute;
    final String sub;
    final String rg;

    Lab(SimClients clients, SimulatorInfo info, String rg) {
        this.clients = clients;
        this.rm = clients.resources();
        this.net = clients.network();
        this.compute = clients.compute();
        this.sub = clients.subscriptionId();
        this.rg = rg;
    }

    /**
     * Waits for an LRO with a short poll interval (the SDK's default is 30 s). A SyncPoller's
     * getFinalResult() quietly returns null for a failed operation, so failures are raised here;
     * {@link #orError} shows how the SDK itself turns them into ManagementException.
     */
    static <T> T done(SyncPoller<?, T> poller) {
        poller.setPollInterval(SimClients.POLL);
        PollResponse<?> last = poller.waitForCompletion();
        if (last.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            throw new IllegalStateException("operation ended " + last.getStatus());
        }
        return poller.getFinalResult();
    }

    /** The SDK's own async path: last poll response, then getLroFinalResultOrError (throws ManagementException). */
    static <T> T orError(PollerFlux<PollResult<T>, T> flux, Object serviceClient) {
        flux.setPollInterval(SimClients.POLL);
        AzureServiceClient client = (AzureServiceClient) serviceClient;
        return flux.last().flatMap(client::<T, T>getLroFinalResultOrError).block();
    }

    String id(String type, String name) {
        return "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/" + type + "/" + name;
    }

    String net(String type, String name) {
        return id("Microsoft.Network/" + type, name);
    }

    String subnetId(String name) {
        return net("virtualNetworks", "myVNet") + "/subnets/" + name;
    }

    String lbPart(String segment, String name) {
        return net("loadBalancers", "myLoadBalancer") + "/" + segment + "/" + name;
    }

    static SubResource ref(String id) {
        return new SubResource().withId(id);
    }

    ResourceGroupInner group() {
        return rm.serviceClient().getResourceGroups().createOrUpdate(rg, new ResourceGroupInner().withLocation(LOC));
    }

    VirtualNetworkInner vnet() {
        return done(net.serviceClient().getVirtualNetworks().beginCreateOrUpdate(rg, "myVNet", new VirtualNetworkInner()
                .withLocation(LOC)
                .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.1.0.0/16")))
                .withSubnets(List.of(
                        new SubnetInner().withName("myBackendSubnet").withAddressPrefix("10.1.0.0/24"),
                        new SubnetInner().withName("AzureBastionSubnet").withAddressPrefix("10.1.1.0/24")))));
    }

    PublicIpAddressInner pip(String name) {
        return done(net.serviceClient().getPublicIpAddresses().beginCreateOrUpdate(rg, name, new PublicIpAddressInner()
                .withLocation(LOC)
                .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD))
                .withPublicIpAllocationMethod(IpAllocationMethod.STATIC)));
    }

    NetworkSecurityGroupInner nsg() {
        return done(net.serviceClient().getNetworkSecurityGroups().beginCreateOrUpdate(rg, "myNSG",
                new NetworkSecurityGroupInner().withLocation(LOC).withSecurityRules(List.of(httpRule()))));
    }

    static SecurityRuleInner httpRule() {
        return new SecurityRuleInner().withName("myNSGRuleHTTP").withProtocol(SecurityRuleProtocol.ASTERISK)
                .withSourcePortRange("*").withDestinationPortRange("80").withSourceAddressPrefix("*")
                .withDestinationAddressPrefix("*").withAccess(SecurityRuleAccess.ALLOW).withPriority(200)
                .withDirection(SecurityRuleDirection.INBOUND);
    }

    LoadBalancerInner loadBalancerBody(boolean withNatRule) {
        LoadBalancerInner lb = new LoadBalancerInner().withLocation(LOC)
                .withSku(new LoadBalancerSku().withName(LoadBalancerSkuName.STANDARD))
                .withFrontendIpConfigurations(List.of(
                        new FrontendIpConfigurationInner().withName("myFrontEnd")
                                .withPublicIpAddress(new PublicIpAddressInner().withId(net("publicIPAddresses", "myPublicIP"))),
                        new FrontendIpConfigurationInner().withName("myFrontEndOutbound")
                                .withPublicIpAddress(new PublicIpAddressInner()
                                        .withId(net("publicIPAddresses", "myPublicIPOutbound")))))
                .withBackendAddressPools(List.of(new BackendAddressPoolInner().withName("myBackEndPool"),
                        new BackendAddressPoolInner().withName("myBackendPoolOutbound")))
                .withProbes(List.of(new ProbeInner().withName("myHealthProbe").withProtocol(ProbeProtocol.TCP)
                        .withPort(80)))
                .withLoadBalancingRules(List.of(new LoadBalancingRuleInner().withName("myHTTPRule")
                        .withProtocol(TransportProtocol.TCP).withFrontendPort(80).withBackendPort(80)
                        .withFrontendIpConfiguration(ref(lbPart("frontendIPConfigurations", "myFrontEnd")))
                        .withBackendAddressPool(ref(lbPart("backendAddressPools", "myBackEndPool")))
                        .withProbe(ref(lbPart("probes", "myHealthProbe")))
                        .withIdleTimeoutInMinutes(15).withEnableFloatingIp(true).withDisableOutboundSnat(true)))
                .withOutboundRules(List.of(new OutboundRuleInner().withName("myOutboundRule")
                        .withFrontendIpConfigurations(List.of(ref(lbPart("frontendIPConfigurations",
                                "myFrontEndOutbound"))))
                        .withBackendAddressPool(ref(lbPart("backendAddressPools", "myBackendPoolOutbound")))
                        .withProtocol(LoadBalancerOutboundRuleProtocol.ALL).withIdleTimeoutInMinutes(15)
                        .withAllocatedOutboundPorts(10000)));
        if (withNatRule) {
            lb.withInboundNatRules(List.of(new InboundNatRuleInner().withName("myNatRule")
                    .withFrontendIpConfiguration(ref(lbPart("frontendIPConfigurations", "myFrontEnd")))
                    .withProtocol(TransportProtocol.TCP).withFrontendPort(3389).withBackendPort(3389)));
        }
        return lb;
    }

    LoadBalancerInner loadBalancer() {
        return done(net.serviceClient().getLoadBalancers().beginCreateOrUpdate(rg, "myLoadBalancer",
                loadBalancerBody(false)));
    }

    NetworkInterfaceInner nic(String name, boolean inPools) {
        NetworkInterfaceIpConfigurationInner ip = new NetworkInterfaceIpConfigurationInner().withName("ipconfig1")
                .withSubnet(new SubnetInner().withId(subnetId("myBackendSubnet")));
        if (inPools) {
            ip.withLoadBalancerBackendAddressPools(List.of(
                    new BackendAddressPoolInner().withId(lbPart("backendAddressPools", "myBackEndPool")),
                    new BackendAddressPoolInner().withId(lbPart("backendAddressPools", "myBackendPoolOutbound"))));
        }
        return done(net.serviceClient().getNetworkInterfaces().beginCreateOrUpdate(rg, name, new NetworkInterfaceInner()
                .withLocation(LOC).withEnableAcceleratedNetworking(true)
                .withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(net("networkSecurityGroups", "myNSG")))
                .withIpConfigurations(List.of(ip))));
    }

    BastionHostInner bastionBody() {
        return new BastionHostInner().withLocation(LOC).withIpConfigurations(List.of(new BastionHostIpConfiguration()
                .withName("bastionHostIpConfiguration")
                .withSubnet(ref(subnetId("AzureBastionSubnet")))
                .withPublicIpAddress(ref(net("publicIPAddresses", "myBastionIP")))));
    }

    BastionHostInner bastion() {
        return done(net.serviceClient().getBastionHosts().beginCreateOrUpdate(rg, "myBastionHost", bastionBody()));
    }

    VirtualMachineInner vmBody(String name, String nicName, boolean deleteEverything) {
        DiskDeleteOptionTypes diskDelete = deleteEverything ? DiskDeleteOptionTypes.DELETE : null;
        return new VirtualMachineInner().withLocation(LOC)
                .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.STANDARD_D2_V2))
                .withStorageProfile(new StorageProfile()
                        .withImageReference(new ImageReference().withPublisher("MicrosoftWindowsServer")
                                .withOffer("WindowsServer").withSku("2019-Datacenter").withVersion("latest"))
                        .withOsDisk(new OSDisk().withName(name + "osdisk").withCaching(CachingTypes.READ_WRITE)
                                .withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
                                .withManagedDisk(new ManagedDiskParameters()
                                        .withStorageAccountType(StorageAccountTypes.STANDARD_LRS))
                                .withDeleteOption(diskDelete))
                        .withDataDisks(List.of(new DataDisk().withLun(0).withCreateOption(DiskCreateOptionTypes.EMPTY)
                                .withDiskSizeGB(1023).withDeleteOption(diskDelete))))
                .withOsProfile(new OSProfile().withComputerName(name).withAdminUsername("azureuser")
                        .withAdminPassword("S3cret-Passw0rd!")
                        .withWindowsConfiguration(new WindowsConfiguration().withEnableAutomaticUpdates(true)))
                .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(new NetworkInterfaceReference()
                        .withId(net("networkInterfaces", nicName)).withPrimary(true)
                        .withDeleteOption(deleteEverything ? DeleteOptions.DELETE : null))));
    }

    VirtualMachineInner vm(String name, String nicName, boolean deleteEverything) {
        return done(compute.serviceClient().getVirtualMachines().beginCreateOrUpdate(rg, name,
                vmBody(name, nicName, deleteEverything)));
    }

    /** The whole public lab: network, bastion, NSG, LB, {@code count} NICs and VMs. */
    List<String> buildPublic(int count) {
        group();
        vnet();
        pip("myBastionIP");
        pip("myPublicIP");
        pip("myPublicIPOutbound");
        bastion();
        nsg();
        loadBalancer();
        List<String> vms = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            nic("myNicVM" + i, true);
            vm("myVM" + i, "myNicVM" + i, false);
            vms.add("myVM" + i);
        }
        return vms;
    }
}
