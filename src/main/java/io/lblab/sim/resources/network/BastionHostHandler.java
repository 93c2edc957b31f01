package io.lblab.sim.resources.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.net.Cidr;
import io.lblab.sim.resources.PutContext;
import io.lblab.sim.resources.ResourceType;
import io.lblab.sim.resources.ResourceTypeHandler;
import io.lblab.sim.resources.References;
import io.lblab.sim.store.Ref;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Microsoft.Network/bastionHosts: one ip configuration in a subnet named AzureBastionSubnet of at
 * least /26, with a Standard, Static public IP in the same region.
 */
public final class BastionHostHandler implements ResourceTypeHandler {
    private static final ResourceType TYPE = new ResourceType("Microsoft.Network", "bastionHosts",
            List.of(ResourceType.ChildCollection.readOnly("bastionHostIpConfigurations", "ipConfigurations")));

    @Override
    public ResourceType type() {
        return TYPE;
    }

    @Override
    public void prepare(PutContext ctx) {
        ObjectNode body = ctx.body();
        ObjectNode props = ctx.properties();
        ObjectNode sku = Json.obj(body, "sku");
        Json.putIfAbsent(sku, "name", "Basic");
        Json.putEmptyArrayIfAbsent(body, "zones");
        ctx.keepServerValue("dnsName", () -> "bst-" + UUID.randomUUID() + ".bastion.azure.com");
        Json.putIfAbsent(props, "scaleUnits", 2);
        for (String flag : List.of("disableCopyPaste", "enableTunneling", "enableIpConnect", "enableShareableLink",
                "enableKerberos", "enableSessionRecording", "enablePrivateOnlyBastion")) {
            Json.putIfAbsent(props, flag, false);
        }
        List<ObjectNode> ipConfigs = Json.objects(props, "ipConfigurations");
        if ("Developer".equalsIgnoreCase(Json.text(sku, "name"))) {
            prepareDeveloper(ctx, props, ipConfigs);
            return;
        }
        if (ipConfigs.size() != 1) {
            throw ArmErrors.badRequest(ipConfigs.isEmpty() ? "BastionHostMustHaveAtLeastOneHostIpConfiguration"
                            : "BastionHostMustHaveMaximumOneHostIpConfiguration",
                    "BastionHost " + ctx.id().id() + " must contain 1 IP Configuration. It currently contains "
                            + ipConfigs.size() + ".");
        }
        References refs = ctx.refs();
        ObjectNode ipConfig = ipConfigs.get(0);
        String ipConfigId = Json.text(ipConfig, "id");
        ObjectNode ip = Json.obj(ipConfig, "properties");
        Json.putIfAbsent(ip, "privateIPAllocationMethod", "Dynamic");
        String subnetId = Json.refId(ip, "subnet");
        if (subnetId == null) {
            throw ArmErrors.invalidRequestFormat("Bastion ip configuration " + ipConfigId
                    + " must reference a subnet.");
        }
        References.Resolved subnet = refs.require(subnetId, VirtualNetworkHandler.SUBNET_TYPE);
        if (subnet != null && !ctx.internal()) {
            String name = subnet.rid().childName();
            if (!"AzureBastionSubnet".equalsIgnoreCase(name)) {
                throw ArmErrors.badRequest("SubnetNameMustBeAzureBastionSubnet", "Subnet " + subnet.rid().id()
                        + " referenced by bastion host " + ctx.id().id() + " has name " + name
                        + ". Azure Bastion can only be created in subnet with name 'AzureBastionSubnet'.");
            }
            Cidr cidr = Cidr.parse(PrivateIps.subnetPrefix(subnet.target()));
            if (cidr != null && cidr.prefixLength() > 26) {
                throw ArmErrors.badRequest("BastionSubnetSizeTooSmall", "Subnet " + subnet.rid().id()
                        + " has address prefix " + cidr + ". The AzureBastionSubnet of bastion host "
                        + ctx.id().id() + " must be /26 or larger (/26, /25, /24…).");
            }
        }
        String pipId = Json.refId(ip, "publicIPAddress");
        boolean privateOnly = props.path("enablePrivateOnlyBastion").asBoolean(false);
        if (pipId == null && !privateOnly) {
            throw ArmErrors.invalidRequestFormat("Bastion ip configuration " + ipConfigId
                    + " must reference a public IP address.");
        }
        References.Resolved pip = pipId == null ? null : refs.require(pipId, PublicIpAddressHandler.TYPE_KEY);
        if (pip != null && !ctx.internal()) {
            if (!"Standard".equalsIgnoreCase(PublicIps.sku(pip))) {
                throw ArmErrors.badRequest("BastionHostPublicIpAddressMustBeStandardSku", "Public IP address "
                        + pip.rid().id() + " referenced by bastion host " + ctx.id().id() + " has sku "
                        + PublicIps.sku(pip) + ". Azure Bastion requires a Standard sku public IP address.");
            }
            if (!"Static".equalsIgnoreCase(PublicIps.allocation(pip))) {
                throw ArmErrors.badRequest("StandardSkuPublicIPAddressesMustBeStatic", "Standard sku publicIp "
                        + pip.rid().id() + " referenced by bastion host " + ctx.id().id()
                        + " must have AllocationMethod set to Static.");
            }
            PublicIps.requireFree(ctx.sim(), pip, ipConfigId);
        }
    }

    /**
     * The Developer SKU runs on shared infrastructure: it names the virtual network it serves and
     * has no ip configuration, no subnet and no public IP (BastionHostDeveloperPut).
     */
    private static void prepareDeveloper(PutContext ctx, ObjectNode props, List<ObjectNode> ipConfigs) {
        String vnet = Json.refId(props, "virtualNetwork");
        if (vnet == null) {
            throw ArmErrors.invalidRequestFormat("Bastion host " + ctx.id().id()
                    + " of sku Developer must reference a virtual network in properties.virtualNetwork.");
        }
        ctx.refs().require(vnet, "Microsoft.Network/virtualNetworks");
        if (!ipConfigs.isEmpty()) {
            throw ArmErrors.badRequest("BastionHostMustHaveMaximumOneHostIpConfiguration", "Bastion host "
                    + ctx.id().id() + " of sku Developer cannot have IP configurations. It currently contains "
                    + ipConfigs.size() + ".");
        }
        Json.putEmptyArrayIfAbsent(props, "ipConfigurations");
    }

    @Override
    public List<Ref> references(ResourceId id, ObjectNode body) {
        List<Ref> refs = new ArrayList<>();
        for (ObjectNode ipConfig : Json.objects(body.path("properties"), "ipConfigurations")) {
            String source = Json.text(ipConfig, "id");
            JsonNode p = ipConfig.path("properties");
            String subnet = Json.refId(p, "subnet");
            if (subnet != null) {
                Refs.add(refs, Ref.Role.SUBNET_IP_CONFIGURATION, source, id, subnet, null);
            }
            String pip = Json.refId(p, "publicIPAddress");
            if (pip != null) {
                Refs.add(refs, Ref.Role.PUBLIC_IP_CONFIGURATION, source, id, pip, null);
            }
        }
        return refs;
    }
}
