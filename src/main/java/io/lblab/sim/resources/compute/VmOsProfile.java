package io.lblab.sim.resources.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.json.Json;
import io.lblab.sim.resources.PutContext;

import java.util.List;

/** A VM's OS profile: required fields, immutable names, defaults, and no stored secrets. */
final class VmOsProfile {
    private VmOsProfile() {
    }

    private static boolean fromOwnImage(ObjectNode props) {
        com.fasterxml.jackson.databind.JsonNode image = props.path("storageProfile").path("imageReference");
        return image.hasNonNull("id") || image.hasNonNull("sharedGalleryImageId")
                || image.hasNonNull("communityGalleryImageId");
    }

    /** Validates and completes {@code osProfile}; the password is checked, then dropped. */
    static void prepare(PutContext ctx, ObjectNode props, ObjectNode old, String osType) {
        ObjectNode oldProfile = old != null && old.get("osProfile") instanceof ObjectNode o ? o : null;
        if (!props.has("osProfile") && oldProfile != null) {
            props.set("osProfile", oldProfile.deepCopy());
        }
        if (!(props.get("osProfile") instanceof ObjectNode profile)) {
            // an attached OS disk or a gallery/custom image (possibly specialized, as in
            // VirtualMachine_Create_FromASpecializedSharedImage) needs no OS profile; a marketplace image does
            if (ctx.create() && !"Attach".equalsIgnoreCase(Json.text(props.path("storageProfile").path("osDisk"),
                    "createOption")) && !fromOwnImage(props)) {
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

}
