package io.lblab.sim.resources.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.json.Json;
import io.lblab.sim.store.StoredResource;

import java.util.Locale;

/**
 * What a VM's answer shows of what is stored: {@code properties.userData} only on a GET with
 * {@code $expand=userData}, as in Azure (VirtualMachine_Get, VirtualMachine_Create_WithUserData).
 */
public final class VmViews {
    public static final String TYPE_KEY = "Microsoft.Compute/virtualMachines";

    private VmViews() {
    }

    /** The bytes to answer with for {@code r}; {@code expandAllowed} when the request may expand. */
    public static byte[] json(StoredResource r, ArmRequest req, boolean expandAllowed) {
        if (!TYPE_KEY.equalsIgnoreCase(r.typeKey())) {
            return r.json();
        }
        if (expandAllowed && expandsUserData(req)) {
            return r.json();
        }
        ObjectNode body = r.body();
        if (!(body.get("properties") instanceof ObjectNode props) || !props.has("userData")) {
            return r.json();
        }
        props.remove("userData");
        return Json.bytes(body);
    }

    static boolean expandsUserData(ArmRequest req) {
        String expand = req == null ? null : req.query().get("$expand");
        return expand != null && expand.toLowerCase(Locale.ROOT).contains("userdata");
    }
}
