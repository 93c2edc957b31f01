package io.lblab.sim.resources.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.json.Json;
import io.lblab.sim.net.Cidr;
import io.lblab.sim.net.PrivateIpAllocator;
import io.lblab.sim.resources.References;
import io.lblab.sim.resources.SimContext;
import io.lblab.sim.store.Ref;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
     * {@code privateIPAddressVersion} of {@code ipProps}. With {@code privateIPAddressPrefixLength}
     * the configuration holds an aligned block of the subnet instead of one address, written as
     * {@code 10.0.0.16/28} (as Azure does).
     *
     * @param previous the same ip configuration before this PUT, or null
     */
    public void assign(String ipConfigId, ObjectNode ipProps, References.Resolved subnet, ObjectNode previous) {
        String method = Json.text(ipProps, "privateIPAllocationMethod");
        method = method == null ? "Dynamic" : method;
        ipProps.put("privateIPAllocationMethod", method);
        Json.putIfAbsent(ipProps, "privateIPAddressVersion", "IPv4");
        Integer prefixLength = prefixLength(ipConfigId, ipProps);
        if (subnet == null) {
            return;
        }
        Cidr cidr = Cidr.parse(subnetPrefix(subnet.target()));
        if (cidr == null) {
            return;
        }
        List<long[]> used = used(subnet.rid().key());
        String address;
        if ("Static".equalsIgnoreCase(method)) {
            address = Json.text(ipProps, "privateIPAddress");
            long[] block = block(address, prefixLength);
            if (block == null || !cidr.contains(block[0]) || !cidr.contains(block[1])) {
                throw ArmErrors.badRequest("PrivateIPAddressNotInSubnet", "IP configuration " + ipConfigId
                        + " references the private IP address " + address + " which is not in subnet "
                        + subnet.rid().id() + " (" + cidr + ").");
            }
            if (!PrivateIpAllocator.usable(cidr, block[0]) || !PrivateIpAllocator.usable(cidr, block[1])) {
                throw ArmErrors.badRequest("PrivateIPAddressInReservedRange", "Private static IP address "
                        + address + " falls within the reserved IP range of subnet " + subnet.rid().id() + ".");
            }
            if (overlapsAny(block, used)) {
                throw ArmErrors.badRequest("PrivateIPAddressIsAllocated", "IP configuration " + ipConfigId
                        + " is using the private IP address " + address + " which is already allocated to "
                        + "another resource in subnet " + subnet.rid().id() + ".");
            }
            if (prefixLength != null && address.indexOf('/') < 0) {
                address = Cidr.format(block[0]) + "/" + prefixLength;
            }
        } else {
            String kept = previous == null ? null : Json.text(Json.obj(previous, "properties"), "privateIPAddress");
            String previousSubnet = previous == null ? null : Json.refId(previous.path("properties"), "subnet");
            boolean sameSubnet = previousSubnet != null && previousSubnet.equalsIgnoreCase(subnet.rid().id());
            long[] keptBlock = kept == null || (kept.indexOf('/') >= 0) != (prefixLength != null) ? null
                    : block(kept, prefixLength);
            if (sameSubnet && keptBlock != null && cidr.contains(keptBlock[0]) && cidr.contains(keptBlock[1])
                    && !overlapsAny(keptBlock, used)) {
                address = kept;
            } else {
                int length = prefixLength == null ? 32 : prefixLength;
                Long start = length < cidr.prefixLength() ? null
                        : PrivateIpAllocator.allocateBlock(cidr, length, used);
                if (start == null) {
                    throw ArmErrors.badRequest("SubnetIsFull", "Subnet " + subnet.rid().id()
                            + " with address prefix " + cidr + " does not have enough capacity for "
                            + (1L << (32 - length)) + " IP address" + (length == 32 ? "." : "es."));
                }
                address = prefixLength == null ? Cidr.format(start) : Cidr.format(start) + "/" + prefixLength;
            }
        }
        takenHere.add(subnet.rid().key() + "|" + address);
        ipProps.put("privateIPAddress", address);
    }

    /** {@code privateIPAddressPrefixLength} (echoed as given), or null when absent. */
    private static Integer prefixLength(String ipConfigId, ObjectNode ipProps) {
        JsonNode value = ipProps.get("privateIPAddressPrefixLength");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 32) {
            throw ArmErrors.invalidRequestFormat("IP configuration " + ipConfigId + " has an invalid "
                    + "privateIPAddressPrefixLength " + value + "; an IPv4 prefix length is between 1 and 32.");
        }
        return value.asInt();
    }

    /** {@code a.b.c.d} or {@code a.b.c.d/n} (the block must be aligned) as [first, last]; null when malformed. */
    static long[] block(String address, Integer prefixLength) {
        if (address == null) {
            return null;
        }
        int slash = address.indexOf('/');
        if (slash >= 0) {
            Cidr c = Cidr.parse(address);
            return c == null ? null : new long[] {c.network(), c.last()};
        }
        Long value = Cidr.parseAddress(address);
        if (value == null) {
            return null;
        }
        if (prefixLength == null) {
            return new long[] {value, value};
        }
        Cidr c = Cidr.parse(address + "/" + prefixLength);
        return c == null ? null : new long[] {c.network(), c.last()};
    }

    private static boolean overlapsAny(long[] block, List<long[]> used) {
        for (long[] u : used) {
            if (block[0] <= u[1] && u[0] <= block[1]) {
                return true;
            }
        }
        return false;
    }

    /** The addresses and blocks other configurations hold in the subnet, as [first, last] ranges. */
    private List<long[]> used(String subnetKey) {
        Set<String> taken = new HashSet<>();
        String owner = subnetKey.substring(0, subnetKey.toLowerCase(Locale.ROOT).indexOf("/subnets/"));
        for (Ref r : sim.index().incoming(owner, subnetKey, Ref.Role.SUBNET_IP_CONFIGURATION)) {
            if (!r.sourceOwnerKey().equals(ownerKey) && r.attribute() != null) {
                taken.add(r.attribute());
            }
        }
        for (String t : takenHere) {
            if (t.startsWith(subnetKey + "|")) {
                taken.add(t.substring(subnetKey.length() + 1));
            }
        }
        List<long[]> ranges = new ArrayList<>();
        for (String t : taken) {
            long[] b = block(t, null);
            if (b != null) {
                ranges.add(b);
            }
        }
        return ranges;
    }
}
