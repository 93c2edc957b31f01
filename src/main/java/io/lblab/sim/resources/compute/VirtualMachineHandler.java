package io.lblab.sim.resources.compute;

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
import io.lblab.sim.resources.SimContext;
import io.lblab.sim.resources.Timestamps;
import io.lblab.sim.resources.network.NetworkInterfaceHandler;
import io.lblab.sim.resources.network.Refs;
import io.lblab.sim.store.Ref;
import io.lblab.sim.store.StoredResource;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
        String osType = prepareStorage(ctx, props, old);
        prepareOsProfile(ctx, props, old, osType);
        prepareNetwork(ctx, props);
    }

    private String prepareStorage(PutContext ctx, ObjectNode props, ObjectNode old) {
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
            String publisher = image == null ? "" : String.valueOf(Json.text(image, "publisher"));
            osType = publisher.toLowerCase(Locale.ROOT).contains("windows") ? "Windows" : "Linux";
        }
        os.put("osType", osType);
        String oldName = oldOs == null ? null : Json.text(oldOs, "name");
        Json.putIfAbsent(os, "name", oldName != null ? oldName : ctx.id().name() + "_OsDisk_1_" + hex());
        Json.putIfAbsent(os, "caching", "ReadWrite");
        Json.putIfAbsent(os, "diskSizeGB", "Windows".equals(osType) ? 127 : 30);
        Json.putIfAbsent(os, "deleteOption", "Detach");
        managedDisk(ctx, os);
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
        ObjectNode managed = Json.obj(disk, "managedDisk");
        Json.putIfAbsent(managed, "storageAccountType", "Standard_LRS");
        if (!managed.hasNonNull("id")) {
            managed.put("id", ResourceId.resource(ctx.id().subscription(), ctx.id().resourceGroup(),
                    "Microsoft.Compute", "disks", Json.text(disk, "name")).id());
        }
    }

    private static void prepareOsProfile(PutContext ctx, ObjectNode props, ObjectNode old, String osType) {
        ObjectNode oldProfile = old != null && old.get("osProfile") instanceof ObjectNode o ? o : null;
        if (!props.has("osProfile") && oldProfile != null) {
            props.set("osProfile", oldProfile.deepCopy());
        }
        if (!(props.get("osProfile") instanceof ObjectNode profile)) {
            if (ctx.create() && !"Attach".equalsIgnoreCase(Json.text(props.path("storageProfile").path("osDisk"),
                    "createOption"))) {
                throw ArmErrors.invalidParameter("osProfile", "Required parameter 'osProfile' is missing (null).");
            }
            return;
        }
        Json.putIfAbsent(profile, "computerName", ctx.id().name());
        if (Json.text(profile, "adminUsername") == null) {
            throw ArmErrors.invalidParameter("adminUsername", "Required parameter 'adminUsername' is missing (null).");
        }
        if (oldProfile != null) {
            for (String field : List.of("computerName", "adminUsername")) {
                String before = Json.text(oldProfile, field);
                if (before != null && !before.equals(Json.text(profile, field))) {
                    throw new ArmException(409, "PropertyChangeNotAllowed", "Changing property 'osProfile."
                            + field + "' is not allowed.");
                }
            }
        }
        boolean keyOnly = profile.path("linuxConfiguration").path("disablePasswordAuthentication").asBoolean(false);
        if (ctx.create() && !keyOnly && Json.text(profile, "adminPassword") == null) {
            throw ArmErrors.invalidParameter("adminPassword", "Required parameter 'adminPassword' is missing (null).");
        }
        profile.remove("adminPassword");
        profile.remove("customData");
        Json.putEmptyArrayIfAbsent(profile, "secrets");
        Json.putIfAbsent(profile, "allowExtensionOperations", true);
        Json.putIfAbsent(profile, "requireGuestProvisionSignal", true);
        if ("Windows".equals(osType)) {
            ObjectNode windows = Json.obj(profile, "windowsConfiguration");
            Json.putIfAbsent(windows, "provisionVMAgent", true);
            Json.putIfAbsent(windows, "enableAutomaticUpdates", true);
        } else {
            ObjectNode linux = Json.obj(profile, "linuxConfiguration");
            Json.putIfAbsent(linux, "disablePasswordAuthentication", false);
            Json.putIfAbsent(linux, "provisionVMAgent", true);
        }
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

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
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
        for (ObjectNode disk : disks(body)) {
            String diskId = Json.refId(disk, "managedDisk");
            if (diskId != null) {
                Refs.add(refs, Ref.Role.DISK_MANAGED_BY, id.id(), id, diskId, null);
            }
        }
        return refs;
    }

    private static List<ObjectNode> disks(ObjectNode body) {
        JsonNode storage = body.path("properties").path("storageProfile");
        List<ObjectNode> disks = new ArrayList<>();
        if (storage.get("osDisk") instanceof ObjectNode os) {
            disks.add(os);
        }
        disks.addAll(Json.objects(storage, "dataDisks"));
        return disks;
    }

    /** Materialises the VM's new managed disks as Microsoft.Compute/disks resources. */
    @Override
    public void afterPut(PutContext ctx, StoredResource stored) {
        ObjectNode body = stored.body();
        JsonNode storage = body.path("properties").path("storageProfile");
        String osType = Json.text(storage.path("osDisk"), "osType");
        for (ObjectNode disk : disks(body)) {
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

    @Override
    public void onDeleteCompleted(StoredResource vm, SimContext sim) {
        ObjectNode body = vm.body();
        for (ObjectNode disk : disks(body)) {
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
