package io.lblab.blueprint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.api.BackendsSpec;
import io.lblab.api.LoadBalancerLabSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the resources both modes share, with the sample's values (PARAMETERS.md). */
final class LabResourceFactory {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> VM_CREATE_ONLY = Set.of("properties.osProfile", "properties.storageProfile");

    private final BlueprintInputs inputs;
    private final LoadBalancerLabSpec spec;
    private final String resourceGroup;

    LabResourceFactory(BlueprintInputs inputs) {
        this.inputs = inputs;
        this.spec = inputs.spec();
        this.resourceGroup = inputs.resourceGroup();
    }

    String id(ResourceKind kind, String name) {
        return kind.resourceId(inputs.subscriptionId(), resourceGroup, name);
    }

    String backendSubnetId() {
        return ResourceIds.child(id(ResourceKind.VIRTUAL_NETWORK, LabNames.VNET), "subnets", LabNames.BACKEND_SUBNET);
    }

    String loadBalancerChildId(String childType, String childName) {
        return ResourceIds.child(id(ResourceKind.LOAD_BALANCER, LabNames.LOAD_BALANCER), childType, childName);
    }

    /** {@code spec.tags}, {@code lblab.io/managed-by} and the record of the user's keys ({@link OwnedTags}). */
    Map<String, String> resourceTags() {
        return OwnedTags.withRecord(spec.tags(), Map.of(LabNames.MANAGED_BY_TAG, LabNames.MANAGED_BY));
    }

    Map<String, String> resourceGroupTags() {
        Map<String, String> tags = resourceTags();
        tags.put(LabNames.OWNER_UID_TAG, inputs.ownerUid());
        tags.put(LabNames.OWNER_TAG, inputs.namespace() + "/" + inputs.name());
        tags.put(LabNames.MODE_TAG, spec.mode().name());
        return tags;
    }

    /** A resource body with location and tags; {@code properties} is added by the caller. */
    ObjectNode envelope() {
        ObjectNode body = JSON.objectNode();
        body.put("location", spec.location());
        ObjectNode tags = body.putObject("tags");
        resourceTags().forEach(tags::put);
        return body;
    }

    DesiredResource resource(String step, ResourceKind kind, String name, ObjectNode body, Set<String> dependsOn) {
        return new DesiredResource(step, kind, name, id(kind, name), body, dependsOn, Set.of());
    }

    static ObjectNode reference(String id) {
        return JSON.objectNode().put("id", id);
    }

    static ObjectNode named(String name) {
        ObjectNode node = JSON.objectNode();
        node.put("name", name);
        return node;
    }

    DesiredResource virtualNetwork() {
        ObjectNode body = envelope();
        ObjectNode properties = body.putObject("properties");
        properties.putObject("addressSpace").putArray("addressPrefixes").add(spec.network().addressSpace());
        ArrayNode subnets = properties.putArray("subnets");
        ObjectNode backend = named(LabNames.BACKEND_SUBNET);
        backend.putObject("properties").put("addressPrefix", spec.network().backendSubnet());
        subnets.add(backend);
        if (spec.bastion().enabled()) {
            ObjectNode bastion = named(LabNames.BASTION_SUBNET);
            bastion.putObject("properties").put("addressPrefix", spec.network().bastionSubnet());
            subnets.add(bastion);
        }
        return resource(Steps.VIRTUAL_NETWORK, ResourceKind.VIRTUAL_NETWORK, LabNames.VNET, body, Set.of(Steps.RESOURCE_GROUP));
    }

    /** Standard, static public IP: the only kind Bastion and a Standard load balancer accept. */
    DesiredResource publicIp(String step, String name) {
        ObjectNode body = envelope();
        body.putObject("sku").put("name", "Standard");
        body.putObject("properties").put("publicIPAllocationMethod", "Static");
        return resource(step, ResourceKind.PUBLIC_IP_ADDRESS, name, body, Set.of(Steps.RESOURCE_GROUP));
    }

    List<DesiredResource> bastion() {
        if (!spec.bastion().enabled()) {
            return List.of();
        }
        DesiredResource ip = publicIp(Steps.BASTION_PUBLIC_IP, LabNames.BASTION_IP);
        ObjectNode body = envelope();
        ObjectNode ipConfiguration = named(LabNames.BASTION_IP_CONFIGURATION);
        ObjectNode properties = ipConfiguration.putObject("properties");
        properties.set("subnet", reference(ResourceIds.child(id(ResourceKind.VIRTUAL_NETWORK, LabNames.VNET), "subnets", LabNames.BASTION_SUBNET)));
        properties.set("publicIPAddress", reference(ip.id()));
        body.putObject("properties").putArray("ipConfigurations").add(ipConfiguration);
        DesiredResource host = resource(Steps.BASTION_HOST, ResourceKind.BASTION_HOST, LabNames.BASTION_HOST, body,
                Set.of(Steps.VIRTUAL_NETWORK, Steps.BASTION_PUBLIC_IP));
        return List.of(ip, host);
    }

    DesiredResource networkSecurityGroup() {
        ObjectNode body = envelope();
        ObjectNode rule = named(LabNames.NSG_RULE_HTTP);
        rule.putObject("properties")
                .put("protocol", "*")
                .put("sourceAddressPrefix", spec.firewall().sourceAddressPrefix())
                .put("sourcePortRange", "*")
                .put("destinationAddressPrefix", "*")
                .put("destinationPortRange", String.valueOf(spec.firewall().port()))
                .put("access", "Allow")
                .put("priority", 200)
                .put("direction", "Inbound");
        body.putObject("properties").putArray("securityRules").add(rule);
        return resource(Steps.NETWORK_SECURITY_GROUP, ResourceKind.NETWORK_SECURITY_GROUP, LabNames.NSG, body, Set.of(Steps.RESOURCE_GROUP));
    }

