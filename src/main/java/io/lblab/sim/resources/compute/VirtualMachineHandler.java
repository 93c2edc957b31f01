package io.lblab.sim.resources.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.resources.PutContext;
import io.lblab.sim.resources.ResourceType;
import io.lblab.sim.resources.ResourceTypeHandler;
import io.lblab.sim.resources.References;
import io.lblab.sim.resources.SimContext;
import io.lblab.sim.resources.Timestamps;
import io.lblab.sim.resources.network.NetworkInterfaceHandler;
import io.lblab.sim.resources.network.Refs;
import io.lblab.sim.store.Ref;
import io.lblab.sim.store.StoredResource;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Microsoft.Compute/virtualMachines. Creating a VM creates its managed disks; deleting it deletes
 * disks and NICs only where their {@code deleteOption} is Delete (ARM's default is Detach).
 * The admin password is accepted and never stored or returned, as in Azure.
 */
public final class VirtualMachineHandler implements ResourceTypeHandler {
    private static final ResourceType TYPE = new ResourceType("Microsoft.Compute", "virtualMachines", List.of());

    @Override
    public ResourceType type() {
        return TYPE;
    }

    @Override
    public String pendingState(boolean create) {
        return create ? "Creating" : "Updating";
    }

    @Override
    public String nextEtag(String previous) {
        int n = 0;
        if (previous != null) {
            try {
                n = Integer.parseInt(previous.replace("\"", ""));
            } catch (NumberFormatException ignored) {
                n = 0;
            }
        }
        return "\"" + (n + 1) + "\"";
    }

    @Override
    public void prepare(PutContext ctx) {
        ObjectNode props = ctx.properties();
        ObjectNode old = ctx.existing() == null ? null : Json.obj(ctx.existing(), "properties");
        props.put("vmId", old != null && old.hasNonNull("vmId") ? old.get("vmId").asText()
                : UUID.randomUUID().toString());
        props.put("timeCreated", old != null && old.hasNonNull("timeCreated") ? old.get("timeCreated").asText()
                : DateTimeFormatter.ISO_INSTANT.format(Timestamps.next()));
        if (Json.text(props.path("hardwareProfile"), "vmSize") == null) {
            throw ArmErrors.invalidParameter("hardwareProfile.vmSize",
                    "Required parameter 'hardwareProfile.vmSize' is missing (null).");
        }
        // userData is kept (a PUT without it keeps the previous one) and shown only on a GET with
        // $expand=userData (VmViews)
        if (!props.has("userData") && old != null && old.has("userData")) {
            props.set("userData", old.get("userData").deepCopy());
        }
        if (!props.has("securityProfile")) {
            // what Azure answers for a VM created without one (2025-11-01 examples)
            props.putObject("securityProfile").put("securityType", "Standard");
        }
        String osType = VmDisks.prepare(ctx, props, old);
        VmOsProfile.prepare(ctx, props, old, osType);
        prepareNetwork(ctx, props);
    }

    private static void prepareNetwork(PutContext ctx, ObjectNode props) {
        List<ObjectNode> nics = Json.objects(props.path("networkProfile"), "networkInterfaces");
        if (nics.isEmpty()) {
            throw ArmErrors.invalidParameter("networkProfile",
                    "At least one network interface is required in 'networkProfile.networkInterfaces'.");
        }
        long primaries = nics.stream().filter(n -> n.path("properties").path("primary").asBoolean(false)).count();
        if (nics.size() > 1 && primaries != 1) {
            throw ArmErrors.invalidParameter("networkProfile.networkInterfaces",
                    "Virtual machine " + ctx.id().name() + " must have exactly one primary network interface.");
        }
        References refs = ctx.refs();
        for (ObjectNode nic : nics) {
            String id = Json.text(nic, "id");
            References.Resolved resolved = refs.require(id, NetworkInterfaceHandler.TYPE_KEY);
            ObjectNode p = Json.obj(nic, "properties");
            if (nics.size() == 1) {
                Json.putIfAbsent(p, "primary", true);
            }
            Json.putIfAbsent(p, "deleteOption", "Detach");
            if (resolved != null && !ctx.internal()) {
                for (Ref r : ctx.sim().index().incoming(resolved.rid().key())) {
                    if (r.role() == Ref.Role.NIC_VIRTUAL_MACHINE && !r.sourceOwnerKey().equals(ctx.id().key())) {
                        throw ArmErrors.badRequest("NicInUse", "Network Interface " + resolved.rid().id()
                                + " is used by existing resource " + r.sourceId() + ". A network interface can be "
                                + "attached to one virtual machine only.");
                    }
                }
            }
        }
    }

    @Override
    public List<Ref> references(ResourceId id, ObjectNode body) {
        List<Ref> refs = new ArrayList<>();
        JsonNode props = body.path("properties");
        for (ObjectNode nic : Json.objects(props.path("networkProfile"), "networkInterfaces")) {
            String nicId = Json.text(nic, "id");
            if (nicId != null) {
                boolean primary = nic.path("properties").path("primary").asBoolean(true);
                Refs.add(refs, Ref.Role.NIC_VIRTUAL_MACHINE, id.id(), id, nicId, String.valueOf(primary));
            }
        }
        for (ObjectNode disk : VmDisks.all(body)) {
            String diskId = Json.refId(disk, "managedDisk");
            if (diskId != null) {
                Refs.add(refs, Ref.Role.DISK_MANAGED_BY, id.id(), id, diskId, null);
            }
        }
        return refs;
    }

    /** Data disks marked {@code toBeDetached} are detached once the update is done, as in Azure. */
    @Override
    public void onPutSucceeded(ObjectNode body) {
        JsonNode disks = body.path("properties").path("storageProfile").path("dataDisks");
        if (disks instanceof com.fasterxml.jackson.databind.node.ArrayNode arr) {
            for (int i = arr.size() - 1; i >= 0; i--) {
                if (arr.get(i).path("toBeDetached").asBoolean(false)) {
                    arr.remove(i);
                }
            }
        }
    }

    @Override
    public void afterPut(PutContext ctx, StoredResource stored) {
        VmDisks.materialize(ctx, stored.body());
    }

    @Override
    public void onDeleteCompleted(StoredResource vm, SimContext sim) {
        ObjectNode body = vm.body();
        for (ObjectNode disk : VmDisks.all(body)) {
            ResourceId diskId = ResourceId.parse(Json.refId(disk, "managedDisk"));
            if (diskId != null && "Delete".equalsIgnoreCase(Json.text(disk, "deleteOption"))) {
                sim.writer().remove(diskId.key());
            }
        }
        for (ObjectNode nic : Json.objects(body.path("properties").path("networkProfile"), "networkInterfaces")) {
            ResourceId nicId = ResourceId.parse(Json.text(nic, "id"));
            if (nicId != null && "Delete".equalsIgnoreCase(Json.text(nic.path("properties"), "deleteOption"))) {
                sim.writer().remove(nicId.key());
            }
        }
    }
}
