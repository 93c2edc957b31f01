package io.lblab.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.PollerFlux;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.models.BastionHostInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.ProvisioningState;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import com.azure.resourcemanager.resources.fluentcore.AzureServiceClient;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.blueprint.ResourceKind;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only code that talks to Azure: resource groups, the resource list, and GET/PUT/DELETE per resource type,
 * through the azure-resourcemanager service clients. Every call is asynchronous; long-running operations
 * return a {@link Mono} that completes when ARM says the operation finished, without holding a thread.
 */
public class AzureGateway implements ArmWriter {

    static final String LIST_EXPAND = "changedTime,createdTime,provisioningState";

    private final String subscriptionId;
    private final ResourceManager resources;
    private final Duration pollInterval;
    private final Map<ResourceKind, TypedResourceClient<?>> clients = new EnumMap<>(ResourceKind.class);
    private final Map<ResourceKind, AzureServiceClient> serviceClients = new EnumMap<>(ResourceKind.class);
    private final AzureServiceClient resourcesClient;

    public AzureGateway(AzureAccess access, AzureProfile profile, HttpClient httpClient, Duration pollInterval) {
        this(access, profile, httpClient, pollInterval, List.of());
    }

    /** @param policies added to the SDK's pipeline (per call or per retry, as each policy says), e.g. {@link ArmMetricsPolicy} */
    public AzureGateway(AzureAccess access, AzureProfile profile, HttpClient httpClient, Duration pollInterval,
                        List<HttpPipelinePolicy> policies) {
        this.subscriptionId = access.subscriptionId();
        this.pollInterval = pollInterval;
        HttpPipeline pipeline = HttpPipelineProvider.buildHttpPipeline(access.credential(), profile, null, null, null,
                null, policies, httpClient);
        this.resources = ResourceManager.authenticate(pipeline, profile).withSubscription(subscriptionId);
        this.resourcesClient = (AzureServiceClient) resources.serviceClient();
        var network = NetworkManager.authenticate(pipeline, profile).serviceClient();
        var compute = ComputeManager.authenticate(pipeline, profile).serviceClient();
        for (ResourceKind kind : ResourceKind.values()) {
            serviceClients.put(kind, (AzureServiceClient) ("Microsoft.Compute".equals(kind.namespace()) ? compute : network));
        }

        clients.put(ResourceKind.VIRTUAL_NETWORK, new TypedResourceClient<>(ResourceKind.VIRTUAL_NETWORK,
                (rg, n) -> network.getVirtualNetworks().getByResourceGroupWithResponseAsync(rg, n, null),
                network.getVirtualNetworks()::beginCreateOrUpdateAsync,
                network.getVirtualNetworks()::beginDeleteAsync,
                VirtualNetworkInner::fromJson, m -> state(m.provisioningState())));
        clients.put(ResourceKind.PUBLIC_IP_ADDRESS, new TypedResourceClient<>(ResourceKind.PUBLIC_IP_ADDRESS,
                (rg, n) -> network.getPublicIpAddresses().getByResourceGroupWithResponseAsync(rg, n, null),
                network.getPublicIpAddresses()::beginCreateOrUpdateAsync,
                network.getPublicIpAddresses()::beginDeleteAsync,
                PublicIpAddressInner::fromJson, m -> state(m.provisioningState())));
        clients.put(ResourceKind.BASTION_HOST, new TypedResourceClient<>(ResourceKind.BASTION_HOST,
                network.getBastionHosts()::getByResourceGroupWithResponseAsync,
                network.getBastionHosts()::beginCreateOrUpdateAsync,
                network.getBastionHosts()::beginDeleteAsync,
                BastionHostInner::fromJson, m -> state(m.provisioningState())));
        clients.put(ResourceKind.NETWORK_SECURITY_GROUP, new TypedResourceClient<>(ResourceKind.NETWORK_SECURITY_GROUP,
                (rg, n) -> network.getNetworkSecurityGroups().getByResourceGroupWithResponseAsync(rg, n, null),
                network.getNetworkSecurityGroups()::beginCreateOrUpdateAsync,
                network.getNetworkSecurityGroups()::beginDeleteAsync,
                NetworkSecurityGroupInner::fromJson, m -> state(m.provisioningState())));
        clients.put(ResourceKind.NETWORK_INTERFACE, new TypedResourceClient<>(ResourceKind.NETWORK_INTERFACE,
                (rg, n) -> network.getNetworkInterfaces().getByResourceGroupWithResponseAsync(rg, n, null),
                network.getNetworkInterfaces()::beginCreateOrUpdateAsync,
                network.getNetworkInterfaces()::beginDeleteAsync,
                NetworkInterfaceInner::fromJson, m -> state(m.provisioningState())));
        clients.put(ResourceKind.LOAD_BALANCER, new TypedResourceClient<>(ResourceKind.LOAD_BALANCER,
                (rg, n) -> network.getLoadBalancers().getByResourceGroupWithResponseAsync(rg, n, null),
                network.getLoadBalancers()::beginCreateOrUpdateAsync,
                network.getLoadBalancers()::beginDeleteAsync,
                LoadBalancerInner::fromJson, m -> state(m.provisioningState())));
        clients.put(ResourceKind.VIRTUAL_MACHINE, new TypedResourceClient<>(ResourceKind.VIRTUAL_MACHINE,
                (rg, n) -> compute.getVirtualMachines().getByResourceGroupWithResponseAsync(rg, n, null),
                compute.getVirtualMachines()::beginCreateOrUpdateAsync,
                compute.getVirtualMachines()::beginDeleteAsync,
                VirtualMachineInner::fromJson, VirtualMachineInner::provisioningState));
        clients.put(ResourceKind.DISK, new TypedResourceClient<DiskInner>(ResourceKind.DISK,
                compute.getDisks()::getByResourceGroupWithResponseAsync,
                null,
                compute.getDisks()::beginDeleteAsync,
                DiskInner::fromJson, DiskInner::provisioningState));
    }

