package io.lblab.bench;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.SubResource;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.polling.SyncPoller;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.CachingTypes;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
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
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.BackendAddressPoolInner;
import com.azure.resourcemanager.network.models.BastionHostIpConfiguration;
import com.azure.resourcemanager.network.fluent.models.BastionHostInner;
import com.azure.resourcemanager.network.fluent.models.FrontendIpConfigurationInner;
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
import com.azure.resourcemanager.resources.fluent.ResourceGroupsClient;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import io.lblab.api.Mode;
import io.lblab.azure.AzureCloud;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The baseline: Microsoft's sample ({@code example_public_load_balancer.py}, {@code example_internal_load_balancer.py})
 * step by step in the sample's order, with the same Azure SDK the operator uses, against the same simulator. Like the
 * sample it blocks on every long-running operation ({@code beginCreateOrUpdate(...)}, then
 * {@code getFinalResult()}) before starting the next, builds the VNet with one subnet and adds the Bastion subnet
 * and the NSG rule as child PUTs, creates the VMs before the load balancer, grows the load balancer by one part
 * per PUT (six PUTs in Public mode, three in Internal), and then PUTs each NIC again to join the pool(s).
 *
 * <p>Deviations, none of which changes the number or order of requests: the VMs get a random password instead of
 * the sample's hard-coded one, and in Internal mode the NICs' ip configuration is {@code ipconfig1}
 * (PARAMETERS.md) so that the pool update really adds them to the pool (the sample names it
 * {@code myBastionIPConfig} and then matches {@code ipconfig1}, so its NIC PUTs change nothing). The sample's
 * teardown (step 22/17) is not part of its measured time, as in the sample, which prints its running time
 * before it deletes the group.
 */
public final class SampleSequentialFlow {

    public static final String LOCATION = "eastus";
    public static final String PUBLIC_GROUP = "myPublicLoadBalancer1";
    public static final String INTERNAL_GROUP = "myInternalLoadBalancer1";
    private static final String VNET = "myVNet";
    private static final String BACKEND_SUBNET = "myBackendSubnet";
    private static final String IP_CONFIG = "ipconfig1";
    private static final List<String> NICS = List.of("myNicVM1", "myNicVM2", "myNicVM3");
    private static final List<String> VMS = List.of("myVM1", "myVM2", "myVM3");
    private static final String LB = "myLoadBalancer";

    /** One step of the sample as it ran, wall-clock. */
    public record Step(String name, Instant start, Instant end) {
    }

    /** The run: the resource group it used and when it started and ended (wall-clock). */
    public record Result(Mode mode, String resourceGroup, Instant start, Instant end, List<Step> steps) {
        public Duration elapsed() {
            return Duration.between(start, end);
        }
    }

    private final Duration pollInterval;
    private final ResourceGroupsClient groups;
    private final NetworkManagementClient network;
    private final ComputeManagementClient compute;
    private final String adminPassword = randomPassword();
    private final List<Step> steps = new ArrayList<>();

