package io.lblab.sim.resources.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.resources.PutContext;
import io.lblab.sim.resources.ResourceType;
import io.lblab.sim.resources.ResourceTypeHandler;
import io.lblab.sim.resources.References;
import io.lblab.sim.store.Ref;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Microsoft.Network/loadBalancers with frontends, pools, probes, rules, inbound NAT rules and
 * outbound rules. References between the parts must stay inside this load balancer; the parts'
 * back references (which rules use a frontend, pool or probe) are computed here.
 */
public final class LoadBalancerHandler implements ResourceTypeHandler {
    public static final String TYPE_KEY = "Microsoft.Network/loadBalancers";
    private static final String FRONTENDS = "frontendIPConfigurations";
    private static final String POOLS = "backendAddressPools";
    private static final String PROBES = "probes";
    private static final String RULES = "loadBalancingRules";
    private static final String NAT_RULES = "inboundNatRules";
    private static final String OUTBOUND = "outboundRules";
    private static final String NAT_POOLS = "inboundNatPools";
    private static final ResourceType TYPE = new ResourceType("Microsoft.Network", "loadBalancers", List.of(
            ResourceType.ChildCollection.writable(FRONTENDS), ResourceType.ChildCollection.writable(POOLS),
            ResourceType.ChildCollection.writable(PROBES), ResourceType.ChildCollection.writable(RULES),
            ResourceType.ChildCollection.writable(NAT_RULES), ResourceType.ChildCollection.writable(OUTBOUND),
            // part of the body (scale sets use them) without an endpoint of their own
            ResourceType.ChildCollection.readOnly(NAT_POOLS, NAT_POOLS)));

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
        String lbSku = Json.text(sku, "name");
        ctx.keepServerValue("resourceGuid", () -> UUID.randomUUID().toString());
        Json.putEmptyArrayIfAbsent(props, "inboundNatPools");
        for (String c : List.of(FRONTENDS, POOLS, PROBES, RULES, NAT_RULES, OUTBOUND)) {
            Json.putEmptyArrayIfAbsent(props, c);
        }
        prepareFrontends(ctx, props, lbSku);
        if ("Gateway".equalsIgnoreCase(lbSku)) {
            // a gateway LB's pools get VXLAN tunnel interfaces, as in its official examples
            int i = 0;
            for (ObjectNode pool : Json.objects(props, POOLS)) {
                ObjectNode p = Json.obj(pool, "properties");
                if (!p.has("tunnelInterfaces")) {
                    p.putArray("tunnelInterfaces").addObject().put("port", 15000 + i).put("identifier", 900 + i)
                            .put("protocol", "VXLAN").put("type", "Internal");
                }
                i++;
            }
        }
        Map<String, List<String>> back = new LinkedHashMap<>();
        for (ObjectNode probe : Json.objects(props, PROBES)) {
            ObjectNode p = Json.obj(probe, "properties");
            Json.putIfAbsent(p, "intervalInSeconds", 15);
            Json.putIfAbsent(p, "numberOfProbes", 2);
            Json.putIfAbsent(p, "probeThreshold", 1);
        }
        for (ObjectNode rule : Json.objects(props, RULES)) {
            ObjectNode p = Json.obj(rule, "properties");
            String ruleId = Json.text(rule, "id");
            internal(ctx, props, FRONTENDS, Json.refId(p, "frontendIPConfiguration"), ruleId, true, back);
            reconcilePools(ruleId, p);
            for (String pool : Json.refIds(p, "backendAddressPools")) {
                internal(ctx, props, POOLS, pool, ruleId, true, back);
            }
            internal(ctx, props, PROBES, Json.refId(p, "probe"), ruleId, false, back);
            Json.putIfAbsent(p, "idleTimeoutInMinutes", 4);
            Json.putIfAbsent(p, "enableFloatingIP", false);
            Json.putIfAbsent(p, "enableTcpReset", false);
            Json.putIfAbsent(p, "disableOutboundSnat", false);
            Json.putIfAbsent(p, "loadDistribution", "Default");
        }
        for (ObjectNode nat : Json.objects(props, NAT_RULES)) {
            ObjectNode p = Json.obj(nat, "properties");
            internal(ctx, props, FRONTENDS, Json.refId(p, "frontendIPConfiguration"), Json.text(nat, "id"), true,
                    back);
            Json.putIfAbsent(p, "idleTimeoutInMinutes", 4);
            Json.putIfAbsent(p, "enableFloatingIP", false);
            Json.putIfAbsent(p, "enableTcpReset", false);
        }
        for (ObjectNode pool : Json.objects(props, NAT_POOLS)) {
            ObjectNode p = Json.obj(pool, "properties");
            internal(ctx, props, FRONTENDS, Json.refId(p, "frontendIPConfiguration"), Json.text(pool, "id"), true,
                    back);
            Json.putIfAbsent(p, "idleTimeoutInMinutes", 4);
            Json.putIfAbsent(p, "enableFloatingIP", false);
            Json.putIfAbsent(p, "enableTcpReset", false);
        }
        for (ObjectNode out : Json.objects(props, OUTBOUND)) {
            ObjectNode p = Json.obj(out, "properties");
            String outId = Json.text(out, "id");
            List<String> frontends = Json.refIds(p, "frontendIPConfigurations");
            if (frontends.isEmpty()) {
                throw ArmErrors.invalidRequestFormat("Outbound rule " + outId + " needs at least one frontend IP "
                        + "configuration.");
            }
            for (String fe : frontends) {
                internal(ctx, props, FRONTENDS, fe, outId, true, back);
            }
            internal(ctx, props, POOLS, Json.refId(p, "backendAddressPool"), outId, true, back);
            Json.putIfAbsent(p, "idleTimeoutInMinutes", 4);
            Json.putIfAbsent(p, "enableTcpReset", false);
        }
        applyInternalBackReferences(props, back);
    }

    private void prepareFrontends(PutContext ctx, ObjectNode props, String lbSku) {
        References refs = ctx.refs();
        PrivateIps ips = new PrivateIps(ctx.sim(), ctx.id().key());
        for (ObjectNode fe : Json.objects(props, FRONTENDS)) {
            ObjectNode p = Json.obj(fe, "properties");
            String feId = Json.text(fe, "id");
            References.Resolved pip = refs.optional(p, "publicIPAddress", PublicIpAddressHandler.TYPE_KEY);
            if (pip != null && !ctx.internal()) {
                String pipSku = PublicIps.sku(pip);
                if (!pipSku.equalsIgnoreCase(lbSku)) {
                    throw ArmErrors.badRequest("PublicIPAndLBSkuDoNotMatch", lbSku + " sku load balancer "
                            + ctx.id().id() + " cannot reference " + pipSku + " sku publicIP " + pip.rid().id() + ".");
                }
                if ("Standard".equalsIgnoreCase(lbSku) && !"Static".equalsIgnoreCase(PublicIps.allocation(pip))) {
                    throw ArmErrors.badRequest("StandardSkuPublicIPAddressesMustBeStatic", "Standard sku publicIp "
                            + pip.rid().id() + " referenced by load balancer " + ctx.id().id()
                            + " must have AllocationMethod set to Static.");
                }
                PublicIps.requireFree(ctx.sim(), pip, feId);
            }
            if (Json.refId(p, "subnet") == null) {
                // a public frontend shows these too (LoadBalancerCreateWithOutboundRules)
                Json.putIfAbsent(p, "privateIPAllocationMethod", "Dynamic");
                Json.putIfAbsent(p, "privateIPAddressVersion", "IPv4");
            }
            if (Json.refId(p, "subnet") != null) {
                References.Resolved subnet = refs.optional(p, "subnet", VirtualNetworkHandler.SUBNET_TYPE);
                ips.assign(feId, p, subnet, ctx.existingChild(FRONTENDS, Json.text(fe, "name")));
            } else if (pip == null && Json.refId(p, "publicIPPrefix") != null && !ctx.internal()) {
                // public IP prefixes are not simulated: the prefix cannot exist here
                throw ArmErrors.invalidReference(Json.refId(p, "publicIPPrefix"), feId);
            } else if (pip == null && Json.refId(p, "publicIPAddress") == null) {
                throw ArmErrors.invalidRequestFormat("Frontend IP configuration " + feId
                        + " must reference either a public IP address or a subnet.");
            }
        }
    }

    /** Java's model carries both backendAddressPool and backendAddressPools; they must agree. */
    private static void reconcilePools(String ruleId, ObjectNode p) {
        String single = Json.refId(p, "backendAddressPool");
        List<String> many = Json.refIds(p, "backendAddressPools");
        if (single != null && !many.isEmpty()
                && (many.size() != 1 || !many.get(0).equalsIgnoreCase(single))) {
            throw ArmErrors.badRequest(
                    "LoadBalancingRuleBackendAdressPoolAndBackendAddressPoolsCannotBeSetAtTheSameTimeWithDifferentValue",
                    "Load balancing rule " + ruleId + " cannot set BackendAddressPool and BackendAddressPools at the "
                            + "same time with different values.");
        }
        if (single != null && many.isEmpty()) {
            p.set("backendAddressPools", Json.refArray(List.of(single)));
        } else if (single == null && many.size() == 1) {
            p.set("backendAddressPool", Json.ref(many.get(0)));
        }
    }

    /**
     * Checks that {@code refId} names a part of this load balancer in {@code collection} and
     * records the back reference from it to {@code sourceId}.
     */
    private static void internal(PutContext ctx, ObjectNode props, String collection, String refId, String sourceId,
                                 boolean required, Map<String, List<String>> back) {
        if (refId == null) {
            if (required && !ctx.internal()) {
                throw ArmErrors.invalidRequestFormat(sourceId + " must reference a " + singular(collection) + ".");
            }
            return;
        }
        ResourceId target = ResourceId.parse(refId);
        boolean ok = target != null && target.isChild() && target.owner().key().equals(ctx.id().key())
                && target.childSegment().equalsIgnoreCase(collection)
                && io.lblab.sim.resources.Children.find(props, collection, target.childName()) != null;
        if (!ok) {
            if (ctx.internal()) {
                return;
            }
            throw invalid(refId, sourceId);
        }
        back.computeIfAbsent(refId.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(sourceId);
    }

    private static ArmException invalid(String refId, String sourceId) {
        return ArmErrors.invalidReference(refId, sourceId);
    }

    private static String singular(String collection) {
        return switch (collection) {
            case FRONTENDS -> "frontend IP configuration";
            case POOLS -> "backend address pool";
            default -> "probe";
        };
    }

    private static void applyInternalBackReferences(ObjectNode props, Map<String, List<String>> back) {
        for (ObjectNode fe : Json.objects(props, FRONTENDS)) {
            List<String> users = back.getOrDefault(Json.text(fe, "id").toLowerCase(Locale.ROOT), List.of());
            ObjectNode p = Json.obj(fe, "properties");
            Json.putRefsOrRemove(p, RULES, ofKind(users, RULES));
            Json.putRefsOrRemove(p, NAT_RULES, ofKind(users, NAT_RULES));
            Json.putRefsOrRemove(p, OUTBOUND, ofKind(users, OUTBOUND));
            Json.putRefsOrRemove(p, NAT_POOLS, ofKind(users, NAT_POOLS));
        }
        for (ObjectNode pool : Json.objects(props, POOLS)) {
            List<String> users = back.getOrDefault(Json.text(pool, "id").toLowerCase(Locale.ROOT), List.of());
            ObjectNode p = Json.obj(pool, "properties");
            Json.putRefsOrRemove(p, RULES, ofKind(users, RULES));
            Json.putRefsOrRemove(p, OUTBOUND, ofKind(users, OUTBOUND));
        }
        for (ObjectNode probe : Json.objects(props, PROBES)) {
            List<String> users = back.getOrDefault(Json.text(probe, "id").toLowerCase(Locale.ROOT), List.of());
            Json.putRefsOrRemove(Json.obj(probe, "properties"), RULES, ofKind(users, RULES));
        }
    }

    private static List<String> ofKind(List<String> ids, String segment) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (id.toLowerCase(Locale.ROOT).contains("/" + segment.toLowerCase(Locale.ROOT) + "/")
                    && !out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public List<Ref> references(ResourceId id, ObjectNode body) {
        List<Ref> refs = new ArrayList<>();
        for (ObjectNode fe : Json.objects(body.path("properties"), FRONTENDS)) {
            String source = Json.text(fe, "id");
            JsonNode p = fe.path("properties");
            String pip = Json.refId(p, "publicIPAddress");
            if (pip != null) {
                Refs.add(refs, Ref.Role.PUBLIC_IP_CONFIGURATION, source, id, pip, null);
            }
            String subnet = Json.refId(p, "subnet");
            if (subnet != null) {
                Refs.add(refs, Ref.Role.SUBNET_IP_CONFIGURATION, source, id, subnet, Json.text(p, "privateIPAddress"));
            }
        }
        return refs;
    }

    @Override
    public void applyBackReferences(ObjectNode body, List<Ref> incoming) {
        for (ObjectNode pool : Json.objects(body.path("properties"), POOLS)) {
            Json.putRefsOrRemove(Json.obj(pool, "properties"), "backendIPConfigurations",
                    Refs.sources(incoming, Ref.Role.POOL_BACKEND_IP_CONFIGURATION, Json.text(pool, "id")));
        }
    }
}
