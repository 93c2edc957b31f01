package io.lblab.sim.resources.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.net.PublicIpPool;
import io.lblab.sim.resources.PutContext;
import io.lblab.sim.resources.ResourceType;
import io.lblab.sim.resources.ResourceTypeHandler;
import io.lblab.sim.store.Ref;
import io.lblab.sim.store.StoredResource;

import java.util.List;
import java.util.UUID;

/**
 * Microsoft.Network/publicIPAddresses. Addresses come from {@link PublicIpPool}: a Static one's when
 * it is created, a Dynamic one's when an ip configuration (NIC, LB frontend, Bastion) takes it, as in
 * Azure; a Dynamic address is released again when the last user lets go.
 */
public final class PublicIpAddressHandler implements ResourceTypeHandler {
    public static final String TYPE_KEY = "Microsoft.Network/publicIPAddresses";
    private static final ResourceType TYPE = new ResourceType("Microsoft.Network", "publicIPAddresses", List.of());
    private final PublicIpPool pool;

    public PublicIpAddressHandler(PublicIpPool pool) {
        this.pool = pool;
    }

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
        Json.putIfAbsent(sku, "tier", "Regional");
        // Standard and StandardV2: static addresses only
        boolean standard = Json.text(sku, "name").toLowerCase(java.util.Locale.ROOT).startsWith("standard");
        String method = Json.text(props, "publicIPAllocationMethod");
        if (method == null) {
            method = standard ? "Static" : "Dynamic";
            props.put("publicIPAllocationMethod", method);
        }
        if (standard && !"Static".equalsIgnoreCase(method)) {
            throw ArmErrors.badRequest("StandardSkuPublicIPAddressesMustBeStatic", "Standard sku publicIp "
                    + ctx.id().id() + " must have AllocationMethod set to Static.");
        }
        ctx.keepServerValue("resourceGuid", () -> UUID.randomUUID().toString());
        Json.putIfAbsent(props, "publicIPAddressVersion", "IPv4");
        Json.putIfAbsent(props, "idleTimeoutInMinutes", 4);
        Json.putEmptyArrayIfAbsent(props, "ipTags");
        if (props.get("dnsSettings") instanceof ObjectNode dns && Json.text(dns, "domainNameLabel") != null) {
            dns.put("fqdn", fqdn(ctx, dns, Json.text(body, "location")));
        }
        ObjectNode ddos = Json.obj(props, "ddosSettings");
        Json.putIfAbsent(ddos, "protectionMode", "VirtualNetworkInherited");
        if ("Static".equalsIgnoreCase(method)) {
            props.put("ipAddress", pool.allocate(ctx.id().key()));
        } else {
            // Dynamic: the address comes with an association (applyBackReferences), never from the caller
            props.remove("ipAddress");
        }
    }

    /**
     * Azure's name for the label: {@code label.region.cloudapp.azure.com} (PublicIpAddressCreateDns);
     * with a {@code domainNameLabelScope} a hash of the scope's owner (tenant, subscription, group
     * or nothing) is inserted, {@code label.hash.region.sysgen.cloudapp.azure.com}
     * (PublicIpAddressCreateDnsWithDomainNameLabelScope).
     */
    private static String fqdn(PutContext ctx, ObjectNode dns, String location) {
        String label = Json.text(dns, "domainNameLabel").toLowerCase(java.util.Locale.ROOT);
        String scope = Json.text(dns, "domainNameLabelScope");
        if (scope == null) {
            return label + "." + location + ".cloudapp.azure.com";
        }
        String owner = switch (scope.toLowerCase(java.util.Locale.ROOT)) {
            case "tenantreuse" -> "tenant";
            case "subscriptionreuse" -> ctx.id().subscription();
            case "resourcegroupreuse" -> ctx.id().subscription() + "/" + ctx.id().resourceGroup();
            default -> ctx.id().id();
        };
        StringBuilder hash = new StringBuilder();
        int h = (scope + "|" + owner + "|" + label).toLowerCase(java.util.Locale.ROOT).hashCode();
        java.util.Random r = new java.util.Random(h);
        for (int i = 0; i < 16; i++) {
            hash.append((char) ('a' + r.nextInt(26)));
        }
        return label + "." + hash + "." + location + ".sysgen.cloudapp.azure.com";
    }

    @Override
    public void applyBackReferences(ObjectNode body, List<Ref> incoming) {
        ObjectNode props = Json.obj(body, "properties");
        List<String> users = Refs.sources(incoming, Ref.Role.PUBLIC_IP_CONFIGURATION, Json.text(body, "id"));
        if (users.isEmpty()) {
            props.remove("ipConfiguration");
        } else {
            props.set("ipConfiguration", Json.ref(users.get(0)));
        }
        if (!"Static".equalsIgnoreCase(Json.text(props, "publicIPAllocationMethod"))) {
            ResourceId rid = ResourceId.parse(Json.text(body, "id"));
            if (rid == null) {
                return;
            }
            if (users.isEmpty()) {
                pool.release(rid.key());
                props.remove("ipAddress");
            } else {
                props.put("ipAddress", pool.allocate(rid.key()));
            }
        }
    }

    @Override
    public void checkDelete(StoredResource resource, List<Ref> incoming) {
        for (Ref r : incoming) {
            if (r.role() == Ref.Role.PUBLIC_IP_CONFIGURATION) {
                throw ArmErrors.badRequest("PublicIPAddressCannotBeDeleted", "Public IP address " + resource.id()
                        + " can not be deleted since it is still allocated to resource " + r.sourceId()
                        + ". In order to delete the public IP, disassociate/detach the Public IP address from the "
                        + "resource. To learn how to do this, see aka.ms/deletepublicip.");
            }
        }
    }

    @Override
    public void onRemoved(StoredResource resource) {
        pool.release(resource.key());
    }
}
