package io.lblab.azure;

import java.util.Map;

/** A resource group as Azure shows it. */
public record ResourceGroupState(String name, String location, Map<String, String> tags, String provisioningState) {

    public ResourceGroupState {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean deleting() {
        return "Deleting".equalsIgnoreCase(provisioningState);
    }
}
