package io.lblab.sim.resources.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.resources.PutContext;
import io.lblab.sim.resources.Timestamps;
import io.lblab.sim.store.Ref;
import io.lblab.sim.store.StoredResource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A VM's storage profile: disk defaults, names and ids, and the disk resources it creates. */
final class VmDisks {
    private VmDisks() {
    }

    /** Fills in the storage profile's disks; returns the OS type. */
    static String prepare(PutContext ctx, ObjectNode props, ObjectNode old) {
        ObjectNode storage = Json.obj(props, "storageProfile");
        ObjectNode os = Json.obj(storage, "osDisk");
        ObjectNode oldOs = old == null ? null : (ObjectNode) old.path("storageProfile").path("osDisk");
        Json.putIfAbsent(os, "createOption", "FromImage");
        ObjectNode image = storage.get("imageReference") instanceof ObjectNode i ? i : null;
        if (ctx.create() && image == null && !"Attach".equalsIgnoreCase(Json.text(os, "createOption"))) {
            throw ArmErrors.invalidParameter("imageReference",
                    "Required parameter 'storageProfile.imageReference' is missing (null).");
        }
        String osType = Json.text(os, "osType");
        if (osType == null && oldOs != null) {
            osType = Json.text(oldOs, "osType");
        }
        if (osType == null) {
            // a marketplace image says so in its publisher, offer or sku (MicrosoftWindowsServer;
            // microsoft-ads/windows-data-science-vm); anything else is taken for Linux
            String named = image == null ? "" : Json.text(image, "publisher") + "/" + Json.text(image, "offer")
                    + "/" + Json.text(image, "sku");
            osType = named.toLowerCase(Locale.ROOT).contains("windows") ? "Windows" : "Linux";
        }
        os.put("osType", osType);
        String oldName = oldOs == null ? null : Json.text(oldOs, "name");
        Json.putIfAbsent(os, "name", oldName != null ? oldName : ctx.id().name() + "_OsDisk_1_" + hex());
        Json.putIfAbsent(os, "caching", "ReadWrite");
        Json.putIfAbsent(os, "diskSizeGB", "Windows".equals(osType) ? 127 : 30);
        Json.putIfAbsent(os, "deleteOption", "Detach");
        managedDisk(ctx, os);
        Json.putEmptyArrayIfAbsent(storage, "dataDisks");
        Set<Integer> luns = new HashSet<>();
        for (ObjectNode data : Json.objects(storage, "dataDisks")) {
            JsonNode lun = data.get("lun");
            if (lun == null || !lun.canConvertToInt() || !luns.add(lun.asInt())) {
                throw ArmErrors.invalidParameter("dataDisks.lun", "Each data disk needs a unique 'lun'.");
            }
            String create = Json.text(data, "createOption");
            if (create == null) {
                throw ArmErrors.invalidParameter("dataDisks.createOption",
                        "Required parameter 'dataDisk.createOption' is missing (null).");
            }
            if ("Empty".equalsIgnoreCase(create) && !data.hasNonNull("diskSizeGB")) {
                throw ArmErrors.invalidParameter("dataDisks.diskSizeGB",
                        "Required parameter 'dataDisk.diskSizeGB' is missing (null).");
            }
            ObjectNode previous = null;
            if (old != null) {
                for (ObjectNode d : Json.objects(old.path("storageProfile"), "dataDisks")) {
                    if (d.path("lun").asInt(-1) == lun.asInt()) {
                        previous = d;
                    }
                }
            }
            if ("Attach".equalsIgnoreCase(create)) {
                requireAttachableDisk(ctx, data);
            }
            String prevName = previous == null ? null : Json.text(previous, "name");
            Json.putIfAbsent(data, "name", prevName != null ? prevName
                    : ctx.id().name() + "_disk" + (lun.asInt() + 2) + "_" + hex());
            Json.putIfAbsent(data, "caching", "None");
            Json.putIfAbsent(data, "deleteOption", "Detach");
            Json.putIfAbsent(data, "toBeDetached", false);
            managedDisk(ctx, data);
        }
        return osType;
    }

    private static void requireAttachableDisk(PutContext ctx, ObjectNode data) {
        String id = Json.refId(data, "managedDisk");
        ResourceId disk = id == null ? null : ResourceId.parse(id);
        StoredResource stored = disk == null ? null : ctx.sim().store().get(disk.key());
        if (stored == null) {
            throw new ArmException(404, "NotFound", "Disk " + id + " to attach was not found.");
        }
        for (Ref r : ctx.sim().index().incoming(disk.key())) {
            if (r.role() == Ref.Role.DISK_MANAGED_BY && !r.sourceOwnerKey().equals(ctx.id().key())) {
                throw new ArmException(409, "OperationNotAllowed", "Disk " + disk.name() + " is already attached "
                        + "to VM " + r.sourceId() + ".");
            }
        }
        data.put("name", disk.name());
    }

    private static void managedDisk(PutContext ctx, ObjectNode disk) {
        if (disk.get("vhd") instanceof ObjectNode && !disk.has("managedDisk")) {
            return; // an unmanaged disk (a page blob): no managed disk resource, as in Azure
        }
        ObjectNode managed = Json.obj(disk, "managedDisk");
        Json.putIfAbsent(managed, "storageAccountType", "Standard_LRS");
        if (!managed.hasNonNull("id")) {
            managed.put("id", ResourceId.resource(ctx.id().subscription(), ctx.id().resourceGroup(),
                    "Microsoft.Compute", "disks", Json.text(disk, "name")).id());
        }
    }

    /** The OS disk and the data disks of a VM body. */
    static List<ObjectNode> all(ObjectNode body) {
        JsonNode storage = body.path("properties").path("storageProfile");
        List<ObjectNode> disks = new ArrayList<>();
        if (storage.get("osDisk") instanceof ObjectNode os) {
            disks.add(os);
        }
        disks.addAll(Json.objects(storage, "dataDisks"));
        return disks;
    }

    /** Materialises the VM's new managed disks as Microsoft.Compute/disks resources. */
    static void materialize(PutContext ctx, ObjectNode body) {
        JsonNode storage = body.path("properties").path("storageProfile");
        String osType = Json.text(storage.path("osDisk"), "osType");
        for (ObjectNode disk : all(body)) {
            ResourceId diskId = ResourceId.parse(Json.refId(disk, "managedDisk"));
            if (diskId == null || ctx.sim().store().get(diskId.key()) != null) {
                continue;
            }
            boolean isOs = disk == body.path("properties").path("storageProfile").get("osDisk");
            String create = Json.text(disk, "createOption");
            ObjectNode image = isOs && storage.get("imageReference") instanceof ObjectNode i ? i : null;
            ObjectNode diskBody = DiskHandler.newDisk(diskId, Json.text(body, "location"),
                    Json.text(disk.path("managedDisk"), "storageAccountType"), create,
                    disk.path("diskSizeGB").asInt(isOs ? 127 : 32), isOs ? osType : null, image);
            ctx.sim().writer().write(diskId, diskBody, Timestamps.next(), Timestamps.next());
        }
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

}
