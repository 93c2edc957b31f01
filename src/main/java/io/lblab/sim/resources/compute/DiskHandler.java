package io.lblab.sim.resources.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.json.Json;
import io.lblab.sim.resources.PutContext;
import io.lblab.sim.resources.ResourceType;
import io.lblab.sim.resources.ResourceTypeHandler;
import io.lblab.sim.store.Ref;
import io.lblab.sim.store.StoredResource;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Microsoft.Compute/disks. They appear with the virtual machines that create them; their
 * {@code managedBy} and {@code diskState} follow the VM that references them.
 */
public final class DiskHandler implements ResourceTypeHandler {
    public static final String TYPE_KEY = "Microsoft.Compute/disks";
    private static final ResourceType TYPE = new ResourceType("Microsoft.Compute", "disks", List.of());

    @Override
    public ResourceType type() {
        return TYPE;
    }

    @Override
    public boolean supportsPut() {
        return false;
    }

    @Override
    public void prepare(PutContext ctx) {
        throw new UnsupportedOperationException("disks are created by their virtual machines");
    }

    /** The body of a managed disk a VM creates. */
    public static ObjectNode newDisk(ResourceId id, String location, String storageAccountType, String createOption,
                                     int sizeGb, String osType, ObjectNode imageReference) {
        ObjectNode disk = Json.object();
        disk.put("name", id.name());
        disk.put("id", id.id());
        disk.put("type", TYPE_KEY);
        disk.put("location", location);
        ObjectNode sku = disk.putObject("sku");
        sku.put("name", storageAccountType);
        sku.put("tier", storageAccountType.startsWith("Premium") ? "Premium" : "Standard");
        ObjectNode p = disk.putObject("properties");
        p.put("provisioningState", "Succeeded");
        if (osType != null) {
            p.put("osType", osType);
            p.put("hyperVGeneration", "V1");
        }
        ObjectNode creation = p.putObject("creationData");
        creation.put("createOption", createOption);
        if (imageReference != null) {
            creation.set("imageReference", imageReference.deepCopy());
        }
        p.put("diskSizeGB", sizeGb);
        p.put("diskSizeBytes", (long) sizeGb * 1024 * 1024 * 1024);
        p.put("diskIOPSReadWrite", 500);
        p.put("diskMBpsReadWrite", 60);
        p.putObject("encryption").put("type", "EncryptionAtRestWithPlatformKey");
        p.put("networkAccessPolicy", "AllowAll");
        p.put("publicNetworkAccess", "Enabled");
        p.put("timeCreated", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        p.put("uniqueId", UUID.randomUUID().toString());
        p.put("diskState", "Unattached");
        return disk;
    }

    @Override
    public void applyBackReferences(ObjectNode body, List<Ref> incoming) {
        ObjectNode props = Json.obj(body, "properties");
        Ref vm = incoming.stream().filter(r -> r.role() == Ref.Role.DISK_MANAGED_BY).findFirst().orElse(null);
        ObjectNode ordered = Json.object();
        body.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("managedBy")) {
                ordered.set(e.getKey(), e.getValue());
            }
        });
        body.removeAll();
        body.setAll(ordered);
        if (vm != null) {
            body.put("managedBy", vm.sourceId());
        }
        props.put("diskState", vm == null ? "Unattached" : "Attached");
    }

    @Override
    public void checkDelete(StoredResource resource, List<Ref> incoming) {
        for (Ref r : incoming) {
            if (r.role() == Ref.Role.DISK_MANAGED_BY) {
                throw new ArmException(409, "OperationNotAllowed", "Disk " + resource.rid().name()
                        + " is attached to VM " + r.sourceId() + ".");
            }
        }
    }
}
