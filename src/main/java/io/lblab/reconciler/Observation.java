package io.lblab.reconciler;

import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lab's Azure resources as last seen: full bodies by lower-case id, and the group's listing (which also shows
 * resources the spec no longer wants).
 */
record Observation(Map<String, ObservedResource> resources, List<ListedResource> listed, Instant listedAt) {

    /** Nothing seen: the resource group does not exist. */
    static Observation none() {
        return new Observation(Map.of(), List.of(), null);
    }

    ObservedResource get(String id) {
        return resources.get(LabState.key(id));
    }
}
