package io.lblab.sim.resources.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.json.Json;
import io.lblab.sim.net.Cidr;
import io.lblab.sim.net.PrivateIpAllocator;
import io.lblab.sim.resources.References;
import io.lblab.sim.resources.SimContext;
import io.lblab.sim.store.Ref;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Private addresses for ip configurations (NIC ip configurations, internal LB frontends). What is
 * in use is read from the reference index, so an address stays taken exactly as long as something
 * in the subnet holds it.
 */
public final class PrivateIps {
    private final SimContext sim;
    private final String ownerKey;
    private final Set<String> takenHere = new HashSet<>();

    /** @param ownerKey the resource being written; its own previous addresses are not "in use" */
    public PrivateIps(SimContext sim, String ownerKey) {
        this.sim = sim;
        this.ownerKey = ownerKey;
    }

    public static String subnetPrefix(ObjectNode subnet) {
        ObjectNode props = Json.obj(subnet, "properties");
        String prefix = Json.text(props, "addressPrefix");
        if (prefix == null && props.path("addressPrefixes").isArray() && !props.path("addressPrefixes").isEmpty()) {
            prefix = props.path("addressPrefixes").get(0).asText();
        }
        return prefix;
    }

    /**
     * Fills {@code privateIPAddress}, {@code privateIPAllocationMethod} and
     * {@code privateIPAddressVersion} of {@code ipProps}.
     *
     * @param previous the same ip configuration before this PUT, or null
     */
    public void assign(String ipConfigId, ObjectNode ipProps, References.Resolved subnet, ObjectNode previous) {
        String method = Json.text(ipProps, "privateIPAllocationMethod");
        method = method == null ? "Dynamic" : method;
        ipProps.put("privateIPAllocationMethod", method);
        Json.putIfAbsent(ipProps, "privateIPAddressVersion", "IPv4");
        if (subnet == null) {
            return;
        }
        Cidr cidr = Cidr.parse(subnetPrefix(subnet.target()));
        if (cidr == null) {
            return;
        }
        Set<String> used = used(subnet.rid().key());
        String address;
        if ("Static".equalsIgnoreCase(method)) {
            address = Json.text(ipProps, "privateIPAddress");
            Long value = Cidr.parseAddress(address);
            if (value == null || !cidr.contains(value)) {
                throw ArmErrors.badRequest("PrivateIPAddressNotInSubnet", "IP configuration " + ipConfigId
                        + " references the private IP address " + address + " which is not in subnet "
                        + subnet.rid().id() + " (" + cidr + ").");
            }
            if (!PrivateIpAllocator.usable(cidr, value)) {
                throw ArmErrors.badRequest("PrivateIPAddressInReservedRange", "Private static IP address "
                        + address + " falls within the reserved IP range of subnet " + subnet.rid().id() + ".");
            }
            if (used.contains(address)) {
                throw ArmErrors.badRequest("PrivateIPAddressIsAllocated", "IP configuration " + ipConfigId
                        + " is using the private IP address " + address + " which is already allocated to "
                        + "another resource in subnet " + subnet.rid().id() + ".");
            }
        } else {
            String kept = previous == null ? null : Json.text(Json.obj(previous, "properties"), "privateIPAddress");
            String previousSubnet = previous == null ? null : Json.refId(previous.path("properties"), "subnet");
            boolean sameSubnet = previousSubnet != null && previousSubnet.equalsIgnoreCase(subnet.rid().id());
            Long keptValue = Cidr.parseAddress(kept);
            if (sameSubnet && keptValue != null && cidr.contains(keptValue) && !used.contains(kept)) {
                address = kept;
            } else {
                address = PrivateIpAllocator.allocate(cidr, used);
                if (address == null) {
                    throw ArmErrors.badRequest("SubnetIsFull", "Subnet " + subnet.rid().id()
                            + " with address prefix " + cidr + " does not have enough capacity for 1 IP address.");
                }
            }
        }
        takenHere.add(subnet.rid().key() + "|" + address);
        ipProps.put("privateIPAddress", address);
    }

    private Set<String> used(String subnetKey) {
        Set<String> used = new HashSet<>();
        String owner = subnetKey.substring(0, subnetKey.toLowerCase(Locale.ROOT).indexOf("/subnets/"));
        for (Ref r : sim.index().incoming(owner, subnetKey, Ref.Role.SUBNET_IP_CONFIGURATION)) {
            if (!r.sourceOwnerKey().equals(ownerKey) && r.attribute() != null) {
                used.add(r.attribute());
            }
        }
        for (String taken : takenHere) {
            if (taken.startsWith(subnetKey + "|")) {
                used.add(taken.substring(subnetKey.length() + 1));
            }
        }
        return used;
    }
}
