package io.lblab.sim.resources.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.resources.PutContext;
import io.lblab.sim.resources.ResourceType;
import io.lblab.sim.resources.ResourceTypeHandler;
import io.lblab.sim.resources.References;
import io.lblab.sim.store.Ref;
import io.lblab.sim.store.StoredResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Microsoft.Network/networkInterfaces: subnet addresses, public IPs, LB pools, NSG, VM attachment. */
public final class NetworkInterfaceHandler implements ResourceTypeHandler {
    public static final String TYPE_KEY = "Microsoft.Network/networkInterfaces";
    private static final ResourceType TYPE = new ResourceType("Microsoft.Network", "networkInterfaces",
            List.of(ResourceType.ChildCollection.readOnly("ipConfigurations", "ipConfigurations")));

    @Override
    public ResourceType type() {
        return TYPE;
    }

    @Override
    public void prepare(PutContext ctx) {
        ObjectNode props = ctx.properties();
        ObjectNode existingProps = ctx.existing() == null ? null : Json.obj(ctx.existing(), "properties");
        ctx.keepServerValue("resourceGuid", () -> UUID.randomUUID().toString());
        ctx.keepServerValue("macAddress", NetworkInterfaceHandler::macAddress);
        ObjectNode dns = Json.obj(props, "dnsSettings");
        Json.putEmptyArrayIfAbsent(dns, "dnsServers");
        Json.putEmptyArrayIfAbsent(dns, "appliedDnsServers");
        String suffix = existingProps == null ? null
                : Json.text(existingProps.path("dnsSettings"), "internalDomainNameSuffix");
        dns.put("internalDomainNameSuffix", suffix != null ? suffix
                : UUID.randomUUID().toString().replace("-", "").substring(0, 26) + ".bx.internal.cloudapp.net");
        Json.putIfAbsent(props, "enableAcceleratedNetworking", false);
        Json.putIfAbsent(props, "enableIPForwarding", false);
        Json.putIfAbsent(props, "disableTcpStateTracking", false);
        Json.putIfAbsent(props, "vnetEncryptionSupported", false);
        Json.putIfAbsent(props, "nicType", "Standard");
        Json.putEmptyArrayIfAbsent(props, "hostedWorkloads");
        Json.putEmptyArrayIfAbsent(props, "tapConfigurations");
        References refs = ctx.refs();
        refs.optional(props, "networkSecurityGroup", NetworkSecurityGroupHandler.TYPE_KEY);
        List<ObjectNode> ipConfigs = Json.objects(props, "ipConfigurations");
        if (ipConfigs.isEmpty()) {
            throw ArmErrors.invalidRequestFormat("Network interface " + ctx.id().id()
                    + " must have at least one IP configuration.");
        }
        boolean anyPrimary = ipConfigs.stream()
                .anyMatch(c -> c.path("properties").path("primary").asBoolean(false));
        for (int i = 0; i < ipConfigs.size(); i++) {
            ObjectNode ip = Json.obj(ipConfigs.get(i), "properties");
            if (!anyPrimary) {
                ip.put("primary", i == 0);
            } else {
                Json.putIfAbsent(ip, "primary", false);
            }
        }
        // a secondary ip configuration without a subnet is in the primary's subnet, as in Azure
        String primarySubnet = ipConfigs.stream().map(c -> Json.obj(c, "properties"))
                .filter(ip -> ip.path("primary").asBoolean(false)).findFirst()
                .map(ip -> Json.refId(ip, "subnet")).orElse(null);
        PrivateIps ips = new PrivateIps(ctx.sim(), ctx.id().key());
        for (ObjectNode ipConfig : ipConfigs) {
            ObjectNode ip = Json.obj(ipConfig, "properties");
            String ipConfigId = Json.text(ipConfig, "id");
            if (Json.refId(ip, "subnet") == null) {
                if (ip.path("primary").asBoolean(false) || primarySubnet == null) {
                    throw ArmErrors.invalidRequestFormat("IP configuration " + ipConfigId
                            + " must reference a subnet.");
                }
                ip.set("subnet", Json.ref(primarySubnet));
            }
            References.Resolved subnet = refs.optional(ip, "subnet", VirtualNetworkHandler.SUBNET_TYPE);
            ips.assign(ipConfigId, ip, subnet, ctx.existingChild("ipConfigurations", Json.text(ipConfig, "name")));
            References.Resolved pip = refs.optional(ip, "publicIPAddress", PublicIpAddressHandler.TYPE_KEY);
            if (pip != null && !ctx.internal()) {
                PublicIps.requireFree(ctx.sim(), pip, ipConfigId);
            }
            for (String pool : Json.refIds(ip, "loadBalancerBackendAddressPools")) {
                refs.require(pool, LoadBalancerHandler.TYPE_KEY + "/backendAddressPools");
            }
            for (String rule : Json.refIds(ip, "loadBalancerInboundNatRules")) {
                refs.require(rule, LoadBalancerHandler.TYPE_KEY + "/inboundNatRules");
            }
        }
    }

    private static String macAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format(Locale.ROOT, "00-0D-3A-%02X-%02X-%02X", r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    @Override
    public List<Ref> references(ResourceId id, ObjectNode body) {
        List<Ref> refs = new ArrayList<>();
        ObjectNode props = Json.obj(body, "properties");
        String nsg = Json.refId(props, "networkSecurityGroup");
        if (nsg != null) {
            Refs.add(refs, Ref.Role.NSG_NETWORK_INTERFACE, id.id(), id, nsg, null);
        }
        for (ObjectNode ipConfig : Json.objects(props, "ipConfigurations")) {
            String source = Json.text(ipConfig, "id");
            ObjectNode ip = Json.obj(ipConfig, "properties");
            String subnet = Json.refId(ip, "subnet");
            if (subnet != null) {
                Refs.add(refs, Ref.Role.SUBNET_IP_CONFIGURATION, source, id, subnet, Json.text(ip, "privateIPAddress"));
            }
            String pip = Json.refId(ip, "publicIPAddress");
            if (pip != null) {
                Refs.add(refs, Ref.Role.PUBLIC_IP_CONFIGURATION, source, id, pip, null);
            }
            for (String pool : Json.refIds(ip, "loadBalancerBackendAddressPools")) {
                Refs.add(refs, Ref.Role.POOL_BACKEND_IP_CONFIGURATION, source, id, pool, null);
            }
        }
        return refs;
    }

    @Override
    public void applyBackReferences(ObjectNode body, List<Ref> incoming) {
        ObjectNode props = Json.obj(body, "properties");
        Ref vm = null;
        for (Ref r : incoming) {
            if (r.role() == Ref.Role.NIC_VIRTUAL_MACHINE) {
                vm = r;
            }
        }
        if (vm == null) {
            props.remove("virtualMachine");
            props.remove("primary");
        } else {
            props.set("virtualMachine", Json.ref(vm.sourceId()));
            props.put("primary", !"false".equals(vm.attribute()));
        }
    }

    @Override
    public void checkDelete(StoredResource resource, List<Ref> incoming) {
        for (Ref r : incoming) {
            if (r.role() == Ref.Role.NIC_VIRTUAL_MACHINE) {
                throw ArmErrors.badRequest("NicInUse", "Network Interface " + resource.id()
                        + " is used by existing resource " + r.sourceId() + ". In order to delete the network "
                        + "interface, it must be dissociated from the resource. To learn more, see aka.ms/deletenic.");
            }
        }
    }
}
