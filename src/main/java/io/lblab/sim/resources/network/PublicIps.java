package io.lblab.sim.resources.network;

import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.json.Json;
import io.lblab.sim.resources.References;
import io.lblab.sim.store.Ref;

import java.util.List;

/** Checks shared by everything that takes a public IP (NIC, LB frontend, Bastion). */
final class PublicIps {
    private PublicIps() {
    }

    /** 400 PublicIPAddressInUse when the address already serves another ip configuration. */
    static void requireFree(io.lblab.sim.resources.SimContext sim, References.Resolved pip, String ipConfigId) {
        List<Ref> in = sim.index().incoming(pip.rid().key(), pip.rid().key(), Ref.Role.PUBLIC_IP_CONFIGURATION);
        for (Ref r : in) {
            if (!r.sourceId().equalsIgnoreCase(ipConfigId)) {
                throw ArmErrors.badRequest("PublicIPAddressInUse", "Resource " + ipConfigId
                        + " is referencing public IP address " + pip.rid().id()
                        + " that is already allocated to resource " + r.sourceId() + ".");
            }
        }
    }

    static String sku(References.Resolved pip) {
        String sku = Json.text(pip.ownerBody().path("sku"), "name");
        return sku == null ? "Basic" : sku;
    }

    static String allocation(References.Resolved pip) {
        String m = Json.text(pip.ownerBody().path("properties"), "publicIPAllocationMethod");
        return m == null ? "Dynamic" : m;
    }
}
