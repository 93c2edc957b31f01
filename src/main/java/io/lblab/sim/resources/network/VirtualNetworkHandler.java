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
import io.lblab.sim.store.Ref;
import io.lblab.sim.store.StoredResource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Microsoft.Network/virtualNetworks and their subnets. */
public final class VirtualNetworkHandler implements ResourceTypeHandler {
    public static final String SUBNET_TYPE = "Microsoft.Network/virtualNetworks/subnets";
    private static final ResourceType TYPE = new ResourceType("Microsoft.Network", "virtualNetworks",
            List.of(ResourceType.ChildCollection.writable("subnets")));

    @Override
    public ResourceType type() {
        return TYPE;
    }

    @Override
    public void prepare(PutContext ctx) {
        ObjectNode props = ctx.properties();
        ObjectNode existingProps = ctx.existing() == null ? null : Json.obj(ctx.existing(), "properties");
        String vnetName = ctx.id().name();
        ctx.keepServerValue("resourceGuid", () -> UUID.randomUUID().toString());
        List<Cidr> space = new ArrayList<>();
        JsonNode prefixes = props.path("addressSpace").path("addressPrefixes");
        if (!prefixes.isArray() || prefixes.isEmpty()) {
            requireNoIpamPool(ctx, props.path("addressSpace"));
            throw ArmErrors.invalidRequestFormat("Virtual network " + ctx.id().id()
                    + " needs at least one address prefix in properties.addressSpace.addressPrefixes.");
        }
        for (JsonNode p : prefixes) {
            Cidr c = Cidr.parse(p.asText());
            if (c == null) {
                throw ArmErrors.badRequest("NetcfgInvalidAddressPrefix", "Value provided: " + p.asText()
                        + " for address prefix of virtual network " + ctx.id().id() + " is not a valid CIDR.");
            }
            space.add(c);
        }
        List<String> names = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        for (ObjectNode subnet : Json.objects(props, "subnets")) {
            String name = Json.text(subnet, "name");
            ObjectNode sp = Json.obj(subnet, "properties");
            Cidr c = Cidr.parse(PrivateIps.subnetPrefix(subnet));
            if (c == null && PrivateIps.subnetPrefix(subnet) == null) {
                requireNoIpamPool(ctx, sp);
            }
            if (c == null) {
                throw ArmErrors.badRequest("NetcfgInvalidSubnet", "Subnet '" + name + "' is not valid in virtual "
                        + "network '" + vnetName + "': address prefix '" + PrivateIps.subnetPrefix(subnet)
                        + "' is not a valid CIDR.");
            }
            if (space.stream().noneMatch(s -> s.contains(c))) {
                throw ArmErrors.badRequest("NetcfgSubnetRangeOutsideVnet", "Subnet '" + name + "' is not valid "
                        + "because its IP address range is outside the IP address range of virtual network '"
                        + vnetName + "'.");
            }
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i).overlaps(c)) {
                    throw ArmErrors.badRequest("NetcfgSubnetRangesOverlap", "Subnet '" + name + "' is not valid in "
                            + "virtual network '" + vnetName + "' because its IP address range overlaps with that "
                            + "of subnet '" + names.get(i) + "' in the same virtual network.");
                }
            }
            names.add(name);
            ranges.add(c);
            ctx.refs().optional(sp, "networkSecurityGroup", NetworkSecurityGroupHandler.TYPE_KEY);
            Json.putIfAbsent(sp, "privateEndpointNetworkPolicies", "Disabled");
            Json.putIfAbsent(sp, "privateLinkServiceNetworkPolicies", "Enabled");
            Json.putEmptyArrayIfAbsent(sp, "delegations");
            completeSubnetParts(ctx, subnet, sp);
            checkPrefixChange(ctx, subnet, c);
        }
        if (existingProps != null) {
            for (ObjectNode old : Json.objects(existingProps, "subnets")) {
                String name = Json.text(old, "name");
                if (names.stream().noneMatch(name::equalsIgnoreCase)) {
                    List<String> users = subnetUsers(ctx, ctx.id().child("subnets", name));
                    if (!users.isEmpty()) {
                        throw inUse(name, users);
                    }
                }
            }
        }
        Json.putEmptyArrayIfAbsent(props, "subnets");
        Json.putEmptyArrayIfAbsent(props, "virtualNetworkPeerings");
        Json.putIfAbsent(props, "enableDdosProtection", false);
    }

    /**
     * Address space from an IPAM pool of a network manager (VirtualNetworkCreateWithIpamPool):
     * network managers are not simulated, so the pool cannot exist here and the request is refused
     * as Azure refuses a reference to a missing resource.
     */
    private static void requireNoIpamPool(PutContext ctx, JsonNode holder) {
        for (JsonNode allocation : holder.path("ipamPoolPrefixAllocations")) {
            String pool = Json.refId(allocation, "pool");
            if (pool != null) {
                throw ArmErrors.invalidReference(pool, ctx.id().id());
            }
        }
    }

    /**
     * Delegations get id, etag, type and state, service endpoints state and locations (the
     * network's region; Azure may list its pair too), as in the official examples.
     */
    private static void completeSubnetParts(PutContext ctx, ObjectNode subnet, ObjectNode sp) {
        String subnetId = Json.text(subnet, "id");
        for (ObjectNode delegation : Json.objects(sp, "delegations")) {
            String name = Json.text(delegation, "name");
            if (name == null) {
                throw ArmErrors.invalidRequestFormat("Every delegation of subnet " + subnetId + " needs a name.");
            }
            ObjectNode dp = delegation.get("properties") instanceof ObjectNode p ? p : Json.object();
            delegation.remove("properties");
            delegation.put("id", subnetId + "/delegations/" + name);
            delegation.put("etag", Json.text(ctx.body(), "etag"));
            delegation.put("type", SUBNET_TYPE + "/delegations");
            dp.put("provisioningState", "Succeeded");
            Json.putEmptyArrayIfAbsent(dp, "actions");
            delegation.set("properties", dp);
        }
        for (ObjectNode endpoint : Json.objects(sp, "serviceEndpoints")) {
            if (!endpoint.has("locations")) {
                endpoint.putArray("locations").add(Json.text(ctx.body(), "location"));
            }
            endpoint.put("provisioningState", "Succeeded");
        }
    }

    private static void checkPrefixChange(PutContext ctx, ObjectNode subnet, Cidr next) {
        ObjectNode old = ctx.existingChild("subnets", Json.text(subnet, "name"));
        if (old == null) {
            return;
        }
        Cidr before = Cidr.parse(PrivateIps.subnetPrefix(old));
        if (before != null && !before.equals(next)
                && !subnetUsers(ctx, ctx.id().child("subnets", Json.text(subnet, "name"))).isEmpty()) {
            throw ArmErrors.badRequest("InUseSubnetCannotBeUpdated", "Subnet " + Json.text(subnet, "name")
                    + " is in use and its address prefix cannot be changed from " + before + " to " + next + ".");
        }
    }

    private static List<String> subnetUsers(PutContext ctx, ResourceId subnetId) {
        List<String> users = new ArrayList<>();
        for (Ref r : ctx.sim().index().incoming(subnetId.owner().key(), subnetId.key(),
                Ref.Role.SUBNET_IP_CONFIGURATION)) {
            users.add(r.sourceId());
        }
        return users;
    }

    private static io.lblab.sim.arm.ArmException inUse(String subnet, List<String> users) {
        return ArmErrors.badRequest("InUseSubnetCannotBeDeleted", "Subnet " + subnet + " is in use by "
                + String.join(", ", users) + " and cannot be deleted. In order to delete the subnet, delete all "
                + "the resources within the subnet. See aka.ms/deletesubnet.");
    }

    @Override
    public List<Ref> references(ResourceId id, ObjectNode body) {
        List<Ref> refs = new ArrayList<>();
        for (ObjectNode subnet : Json.objects(body.path("properties"), "subnets")) {
            String nsg = Json.refId(subnet.path("properties"), "networkSecurityGroup");
            if (nsg != null) {
                Refs.add(refs, Ref.Role.NSG_SUBNET, Json.text(subnet, "id"), id, nsg, null);
            }
        }
        return refs;
    }

    @Override
    public void applyBackReferences(ObjectNode body, List<Ref> incoming) {
        for (ObjectNode subnet : Json.objects(body.path("properties"), "subnets")) {
            Json.putRefsOrRemove(Json.obj(subnet, "properties"), "ipConfigurations",
                    Refs.sources(incoming, Ref.Role.SUBNET_IP_CONFIGURATION, Json.text(subnet, "id")));
        }
    }

    @Override
    public void checkDelete(StoredResource resource, List<Ref> incoming) {
        for (Ref r : incoming) {
            if (r.role() == Ref.Role.SUBNET_IP_CONFIGURATION) {
                ResourceId subnet = ResourceId.parse(r.targetId());
                throw inUse(subnet == null ? r.targetId() : subnet.childName(), List.of(r.sourceId()));
            }
        }
    }
}
