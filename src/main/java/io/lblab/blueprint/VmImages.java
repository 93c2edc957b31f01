package io.lblab.blueprint;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * The VMs' image is immutable: Azure cannot change an existing VM's image, and the blueprint sends the storage
 * profile on create only. The CRD refuses an image change at admission; this check is for a spec that reached the
 * operator anyway (a cluster without the schema, an object written around it): compared with a VM Azure already
 * has, the spec's image must be the one the VM runs.
 */
public final class VmImages {

    private static final List<String> PARTS = List.of("publisher", "offer", "sku", "version");
    private static final String IMAGE = "/properties/storageProfile/imageReference";

    private VmImages() {
    }

    /**
     * Why the desired VM cannot be reconciled with the one Azure has (the message names the field, as
     * {@code InvalidSpec} messages do); empty when the images agree, when the resource is not a VM, or when Azure
     * shows no image reference. Parts compare case-insensitively, as ARM treats them.
     */
    public static Optional<String> change(DesiredResource desired, JsonNode observedBody) {
        if (desired.kind() != ResourceKind.VIRTUAL_MACHINE || observedBody == null) {
            return Optional.empty();
        }
        JsonNode wanted = desired.body().at(IMAGE);
        JsonNode actual = observedBody.at(IMAGE);
        if (!actual.isObject()) {
            return Optional.empty();
        }
        for (String part : PARTS) {
            JsonNode held = actual.get(part);
            if (held != null && held.isTextual() && !held.asText().equalsIgnoreCase(wanted.path(part).asText())) {
                return Optional.of("spec.backends.image is immutable: " + desired.name() + " runs " + describe(actual)
                        + "; delete the lab and create it again to use " + describe(wanted));
            }
        }
        return Optional.empty();
    }

    private static String describe(JsonNode image) {
        StringBuilder text = new StringBuilder();
        for (String part : PARTS) {
            text.append(text.isEmpty() ? "" : ":").append(image.path(part).asText("?"));
        }
        return text.toString();
    }
}