    /** A NIC in the backend subnet with the NSG attached and accelerated networking, in the given pools. */
    DesiredResource networkInterface(String step, String name, List<String> poolIds, Set<String> extraDependencies) {
        ObjectNode body = envelope();
        ObjectNode properties = body.putObject("properties");
        properties.put("enableAcceleratedNetworking", true);
        properties.set("networkSecurityGroup", reference(id(ResourceKind.NETWORK_SECURITY_GROUP, LabNames.NSG)));
        ObjectNode ipConfiguration = named(LabNames.NIC_IP_CONFIGURATION);
        ObjectNode ipProperties = ipConfiguration.putObject("properties");
        ipProperties.set("subnet", reference(backendSubnetId()));
        ArrayNode pools = ipProperties.putArray("loadBalancerBackendAddressPools");
        poolIds.forEach(pool -> pools.add(reference(pool)));
        properties.putArray("ipConfigurations").add(ipConfiguration);
        List<String> dependencies = new ArrayList<>(List.of(Steps.VIRTUAL_NETWORK, Steps.NETWORK_SECURITY_GROUP));
        dependencies.addAll(extraDependencies);
        return resource(step, ResourceKind.NETWORK_INTERFACE, name, body, Set.copyOf(dependencies));
    }

    /**
     * The sample's VM shape. Unlike the sample, each VM gets its own computer name and the disks and NIC are
     * deleted with the VM ({@code deleteOption: Delete}), so scaling down or deleting leaks nothing.
     */
    DesiredResource virtualMachine(String step, String name, String osDiskName, DesiredResource nic) {
        BackendsSpec backends = spec.backends();
        ObjectNode body = envelope();
        ObjectNode properties = body.putObject("properties");
        properties.putObject("hardwareProfile").put("vmSize", backends.vmSize());
        ObjectNode storage = properties.putObject("storageProfile");
        storage.putObject("imageReference")
                .put("publisher", backends.image().publisher())
                .put("offer", backends.image().offer())
                .put("sku", backends.image().sku())
                .put("version", backends.image().version());
        ObjectNode osDisk = storage.putObject("osDisk");
        osDisk.put("name", osDiskName)
                .put("caching", "ReadWrite")
                .put("createOption", "FromImage")
                .put("deleteOption", "Delete");
        osDisk.putObject("managedDisk").put("storageAccountType", "Standard_LRS");
        storage.putArray("dataDisks").addObject()
                .put("lun", 0)
                .put("diskSizeGB", 1023)
                .put("createOption", "Empty")
                .put("deleteOption", "Delete");
        ObjectNode os = properties.putObject("osProfile");
        os.put("computerName", name)
                .put("adminUsername", backends.adminUsername())
                .put("adminPassword", inputs.adminPassword());
        os.putObject("windowsConfiguration").put("enableAutomaticUpdates", true);
        ObjectNode nicReference = reference(nic.id());
        nicReference.putObject("properties").put("primary", true).put("deleteOption", "Delete");
        properties.putObject("networkProfile").putArray("networkInterfaces").add(nicReference);
        return new DesiredResource(step, ResourceKind.VIRTUAL_MACHINE, name, id(ResourceKind.VIRTUAL_MACHINE, name), body,
                Set.of(nic.step()), VM_CREATE_ONLY);
    }

    /** Backend NICs and VMs 1..count, each NIC in the given pools. */
    List<DesiredResource> backends(List<String> poolIds) {
        List<DesiredResource> resources = new ArrayList<>();
        for (int i = 1; i <= spec.backends().count(); i++) {
            DesiredResource nic = networkInterface(Steps.backendNic(i), LabNames.backendNic(i), poolIds, Set.of(Steps.LOAD_BALANCER));
            resources.add(nic);
            resources.add(virtualMachine(Steps.backendVm(i), LabNames.backendVm(i), LabNames.backendOsDisk(i), nic));
        }
        return resources;
    }

    /** The load-balancing rule {@code myHTTPRule} and probe {@code myHealthProbe}, added to a load balancer's properties. */
    void addRuleAndProbe(ObjectNode lbProperties, boolean disableOutboundSnat) {
        var lb = spec.loadBalancer();
        ObjectNode probe = named(LabNames.HEALTH_PROBE);
        ObjectNode probeProperties = probe.putObject("properties")
                .put("protocol", lb.probe().protocol().name())
                .put("port", lb.probe().port());
        if (lb.probe().requestPath() != null) {
            probeProperties.put("requestPath", lb.probe().requestPath());
        }
        lbProperties.putArray("probes").add(probe);

        ObjectNode rule = named(LabNames.LB_RULE);
        ObjectNode ruleProperties = rule.putObject("properties")
                .put("protocol", "Tcp")
                .put("frontendPort", lb.frontendPort())
                .put("backendPort", lb.backendPort())
                .put("idleTimeoutInMinutes", lb.idleTimeoutMinutes())
                .put("enableFloatingIP", lb.enableFloatingIP());
        if (disableOutboundSnat) {
            ruleProperties.put("disableOutboundSnat", true);
        }
        ruleProperties.set("frontendIPConfiguration", reference(loadBalancerChildId("frontendIPConfigurations", LabNames.FRONTEND)));
        ruleProperties.set("backendAddressPool", reference(loadBalancerChildId("backendAddressPools", LabNames.BACKEND_POOL)));
        ruleProperties.set("probe", reference(loadBalancerChildId("probes", LabNames.HEALTH_PROBE)));
        lbProperties.putArray("loadBalancingRules").add(rule);
    }

    ObjectNode standardLoadBalancerBody() {
        ObjectNode body = envelope();
        body.putObject("sku").put("name", "Standard");
        return body;
    }
}