    /**
     * @param pollInterval the pollers' interval when the simulator sends no {@code Retry-After} (the same as the
     *                     operator's {@code lblab.azure.poll-interval}, so both poll alike)
     */
    public SampleSequentialFlow(SimConnection sim, Duration pollInterval) {
        this.pollInterval = pollInterval;
        HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(sim.sslContext())).build();
        TokenCredential credential = new ClientSecretCredentialBuilder()
                .tenantId(sim.tenantId())
                .clientId(sim.clientId())
                .clientSecret(sim.clientSecret())
                .authorityHost(sim.baseUrl())
                .disableInstanceDiscovery()
                .httpClient(http)
                .build();
        AzureProfile profile = new AzureProfile(sim.tenantId(), sim.subscriptionId(),
                AzureCloud.CUSTOM.environment(Optional.of(sim.baseUrl()), Optional.of(sim.baseUrl())));
        // the operator's pipeline (AzureGateway): the SDK's default policies, retries included
        HttpPipeline pipeline = HttpPipelineProvider.buildHttpPipeline(credential, profile, null, null, null, null, null, http);
        this.groups = ResourceManager.authenticate(pipeline, profile).withSubscription(sim.subscriptionId())
                .resourceGroups().manager().serviceClient().getResourceGroups();
        this.network = NetworkManager.authenticate(pipeline, profile).serviceClient();
        this.compute = ComputeManager.authenticate(pipeline, profile).serviceClient();
    }

    public static String resourceGroup(Mode mode) {
        return mode == Mode.Public ? PUBLIC_GROUP : INTERNAL_GROUP;
    }

    /** Fetches a token so that the measured run does not include the credential's first round trip. */
    public void warmUp() {
        groups.list().stream().findFirst().ifPresent(g -> { });
    }

    public Result run(Mode mode) {
        steps.clear();
        String rg = resourceGroup(mode);
        boolean isPublic = mode == Mode.Public;
        Instant start = Instant.now();

        step("1 Create Resource group", () -> groups.createOrUpdate(rg, new ResourceGroupInner().withLocation(LOCATION)));

        VirtualNetworkInner vnet = step("2 Create VNet", () -> done(network.getVirtualNetworks().beginCreateOrUpdate(rg, VNET,
                new VirtualNetworkInner().withLocation(LOCATION)
                        .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.1.0.0/16")))
                        .withSubnets(List.of(new SubnetInner().withName(BACKEND_SUBNET).withAddressPrefix("10.1.0.0/24"))))));
        String backendSubnetId = vnet.subnets().get(0).id();

        PublicIpAddressInner bastionIp = step("3 Create PublicIP for the Bastion Host",
                () -> done(network.getPublicIpAddresses().beginCreateOrUpdate(rg, "myBastionIP", standardStaticIp())));

        SubnetInner bastionSubnet = step("4 Create Bastion Subnet", () -> done(network.getSubnets()
                .beginCreateOrUpdate(rg, VNET, "AzureBastionSubnet", new SubnetInner().withAddressPrefix("10.1.1.0/24"))));

        step("5 Create Bastion Host", () -> done(network.getBastionHosts().beginCreateOrUpdate(rg, "myBastionHost",
                new BastionHostInner().withLocation(LOCATION).withIpConfigurations(List.of(
                        new BastionHostIpConfiguration().withName(IP_CONFIG)
                                .withSubnet(new SubResource().withId(bastionSubnet.id()))
                                .withPublicIpAddress(new SubResource().withId(bastionIp.id())))))));

        NetworkSecurityGroupInner nsg = step("6 Create Network Security Group", () -> done(network.getNetworkSecurityGroups()
                .beginCreateOrUpdate(rg, "myNSG", new NetworkSecurityGroupInner().withLocation(LOCATION))));

        step("7 Create Network Security Group Rule", () -> done(network.getSecurityRules().beginCreateOrUpdate(rg, "myNSG",
                "myNSGRuleHTTP", new SecurityRuleInner()
                        .withProtocol(SecurityRuleProtocol.ASTERISK)
                        .withDirection(SecurityRuleDirection.INBOUND)
                        .withSourceAddressPrefix("*")
                        .withSourcePortRange("*")
                        .withDestinationAddressPrefix("*")
                        .withDestinationPortRange("80")
                        .withAccess(SecurityRuleAccess.ALLOW)
                        .withPriority(200))));

        // 8 Create Backend Servers - Standard: a heading in the sample; 9 Create Network Interfaces for the VMs
        List<NetworkInterfaceInner> nics = new ArrayList<>();
        for (String nic : NICS) {
            nics.add(step("9 Create Network Interface " + nic, () -> done(network.getNetworkInterfaces()
                    .beginCreateOrUpdate(rg, nic, nic(backendSubnetId, nsg.id(), true)))));
        }
        for (int i = 0; i < VMS.size(); i++) {
            int index = i;
            step("10 Create VM " + VMS.get(i), () -> done(compute.getVirtualMachines().beginCreateOrUpdate(rg, VMS.get(index),
                    vm("myVMosdisk" + (index + 1), nics.get(index).id()))));
        }

        LoadBalancerInner parameters = new LoadBalancerInner().withLocation(LOCATION)
                .withSku(new LoadBalancerSku().withName(LoadBalancerSkuName.STANDARD));
        FrontendIpConfigurationInner frontend = new FrontendIpConfigurationInner().withName("myFrontEnd");
        if (isPublic) {
            PublicIpAddressInner lbIp = step("11 Create PublicIP for the Load Balancer",
                    () -> done(network.getPublicIpAddresses().beginCreateOrUpdate(rg, "myPublicIP", standardStaticIp())));
            frontend.withPublicIpAddress(new PublicIpAddressInner().withId(lbIp.id()));
        } else {
            frontend.withSubnet(vnet.subnets().get(0));
        }
        parameters.withFrontendIpConfigurations(new ArrayList<>(List.of(frontend)))
                .withBackendAddressPools(new ArrayList<>(List.of(new BackendAddressPoolInner().withName("myBackEndPool"))));
        LoadBalancerInner loadBalancer = step("12 Create Load Balancer", () -> putLoadBalancer(rg, parameters));

        parameters.withProbes(List.of(new ProbeInner().withName("myHealthProbe").withProtocol(ProbeProtocol.TCP).withPort(80)));
        LoadBalancerInner withProbe = step("13 Create Health Probe", () -> putLoadBalancer(rg, parameters));

        LoadBalancingRuleInner rule = new LoadBalancingRuleInner().withName("myHTTPRule")
                .withProtocol(TransportProtocol.TCP)
                .withFrontendPort(80)
                .withBackendPort(80)
                .withFrontendIpConfiguration(new SubResource().withId(loadBalancer.frontendIpConfigurations().get(0).id()))
                .withBackendAddressPool(new SubResource().withId(loadBalancer.backendAddressPools().get(0).id()))
                .withProbe(new SubResource().withId(withProbe.probes().get(0).id()))
                .withIdleTimeoutInMinutes(15)
                .withEnableFloatingIp(true);
        if (isPublic) {
            rule.withDisableOutboundSnat(true);
        }
        parameters.withLoadBalancingRules(List.of(rule));
        step("14 Create Load Balancer Rule", () -> putLoadBalancer(rg, parameters));

        // 15 Add VMs to Load Balancer Backend Pool: the NIC as its creation returned it, with the pool set
        for (int i = 0; i < NICS.size(); i++) {
            NetworkInterfaceInner nic = nics.get(i);
            for (NetworkInterfaceIpConfigurationInner ipConfiguration : nic.ipConfigurations()) {
                if (IP_CONFIG.equals(ipConfiguration.name())) {
                    ipConfiguration.withLoadBalancerBackendAddressPools(new ArrayList<>(List.of(loadBalancer.backendAddressPools().get(0))));
                }
            }
            step("15 Add " + NICS.get(i) + " to the Backend Pool",
                    () -> done(network.getNetworkInterfaces().beginCreateOrUpdate(rg, nic.name(), nic)));
        }

        if (isPublic) {
            PublicIpAddressInner outboundIp = step("16 Create PublicIP for the Outbound Connectivity",
                    () -> done(network.getPublicIpAddresses().beginCreateOrUpdate(rg, "myPublicIPOutbound", standardStaticIp())));

            parameters.frontendIpConfigurations().add(new FrontendIpConfigurationInner().withName("myFrontEndOutbound")
                    .withPublicIpAddress(new PublicIpAddressInner().withId(outboundIp.id())));
            LoadBalancerInner withOutboundFrontend = step("17 Create Frontend IP Configuration", () -> putLoadBalancer(rg, parameters));

            parameters.backendAddressPools().add(new BackendAddressPoolInner().withName("myBackendPoolOutbound"));
            LoadBalancerInner withOutboundPool = step("18 Create Outbound Pool", () -> putLoadBalancer(rg, parameters));

            List<FrontendIpConfigurationInner> frontends = withOutboundFrontend.frontendIpConfigurations();
            List<BackendAddressPoolInner> pools = withOutboundPool.backendAddressPools();
            parameters.withOutboundRules(List.of(new OutboundRuleInner().withName("myOutboundRule")
                    .withFrontendIpConfigurations(List.of(new SubResource().withId(frontends.get(frontends.size() - 1).id())))
                    .withProtocol(LoadBalancerOutboundRuleProtocol.ALL)
                    .withIdleTimeoutInMinutes(15)
                    .withAllocatedOutboundPorts(10000)
                    .withBackendAddressPool(new SubResource().withId(pools.get(pools.size() - 1).id()))));
            step("19 Create Outbound Rule for the Outbound Backend Pool", () -> putLoadBalancer(rg, parameters));

            // 20 Add VMs to the Outbound Pool: read the pool, then per NIC read it, append the pool, write it
            BackendAddressPoolInner outboundPool = step("20 Get the Outbound Pool",
                    () -> network.getLoadBalancerBackendAddressPools().get(rg, LB, "myBackendPoolOutbound"));
            for (String name : NICS) {
                NetworkInterfaceInner nic = step("20 Get " + name, () -> network.getNetworkInterfaces().getByResourceGroup(rg, name));
                for (NetworkInterfaceIpConfigurationInner ipConfiguration : nic.ipConfigurations()) {
                    if (IP_CONFIG.equals(ipConfiguration.name())) {
                        List<BackendAddressPoolInner> joined = ipConfiguration.loadBalancerBackendAddressPools() == null
                                ? new ArrayList<>() : new ArrayList<>(ipConfiguration.loadBalancerBackendAddressPools());
                        joined.add(outboundPool);
                        ipConfiguration.withLoadBalancerBackendAddressPools(joined);
                    }
                }
                step("20 Add " + name + " to the Outbound Pool",
                        () -> done(network.getNetworkInterfaces().beginCreateOrUpdate(rg, name, nic)));
            }

            step("21 Get the PublicIP Address of the Load Balancer",
                    () -> network.getPublicIpAddresses().getByResourceGroup(rg, "myPublicIP"));
        } else {
            NetworkInterfaceInner testNic = step("15 Create NIC for VM to test", () -> done(network.getNetworkInterfaces()
                    .beginCreateOrUpdate(rg, "myNicTestVM", nic(backendSubnetId, nsg.id(), false))));
            step("16 Create VM for test", () -> done(compute.getVirtualMachines().beginCreateOrUpdate(rg, "myTestVM",
                    vm("myVMosdisk", testNic.id()))));
        }
        return new Result(mode, rg, start, Instant.now(), List.copyOf(steps));
    }

    /** The sample's step 22/17, timed separately: delete the group and wait until it is gone. */
    public Duration deleteResourceGroup(Mode mode) {
        Instant start = Instant.now();
        done(groups.beginDelete(resourceGroup(mode)));
        return Duration.between(start, Instant.now());
    }

    private LoadBalancerInner putLoadBalancer(String rg, LoadBalancerInner parameters) {
        return done(network.getLoadBalancers().beginCreateOrUpdate(rg, LB, parameters));
    }

    private <T> T done(SyncPoller<?, T> poller) {
        return poller.setPollInterval(pollInterval).getFinalResult();
    }

    private <T> T step(String name, java.util.function.Supplier<T> call) {
        Instant start = Instant.now();
        T result = call.get();
        steps.add(new Step(name, start, Instant.now()));
        return result;
    }

    private static PublicIpAddressInner standardStaticIp() {
        return new PublicIpAddressInner().withLocation(LOCATION)
                .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD))
                .withPublicIpAllocationMethod(IpAllocationMethod.STATIC);
    }

    private static NetworkInterfaceInner nic(String subnetId, String nsgId, boolean acceleratedNetworking) {
        NetworkInterfaceInner nic = new NetworkInterfaceInner().withLocation(LOCATION)
                .withIpConfigurations(List.of(new NetworkInterfaceIpConfigurationInner().withName(IP_CONFIG)
                        .withSubnet(new SubnetInner().withId(subnetId))))
                .withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(nsgId));
        return acceleratedNetworking ? nic.withEnableAcceleratedNetworking(true) : nic;
    }

    private VirtualMachineInner vm(String osDiskName, String nicId) {
        return new VirtualMachineInner().withLocation(LOCATION)
                .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.STANDARD_D2_V2))
                .withStorageProfile(new StorageProfile()
                        .withImageReference(new ImageReference().withPublisher("MicrosoftWindowsServer")
                                .withOffer("WindowsServer").withSku("2019-Datacenter").withVersion("latest"))
                        .withOsDisk(new OSDisk().withName(osDiskName).withCaching(CachingTypes.READ_WRITE)
                                .withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
                                .withManagedDisk(new ManagedDiskParameters().withStorageAccountType(StorageAccountTypes.STANDARD_LRS)))
                        .withDataDisks(List.of(new DataDisk().withLun(0).withDiskSizeGB(1023)
                                .withCreateOption(DiskCreateOptionTypes.EMPTY))))
                .withOsProfile(new OSProfile().withComputerName("myVM").withAdminUsername("azureuser")
                        .withAdminPassword(adminPassword)
                        .withWindowsConfiguration(new WindowsConfiguration().withEnableAutomaticUpdates(true)))
                .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(
                        new NetworkInterfaceReference().withId(nicId).withPrimary(true))));
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder("Aa1!");
        String all = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        for (int i = 0; i < 16; i++) {
            password.append(all.charAt(random.nextInt(all.length())));
        }
        return password.toString();
    }
}
