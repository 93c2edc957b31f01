package io.lblab.sim.resources.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.json.Json;
import io.lblab.sim.resources.PutContext;
import io.lblab.sim.resources.ResourceType;
import io.lblab.sim.resources.ResourceTypeHandler;
import io.lblab.sim.store.Ref;
import io.lblab.sim.store.StoredResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Microsoft.Network/networkSecurityGroups, their securityRules and the six default rules. */
public final class NetworkSecurityGroupHandler implements ResourceTypeHandler {
    public static final String TYPE_KEY = "Microsoft.Network/networkSecurityGroups";
    private static final ResourceType TYPE = new ResourceType("Microsoft.Network", "networkSecurityGroups",
            List.of(ResourceType.ChildCollection.writable("securityRules"),
                    new ResourceType.ChildCollection("defaultSecurityRules", "defaultSecurityRules", false, false)));

    private record DefaultRule(String name, String description, String source, String destination, String access,
                               int priority, String direction) {
    }

    private static final List<DefaultRule> DEFAULT_RULES = List.of(
            new DefaultRule("AllowVnetInBound", "Allow inbound traffic from all VMs in VNET", "VirtualNetwork",
                    "VirtualNetwork", "Allow", 65000, "Inbound"),
            new DefaultRule("AllowAzureLoadBalancerInBound", "Allow inbound traffic from azure load balancer",
                    "AzureLoadBalancer", "*", "Allow", 65001, "Inbound"),
            new DefaultRule("DenyAllInBound", "Deny all inbound traffic", "*", "*", "Deny", 65500, "Inbound"),
            new DefaultRule("AllowVnetOutBound", "Allow outbound traffic from all VMs to all VMs in VNET",
                    "VirtualNetwork", "VirtualNetwork", "Allow", 65000, "Outbound"),
            new DefaultRule("AllowInternetOutBound", "Allow outbound traffic from all VMs to Internet", "*",
                    "Internet", "Allow", 65001, "Outbound"),
            new DefaultRule("DenyAllOutBound", "Deny all outbound traffic", "*", "*", "Deny", 65500, "Outbound"));

    @Override
    public ResourceType type() {
        return TYPE;
    }

    @Override
    public void prepare(PutContext ctx) {
        ObjectNode props = ctx.properties();
        ctx.keepServerValue("resourceGuid", () -> UUID.randomUUID().toString());
        Json.putEmptyArrayIfAbsent(props, "securityRules");
        Json.putIfAbsent(props, "flushConnection", false);
        Map<String, String> taken = new HashMap<>();
        for (ObjectNode rule : Json.objects(props, "securityRules")) {
            ObjectNode rp = Json.obj(rule, "properties");
            String name = Json.text(rule, "name");
            int priority = rp.path("priority").asInt(-1);
            if (priority < 100 || priority > 4096) {
                throw ArmErrors.badRequest("SecurityRuleInvalidPriority", "Security rule " + name
                        + " has invalid Priority. Value provided: " + rp.path("priority").asText() + ". Allowed range "
                        + "100-4096.");
            }
            String direction = Json.text(rp, "direction");
            if (!"Inbound".equalsIgnoreCase(direction) && !"Outbound".equalsIgnoreCase(direction)) {
                throw ArmErrors.badRequest("SecurityRuleInvalidDirection", "Security rule " + name
                        + " has invalid direction '" + direction + "'. Allowed values are Inbound and Outbound.");
            }
            String clash = taken.put(direction.toLowerCase() + priority, name);
            if (clash != null) {
                throw ArmErrors.badRequest("SecurityRuleConflict", "Security rule " + name + " conflicts with rule "
                        + clash + ". Rules cannot have the same Priority and Direction.");
            }
            Json.putEmptyArrayIfAbsent(rp, "sourcePortRanges");
            Json.putEmptyArrayIfAbsent(rp, "destinationPortRanges");
            Json.putEmptyArrayIfAbsent(rp, "sourceAddressPrefixes");
            Json.putEmptyArrayIfAbsent(rp, "destinationAddressPrefixes");
        }
        props.set("defaultSecurityRules", defaultRules(ctx.body()));
    }

    private static ArrayNode defaultRules(ObjectNode body) {
        String id = Json.text(body, "id");
        String etag = Json.text(body, "etag");
        ArrayNode rules = Json.array();
        for (DefaultRule d : DEFAULT_RULES) {
            ObjectNode r = rules.addObject();
            r.put("name", d.name());
            r.put("id", id + "/defaultSecurityRules/" + d.name());
            r.put("etag", etag);
            r.put("type", "Microsoft.Network/networkSecurityGroups/defaultSecurityRules");
            ObjectNode p = r.putObject("properties");
            p.put("provisioningState", "Succeeded");
            p.put("description", d.description());
            p.put("protocol", "*");
            p.put("sourcePortRange", "*");
            p.put("destinationPortRange", "*");
            p.put("sourceAddressPrefix", d.source());
            p.put("destinationAddressPrefix", d.destination());
            p.put("access", d.access());
            p.put("priority", d.priority());
            p.put("direction", d.direction());
            p.putArray("sourcePortRanges");
            p.putArray("destinationPortRanges");
            p.putArray("sourceAddressPrefixes");
            p.putArray("destinationAddressPrefixes");
        }
        return rules;
    }

    @Override
    public void applyBackReferences(ObjectNode body, List<Ref> incoming) {
        ObjectNode props = Json.obj(body, "properties");
        String id = Json.text(body, "id");
        Json.putRefsOrRemove(props, "networkInterfaces", Refs.sources(incoming, Ref.Role.NSG_NETWORK_INTERFACE, id));
        Json.putRefsOrRemove(props, "subnets", Refs.sources(incoming, Ref.Role.NSG_SUBNET, id));
    }

    @Override
    public void checkDelete(StoredResource resource, List<Ref> incoming) {
        List<String> users = new ArrayList<>();
        for (Ref r : incoming) {
            if (r.role() == Ref.Role.NSG_NETWORK_INTERFACE || r.role() == Ref.Role.NSG_SUBNET) {
                users.add(r.sourceId());
            }
        }
        if (!users.isEmpty()) {
            throw ArmErrors.badRequest("InUseNetworkSecurityGroupCannotBeDeleted", "Network security group "
                    + resource.id() + " cannot be deleted because it is in use by the following resources: "
                    + String.join(", ", users) + ". In order to delete the Network security group, remove the "
                    + "association with the resource(s). To learn how to do this, see aka.ms/deletensg.");
        }
    }
}