    private static String state(ProvisioningState state) {
        return state == null ? null : state.toString();
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    /** The group, or empty when Azure answers 404. */
    public Mono<Optional<ResourceGroupState>> getResourceGroup(String name) {
        return resources.serviceClient().getResourceGroups().getWithResponseAsync(name)
                .map(response -> Optional.of(toState(response.getValue())))
                .onErrorResume(AzureGateway::isNotFound, e -> Mono.just(Optional.empty()));
    }

    /** Resource group create or update: synchronous in ARM. */
    public Mono<ResourceGroupState> putResourceGroup(String name, String location, Map<String, String> tags) {
        ResourceGroupInner body = new ResourceGroupInner().withLocation(location).withTags(tags);
        return resources.serviceClient().getResourceGroups().createOrUpdateWithResponseAsync(name, body)
                .map(response -> toState(response.getValue()));
    }

    /** Delete the group and everything in it; completes when ARM's operation finishes. */
    public Mono<Void> deleteResourceGroup(String name) {
        return last(resourcesClient, resources.serviceClient().getResourceGroups().beginDeleteAsync(name)).then();
    }

    /** Every top-level resource of the group with its changedTime and provisioning state: one read. */
    public Mono<List<ListedResource>> listResources(String resourceGroup) {
        return resources.serviceClient().getResources()
                .listByResourceGroupAsync(resourceGroup, null, LIST_EXPAND, null)
                .map(r -> new ListedResource(r.id(), r.type(), r.name(), r.changedTime(), r.provisioningState()))
                .collectList();
    }

    /** The resource, or empty when Azure answers 404. */
    public Mono<Optional<ObservedResource>> get(ResourceKind kind, String resourceGroup, String name) {
        return client(kind).get(subscriptionId, resourceGroup, name)
                .map(Optional::of)
                .onErrorResume(AzureGateway::isNotFound, e -> Mono.just(Optional.empty()));
    }

    /** PUT the whole body; completes with the resource as ARM shows it when the operation has finished. */
    public Mono<ObservedResource> put(ResourceKind kind, String resourceGroup, String name, JsonNode body) {
        return putTyped(client(kind), kind.resourceId(subscriptionId, resourceGroup, name), resourceGroup, name, body);
    }

    private <T> Mono<ObservedResource> putTyped(TypedResourceClient<T> client, String id,
                                                                           String resourceGroup, String name, JsonNode body) {
        return Mono.defer(() -> last(serviceClients.get(client.kind()), client.beginPut(resourceGroup, name, body)))
                .map(model -> client.observe(id, model));
    }

    /** DELETE; completes when the resource is gone (a 204 for an absent resource counts as gone). */
    public Mono<Void> delete(ResourceKind kind, String resourceGroup, String name) {
        return Mono.defer(() -> last(serviceClients.get(kind), client(kind).beginDelete(resourceGroup, name))).then()
                .onErrorResume(AzureGateway::isNotFound, e -> Mono.empty());
    }

    /**
     * Waits (without a thread) for the operation's end. An operation that ends Failed or Canceled becomes a
     * {@code ManagementException} with ARM's code, rather than an empty result.
     */
    private <T, U> Mono<U> last(AzureServiceClient serviceClient, PollerFlux<PollResult<T>, U> poller) {
        return poller.setPollInterval(pollInterval).last().flatMap(serviceClient::getLroFinalResultOrError);
    }

    private TypedResourceClient<?> client(ResourceKind kind) {
        return clients.get(kind);
    }

    private static ResourceGroupState toState(ResourceGroupInner group) {
        return new ResourceGroupState(group.name(), group.location(), group.tags(),
                group.properties() == null ? null : group.properties().provisioningState());
    }

    static boolean isNotFound(Throwable error) {
        return error instanceof ManagementException e && e.getResponse() != null && e.getResponse().getStatusCode() == 404;
    }
}
