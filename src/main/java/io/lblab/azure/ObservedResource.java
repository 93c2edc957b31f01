package io.lblab.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.blueprint.ResourceKind;

/**
 * A resource as Azure shows it: its writable body (ARM JSON as the SDK model serialises it) and its
 * provisioning state ({@code Succeeded} when Azure reports none).
 */
public record ObservedResource(ResourceKind kind, String id, JsonNode body, String provisioningState) {

    public boolean succeeded() {
        return "Succeeded".equalsIgnoreCase(provisioningState);
    }

    public boolean failed() {
        return "Failed".equalsIgnoreCase(provisioningState) || "Canceled".equalsIgnoreCase(provisioningState);
    }

    /** Creating, Updating, Deleting...: an operation is running on it; wait, don't write. */
    public boolean busy() {
        return !succeeded() && !failed();
    }
}
